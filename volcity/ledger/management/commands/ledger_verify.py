"""``manage.py ledger_verify [--from-seq N]``: check the hash chain, every transaction's
balance and every account's balance; exit 1 with the first break on failure."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from volcity.ledger.verify import ledger_verify


class Command(BaseCommand):
    help = "Verify the ledger's hash chain and balances (exit code 1 on failure)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from-seq", type=int, default=1, help="start at this sequence")

    def handle(self, *args: Any, **options: Any) -> None:
        tty = sys.stderr.isatty()

        def progress(done: int, total: int) -> None:
            line = f"ledger_verify: {done:,} / {total:,} transactions checked"
            self.stderr.write(line + ("\r" if tty else ""), ending="" if tty else "\n")

        report = ledger_verify(from_seq=options["from_seq"], progress=progress)
        if tty:
            self.stderr.write("")
        if not report.ok:
            where = f" at transaction #{report.broken_seq}" if report.broken_seq else ""
            account = f" (account {report.account})" if report.account else ""
            raise CommandError(
                f"ledger verification FAILED{where}{account}: {report.reason}: {report.detail}",
                returncode=1,
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"ledger verified: {report.checked:,} transactions, {report.postings:,} "
                f"postings, {report.accounts:,} accounts; head #{report.head_seq} "
                f"{report.head_hash} ({report.seconds:.2f}s)"
            )
        )
