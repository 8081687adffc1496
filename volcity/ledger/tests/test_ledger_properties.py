"""Property tests: random sequences of posts, retries, reversals and refused posts over a few
accounts keep every invariant of the ledger."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from volcity.core.errors import DomainError
from volcity.ledger.models import Account, ChainHead, LedgerTransaction, Posting
from volcity.ledger.services import account_open, ledger_post, ledger_reverse
from volcity.ledger.tests.helpers import invariant_violations
from volcity.ledger.verify import ledger_verify

pytestmark = pytest.mark.django_db

# (code, unit, allow_negative): a source that may go negative and three holders per unit.
ACCOUNTS = [
    ("pool", "points", True),
    ("h1", "points", False),
    ("h2", "points", False),
    ("h3", "points", False),
    ("supplier", "item:rice", True),
    ("w1", "item:rice", False),
    ("w2", "item:rice", False),
]

transfer = st.tuples(
    st.just("post"),
    st.integers(0, len(ACCOUNTS) - 1),
    st.integers(0, len(ACCOUNTS) - 1),
    st.integers(1, 60),
)
replay = st.tuples(st.just("replay"), st.integers(0, 50), st.booleans())
reverse = st.tuples(st.just("reverse"), st.integers(0, 50), st.booleans())
unbalanced = st.tuples(st.just("unbalanced"), st.integers(0, 3), st.integers(1, 9))
operations = st.lists(st.one_of(transfer, transfer, replay, reverse, unbalanced), max_size=25)


def state() -> tuple[Any, ...]:
    return (
        list(Account.objects.order_by("pk").values_list("balance", flat=True)),
        LedgerTransaction.objects.count(),
        Posting.objects.count(),
        ChainHead.objects.values_list("seq", "hash").get(),
    )


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=operations)
def test_random_sequences_keep_the_ledger_invariants(db: Any, ops: list[tuple[Any, ...]]) -> None:
    with transaction.atomic():
        accounts = [
            account_open(code=f"prop:{code}", name=code, unit=unit, allow_negative=neg)
            for code, unit, neg in ACCOUNTS
        ]
        posted: list[tuple[str, list[tuple[Account, int]], LedgerTransaction]] = []
        for n, op in enumerate(ops):
            before = state()
            try:
                if op[0] == "post":
                    _, src, dst, amount = op
                    lines = [(accounts[src], -amount), (accounts[dst], amount)]
                    key = f"op:{n}"
                    posted.append(
                        (key, lines, ledger_post(key=key, memo="m", kind="t", lines=lines))
                    )
                elif op[0] == "replay" and posted:
                    key, lines, txn = posted[op[1] % len(posted)]
                    if op[2]:  # the same claim again: the same transaction, nothing changes
                        assert ledger_post(key=key, memo="m", kind="t", lines=lines).pk == txn.pk
                        assert state() == before
                    else:  # the same key for something else: refused
                        changed = [(a, amt * 2) for a, amt in lines]
                        ledger_post(key=key, memo="m", kind="t", lines=changed)
                        raise AssertionError("a reused key was accepted")
                elif op[0] == "reverse" and posted:
                    key, _lines, txn = posted[op[1] % len(posted)]
                    ledger_reverse(transaction=txn, key=f"{key}:undo:{op[2]}", memo="undo")
                elif op[0] == "unbalanced":
                    _, holder, off = op
                    ledger_post(
                        key=f"bad:{n}",
                        memo="m",
                        kind="t",
                        lines=[(accounts[0], -10), (accounts[1 + holder % 3], 10 + off)],
                    )
                    raise AssertionError("unbalanced postings were accepted")
            except DomainError:
                assert state() == before  # a refusal leaves everything as it was
        assert invariant_violations() == []
        report = ledger_verify()
        assert report.ok, report
        transaction.set_rollback(True)
