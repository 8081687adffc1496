"""Rate every household of every open virtue bank (run from cron, e.g. on the 1st of each
month: ``30 2 1 * * cd /srv/volcity && .venv/bin/python manage.py virtue_rating_run``)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from volcity.core.errors import DomainError
from volcity.virtue.models import VirtueBank
from volcity.virtue.services.credit import rating_run


class Command(BaseCommand):
    help = "Compute the civic credit rating of every household as of a day (today by default)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", default="", help="YYYY-MM-DD (default: today)")
        parser.add_argument("--village", default="", help="only this village's bank (code)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            as_of = datetime.date.fromisoformat(options["as_of"]) if options["as_of"] else None
        except ValueError:
            raise CommandError("--as-of must be YYYY-MM-DD") from None
        banks = VirtueBank.objects.filter(active=True).order_by("region_id")
        if options["village"]:
            banks = banks.filter(region_id=options["village"])
        total = 0
        for bank in banks:
            try:
                total += rating_run(actor=None, bank=bank, as_of=as_of)
            except DomainError as exc:
                raise CommandError(str(exc.message)) from None
        self.stdout.write(f"virtue: {total} households rated in {len(banks)} banks")
