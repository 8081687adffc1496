"""Tampering: an attacker with database access switches the append-only trigger off and
rewrites a row; the command, the page and the API all report the break at that transaction."""

from __future__ import annotations

from collections.abc import Callable
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from volcity.ledger.models import Account, LedgerTransaction, Posting
from volcity.ledger.services import ledger_post
from volcity.ledger.tests.helpers import tamper
from volcity.ledger.verify import ledger_verify

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(open_account: Callable[..., Account]) -> list[LedgerTransaction]:
    pool = open_account("pool", allow_negative=True)
    holder = open_account("holder")
    return [
        ledger_post(key=f"d{i}", memo=f"deed {i}", kind="award", lines=[(pool, -i), (holder, i)])
        for i in (1, 2, 3)
    ]


def assert_reported(seq: int, reason: str) -> None:
    report = ledger_verify()
    assert (report.ok, report.broken_seq, report.reason) == (False, seq, reason), report
    with pytest.raises(CommandError) as caught:
        call_command("ledger_verify", stdout=StringIO(), stderr=StringIO())
    assert caught.value.returncode == 1
    assert f"#{seq}" in str(caught.value) and reason in str(caught.value)
    cache.clear()
    page = Client().get(reverse("ledger:verify"))
    assert b'data-testid="ledger-verify-failed"' in page.content
    assert f"#{seq}".encode() in page.content
    cache.clear()
    body = Client().get("/api/v1/ledger/verify").json()
    assert (body["ok"], body["broken_seq"], body["reason"]) == (False, seq, reason)


def test_an_intact_ledger_passes_the_command_page_and_api(three: list[LedgerTransaction]) -> None:
    out = StringIO()
    call_command("ledger_verify", stdout=out, stderr=StringIO())
    assert "ledger verified: 3 transactions, 6 postings" in out.getvalue()
    page = Client().get(reverse("ledger:verify"))
    assert page.status_code == 200
    assert b'data-testid="ledger-verify-ok"' in page.content
    assert three[-1].hash.encode() in page.content
    body = Client().get("/api/v1/ledger/verify").json()
    assert body["ok"] is True and body["head_seq"] == 3 and body["head_hash"] == three[-1].hash


def test_a_changed_posting_amount_is_found(three: list[LedgerTransaction]) -> None:
    posting = Posting.objects.filter(transaction=three[1], amount__gt=0).get()
    tamper("UPDATE ledger_posting SET amount = %s WHERE id = %s", [200, posting.pk])
    assert_reported(2, "unbalanced")


def test_a_changed_posting_pair_that_still_balances_is_found(
    three: list[LedgerTransaction],
) -> None:
    tamper(
        "UPDATE ledger_posting SET amount = amount * 10 WHERE transaction_id = %s", [three[1].pk]
    )
    assert_reported(2, "hash_mismatch")


def test_a_changed_memo_is_found(three: list[LedgerTransaction]) -> None:
    tamper(
        "UPDATE ledger_ledgertransaction SET memo = %s WHERE id = %s", ["rewritten", three[0].pk]
    )
    assert_reported(1, "hash_mismatch")


def test_a_removed_transaction_is_found(three: list[LedgerTransaction]) -> None:
    tamper("DELETE FROM ledger_posting WHERE transaction_id = %s", [three[1].pk])
    tamper("DELETE FROM ledger_ledgertransaction WHERE id = %s", [three[1].pk])
    assert_reported(2, "chain_break")


def test_a_balance_that_drifts_from_its_postings_is_found(
    three: list[LedgerTransaction],
) -> None:
    Account.objects.filter(code="holder").update(balance=1000)
    report = ledger_verify()
    assert (report.ok, report.reason, report.account) == (False, "balance_mismatch", "holder")


def test_the_public_result_is_cached(three: list[LedgerTransaction]) -> None:
    assert Client().get("/api/v1/ledger/verify").json()["ok"] is True
    tamper("UPDATE ledger_ledgertransaction SET memo = %s WHERE id = %s", ["x", three[0].pk])
    assert Client().get("/api/v1/ledger/verify").json()["ok"] is True  # cached for a minute
    cache.clear()
    assert Client().get("/api/v1/ledger/verify").json()["ok"] is False


def test_verifying_from_a_sequence_number_checks_the_rest(three: list[LedgerTransaction]) -> None:
    assert ledger_verify(from_seq=3).checked == 1
    assert ledger_verify(from_seq=99).ok
    out = StringIO()
    call_command("ledger_verify", "--from-seq", "2", stdout=out, stderr=StringIO())
    assert "ledger verified: 2 transactions" in out.getvalue()
