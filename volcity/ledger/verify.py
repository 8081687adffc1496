"""Verifying the ledger: the hash chain, each transaction's balance, and every account's
balance against the sum of its postings.

Transactions are read in sequence order in batches (keyset on ``seq``), with their postings
in one query per batch, so a million postings never sit in memory at once. Account balances
are compared with one grouped query over the postings.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from volcity.ledger.chain import transaction_hash
from volcity.ledger.models import GENESIS_HASH, Account, ChainHead, LedgerTransaction, Posting

BATCH = 2000
CACHE_KEY = "ledger:verify:report"
CACHE_SECONDS = 60


@dataclass(frozen=True)
class VerifyReport:
    ok: bool
    checked: int  # transactions checked
    postings: int
    accounts: int
    head_seq: int
    head_hash: str
    broken_seq: int | None = None
    reason: str = ""  # hash_mismatch, chain_break, unbalanced, unit_mismatch, balance_mismatch,
    #                   head_mismatch
    detail: str = ""
    account: str = ""
    seconds: float = 0.0
    verified_at: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


Progress = Callable[[int, int], None]


def ledger_verify(
    *, from_seq: int = 1, batch: int = BATCH, progress: Progress | None = None
) -> VerifyReport:
    """Check the chain from ``from_seq`` to the head, then every account's balance.

    On PostgreSQL it reads one snapshot (REPEATABLE READ, read only), so writers may go on
    meanwhile and the head, the chain and the balances still agree with each other.
    """
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            return _verify(from_seq=from_seq, batch=batch, progress=progress, snapshot=True)
    return _verify(
        from_seq=from_seq, batch=batch, progress=progress, snapshot=connection.in_atomic_block
    )


def _verify(
    *, from_seq: int, batch: int, progress: Progress | None, snapshot: bool
) -> VerifyReport:
    start = time.perf_counter()
    head = ChainHead.objects.filter(pk=1).first() or ChainHead(seq=0, hash=GENESIS_HASH)
    state = {"checked": 0, "postings": 0}

    def done(**failure: Any) -> VerifyReport:
        return VerifyReport(
            ok=not failure,
            checked=state["checked"],
            postings=state["postings"],
            accounts=Account.objects.count(),
            head_seq=head.seq,
            head_hash=head.hash,
            seconds=round(time.perf_counter() - start, 3),
            verified_at=timezone.now().isoformat(timespec="seconds"),
            **failure,
        )

    from_seq = min(max(1, from_seq), head.seq + 1)  # past the head: nothing to check
    expected_seq = from_seq
    prev_hash = GENESIS_HASH
    if from_seq > 1:
        before = LedgerTransaction.objects.filter(seq=from_seq - 1).values_list("hash", flat=True)
        if not before:
            return done(
                broken_seq=from_seq - 1,
                reason="chain_break",
                detail=_("Transaction #%(seq)s is missing.") % {"seq": from_seq - 1},
            )
        prev_hash = before[0]

    last_seq = from_seq - 1
    while True:
        rows = list(
            LedgerTransaction.objects.filter(seq__gte=expected_seq, seq__lte=head.seq)
            .order_by("seq")
            .values_list(
                "pk",
                "seq",
                "key",
                "memo",
                "kind",
                "created_at",
                "reverses__seq",
                "prev_hash",
                "hash",
            )[:batch]
        )
        if not rows:
            break
        by_txn: dict[int, list[tuple[str, int, str, int, str]]] = defaultdict(list)
        for txn_id, code, amount, unit, after, account_unit in Posting.objects.filter(
            transaction_id__in=[r[0] for r in rows]
        ).values_list(
            "transaction_id", "account__code", "amount", "unit", "balance_after", "account__unit"
        ):
            by_txn[txn_id].append((code, amount, unit, after, account_unit))
        for pk, seq, key, memo, kind, created_at, reverses_seq, stored_prev, stored_hash in rows:
            if seq != expected_seq:
                return done(
                    broken_seq=expected_seq,
                    reason="chain_break",
                    detail=_("Transaction #%(seq)s is missing from the chain.")
                    % {"seq": expected_seq},
                )
            if stored_prev != prev_hash:
                return done(
                    broken_seq=seq,
                    reason="chain_break",
                    detail=_(
                        "Transaction #%(seq)s does not point to the hash of the one before it."
                    )
                    % {"seq": seq},
                )
            postings = by_txn.get(pk, [])
            sums: dict[str, int] = defaultdict(int)
            for code, amount, unit, _after, account_unit in postings:
                if unit != account_unit:
                    return done(
                        broken_seq=seq,
                        reason="unit_mismatch",
                        account=code,
                        detail=_("Transaction #%(seq)s posts %(unit)s to account %(code)s.")
                        % {"seq": seq, "unit": unit, "code": code},
                    )
                sums[unit] += amount
            if not postings or any(sums.values()):
                return done(
                    broken_seq=seq,
                    reason="unbalanced",
                    detail=_("The postings of transaction #%(seq)s do not sum to zero.")
                    % {"seq": seq},
                )
            digest = transaction_hash(
                seq=seq,
                key=key,
                memo=memo,
                kind=kind,
                created_at=created_at,
                reverses_seq=reverses_seq,
                postings=[p[:4] for p in postings],
                prev_hash=stored_prev,
            )
            if digest != stored_hash:
                return done(
                    broken_seq=seq,
                    reason="hash_mismatch",
                    detail=_(
                        "Transaction #%(seq)s was changed after it was written: its content no "
                        "longer matches its hash."
                    )
                    % {"seq": seq},
                )
            prev_hash = stored_hash
            last_seq = seq
            expected_seq = seq + 1
            state["checked"] += 1
            state["postings"] += len(postings)
        if progress is not None:
            progress(state["checked"], head.seq)

    # Rows past the head (appended around the head) are only told apart from a writer's
    # newest row in a snapshot.
    beyond = snapshot and LedgerTransaction.objects.filter(seq__gt=head.seq).exists()
    if beyond or last_seq != head.seq or (head.seq and prev_hash != head.hash):
        return done(
            broken_seq=last_seq + 1 if last_seq < head.seq else head.seq,
            reason="head_mismatch",
            detail=_(
                "The chain ends at #%(last)s but its head says #%(head)s: transactions were "
                "removed or the head was changed."
            )
            % {"last": last_seq, "head": head.seq},
        )

    sums_by_account = dict(
        Posting.objects.order_by()
        .values("account_id")
        .annotate(total=Sum("amount"))
        .values_list("account_id", "total")
    )
    for pk, code, balance in (
        Account.objects.order_by("pk")
        .values_list("pk", "code", "balance")
        .iterator(chunk_size=batch)
    ):
        total = sums_by_account.get(pk) or 0
        if balance != total:
            return done(
                reason="balance_mismatch",
                account=code,
                detail=_(
                    "Account %(code)s shows a balance of %(balance)s but its postings sum to "
                    "%(total)s."
                )
                % {"code": code, "balance": balance, "total": total},
            )
    return done()


def ledger_verify_cached() -> dict[str, Any]:
    """The full verification, cached for CACHE_SECONDS so a public page cannot be used to
    make the server verify the whole ledger on every request."""
    found = cache.get(CACHE_KEY)
    if found is None:
        found = ledger_verify().as_dict()
        cache.set(CACHE_KEY, found, CACHE_SECONDS)
    return dict(found)
