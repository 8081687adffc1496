"""The PostgreSQL concurrency test's child process (``test_ledger_concurrency.py``).

Run with DATABASE_URL naming a fresh, empty database: migrates it, opens accounts, and lets
THREADS threads (each its own connection) post at once to the same accounts: transfers that
fit, transfers that overdraw, and retries of keys other threads post too. Prints one JSON
object: counts of what happened, the invariant violations found, and the verification.
"""

from __future__ import annotations

import json
import random
import sys
import threading
from collections import Counter
from typing import Any


def main(threads: int, per_thread: int) -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from volcity.core.errors import DomainError
    from volcity.ledger.models import Account
    from volcity.ledger.services import account_open, ledger_post, ledger_reverse
    from volcity.ledger.tests.helpers import invariant_violations
    from volcity.ledger.verify import ledger_verify

    call_command("migrate", interactive=False, verbosity=0)
    pool = account_open(code="conc:pool", name="pool", unit="points", allow_negative=True)
    holders = [account_open(code=f"conc:h{i}", name=f"h{i}", unit="points") for i in range(3)]
    ledger_post(
        key="seed", memo="seed", kind="t", lines=[(pool, -300), *[(h, 100) for h in holders]]
    )
    connection.close()
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()
    barrier = threading.Barrier(threads)
    failures: list[str] = []

    def worker(n: int) -> None:
        rng = random.Random(n)
        accounts = list(Account.objects.filter(code__startswith="conc:").order_by("pk"))
        mine: Counter[str] = Counter()
        barrier.wait()
        try:
            for i in range(per_thread):
                a, b = rng.sample(accounts[1:], 2)
                amount = rng.randint(1, 40)
                # Every thread posts the shared keys too: each must be posted exactly once.
                key = f"shared:{i}" if i % 5 == 0 else f"t{n}:{i}"
                lines = (
                    [(a, -amount), (b, amount)]
                    if key.startswith("t")
                    else [
                        (accounts[0], -1),
                        (accounts[1], 1),
                    ]
                )
                try:
                    txn = ledger_post(key=key, memo="m", kind="t", lines=lines)
                    mine["posted"] += 1
                except DomainError as exc:
                    mine[exc.code] += 1
                    continue
                if i % 7 == 3:
                    try:
                        ledger_reverse(transaction=txn, key=f"undo:{key}", memo="undo")
                        mine["reversed"] += 1
                    except DomainError as exc:
                        mine[f"reverse:{exc.code}"] += 1
        except Exception as exc:  # anything else is a failure of the test
            with lock:
                failures.append(repr(exc))
        finally:
            connection.close()
        with lock:
            outcomes.update(mine)

    pool_threads = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for t in pool_threads:
        t.start()
    for t in pool_threads:
        t.join()
    from volcity.ledger.models import LedgerTransaction

    report = ledger_verify()
    result: dict[str, Any] = {
        "outcomes": dict(outcomes),
        "failures": failures,
        "violations": invariant_violations(),
        "verify_ok": report.ok,
        "verify": report.as_dict(),
        "shared_posted": LedgerTransaction.objects.filter(key__startswith="shared:").count(),
        "shared_expected": len([i for i in range(per_thread) if i % 5 == 0]),
        "balances": list(Account.objects.order_by("pk").values_list("code", "balance")),
    }
    print(json.dumps(result, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]), int(sys.argv[2])))
