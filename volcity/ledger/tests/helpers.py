"""Invariant checks and tampering, shared by the ledger's tests."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import connection
from django.db.models import Sum

from volcity.ledger.models import Account, LedgerTransaction, Posting


def invariant_violations() -> list[str]:
    found: list[str] = []
    sums = dict(
        Posting.objects.order_by()
        .values("account_id")
        .annotate(t=Sum("amount"))
        .values_list("account_id", "t")
    )
    for account in Account.objects.all():
        if account.balance != (sums.get(account.pk) or 0):
            found.append(f"{account.code}: balance {account.balance} != postings")
        if account.balance < 0 and not account.allow_negative:
            found.append(f"{account.code}: negative balance {account.balance}")
    per_txn: dict[tuple[int, str], int] = defaultdict(int)
    for txn_id, unit, amount in Posting.objects.values_list("transaction_id", "unit", "amount"):
        per_txn[(txn_id, unit)] += amount
    found += [f"transaction {k} off by {v}" for k, v in per_txn.items() if v]
    seqs = list(LedgerTransaction.objects.order_by("seq").values_list("seq", flat=True))
    if seqs != list(range(1, len(seqs) + 1)):
        found.append("sequence numbers are not 1..n")
    return found


def tamper(sql: str, params: list[Any]) -> None:
    """An attacker with database access: switch the append-only trigger off (inside the test's
    transaction, so it comes back afterwards) and rewrite a row."""
    words = sql.split()
    table = words[2] if words[0].upper() == "DELETE" else words[1]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Fire the deferred foreign-key checks first: ALTER TABLE refuses pending events.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            name = {"ledger_posting": "ledger_posting"}.get(table, "ledger_transaction")
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}_no_update")
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}_no_delete")
        cursor.execute(sql, params)
