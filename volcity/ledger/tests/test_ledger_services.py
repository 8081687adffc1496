from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction

from volcity.ledger import errors
from volcity.ledger.models import Account, ChainHead, LedgerTransaction, Posting
from volcity.ledger.queries import balance_of
from volcity.ledger.services import account_open, ledger_post, ledger_reverse
from volcity.ledger.tests.helpers import invariant_violations
from volcity.ledger.verify import ledger_verify

pytestmark = pytest.mark.django_db


@pytest.fixture
def pool(open_account: Callable[..., Account]) -> Account:
    return open_account("virtue:pool:1", allow_negative=True)


@pytest.fixture
def household(open_account: Callable[..., Account]) -> Account:
    return open_account("virtue:household:12")


def snapshot() -> tuple[Any, ...]:
    return (
        list(Account.objects.order_by("pk").values_list("code", "balance")),
        LedgerTransaction.objects.count(),
        Posting.objects.count(),
        ChainHead.objects.values_list("seq", "hash").get(),
    )


def award(pool: Account, household: Account, points: int, key: str) -> LedgerTransaction:
    return ledger_post(
        key=key, memo="扶老助残", kind="award", lines=[(pool, -points), (household, points)]
    )


def test_account_open_is_idempotent_on_its_code(open_account: Callable[..., Account]) -> None:
    first = open_account("time:volunteer:1", "hour_credits")
    assert open_account("time:volunteer:1", "hour_credits").pk == first.pk
    assert Account.objects.count() == 1


def test_account_open_refuses_another_unit_for_an_existing_code(
    open_account: Callable[..., Account],
) -> None:
    open_account("stock:w1:rice", "item:rice-5kg")
    with pytest.raises(errors.UnitChanged) as caught:
        open_account("stock:w1:rice", "points")
    assert caught.value.code == "ledger_account_unit_changed"


def test_account_open_refuses_an_unknown_unit(db: Any) -> None:
    with pytest.raises(errors.InvalidAccount) as caught:
        account_open(code="x", name="x", unit="dollars")
    assert "unit" in caught.value.fields


def test_post_moves_points_and_keeps_balances_in_the_account_rows(
    pool: Account, household: Account
) -> None:
    txn = award(pool, household, 50, "deed:1")
    assert txn.seq == 1
    assert balance_of(household.pk) == 50
    assert balance_of(pool.pk) == -50
    assert sorted(txn.postings.values_list("amount", "balance_after")) == [(-50, -50), (50, 50)]
    assert ChainHead.objects.get().hash == txn.hash
    assert ledger_verify().ok


def test_a_second_posting_of_the_same_claim_changes_nothing(
    pool: Account, household: Account
) -> None:
    first = award(pool, household, 50, "deed:1")
    before = snapshot()
    again = award(pool, household, 50, "deed:1")
    assert again.pk == first.pk
    assert snapshot() == before


def test_the_same_key_with_other_content_is_refused(pool: Account, household: Account) -> None:
    award(pool, household, 50, "deed:1")
    before = snapshot()
    with pytest.raises(errors.KeyReused) as caught:
        award(pool, household, 60, "deed:1")
    assert caught.value.code == "ledger_key_reused"
    assert caught.value.status == 409
    assert snapshot() == before


def test_redeeming_more_points_than_there_are_is_refused_with_the_shortfall(
    pool: Account, household: Account, open_account: Callable[..., Account]
) -> None:
    shop = open_account("virtue:shop:1")
    award(pool, household, 30, "deed:1")
    before = snapshot()
    with pytest.raises(errors.InsufficientBalance) as caught:
        ledger_post(
            key="redeem:1", memo="兑换", kind="redeem", lines=[(household, -50), (shop, 50)]
        )
    assert caught.value.code == "ledger_insufficient_balance"
    message = str(caught.value.message)
    assert "balance 30" in message and "needs 50" in message and "short by 20" in message
    assert "virtue:household:12" in message
    assert snapshot() == before


def test_taking_more_stock_than_there_is_is_refused(open_account: Callable[..., Account]) -> None:
    supplier = open_account("stock:in", "item:rice-5kg", allow_negative=True)
    warehouse = open_account("stock:w1", "item:rice-5kg")
    site = open_account("stock:site1", "item:rice-5kg")
    ledger_post(key="in:1", memo="入库", kind="stock_in", lines=[(supplier, -10), (warehouse, 10)])
    with pytest.raises(errors.InsufficientBalance) as caught:
        ledger_post(
            key="out:1", memo="出库", kind="stock_out", lines=[(warehouse, -11), (site, 11)]
        )
    assert "pieces of rice-5kg" in str(caught.value.message)
    assert balance_of(warehouse.pk) == 10


@pytest.mark.parametrize(
    ("amounts", "error", "code"),
    [
        ([], errors.EmptyTransaction, "ledger_no_lines"),
        ([0, 0], errors.InvalidAmount, "ledger_invalid_amount"),
        ([1.5, -1.5], errors.InvalidAmount, "ledger_invalid_amount"),
        ([True, -1], errors.InvalidAmount, "ledger_invalid_amount"),
        ([-50, 40], errors.Unbalanced, "ledger_unbalanced"),
    ],
)
def test_bad_lines_are_refused_and_nothing_changes(
    pool: Account, household: Account, amounts: list[Any], error: type[Exception], code: str
) -> None:
    before = snapshot()
    lines = list(zip([pool, household], amounts, strict=False))
    with pytest.raises(error) as caught:
        ledger_post(key="bad:1", memo="x", kind="award", lines=lines)
    assert caught.value.code == code  # type: ignore[attr-defined]
    assert snapshot() == before


def test_unbalanced_message_names_the_unit(open_account: Callable[..., Account]) -> None:
    a = open_account("a", "yuan", allow_negative=True)
    b = open_account("b", "yuan")
    p = open_account("p", "points", allow_negative=True)
    q = open_account("q", "points")
    with pytest.raises(errors.Unbalanced) as caught:
        ledger_post(key="k", memo="m", kind="gift", lines=[(a, -100), (b, 100), (p, -5), (q, 4)])
    assert "points" in str(caught.value.message)


def test_postings_in_two_units_each_summing_to_zero_are_accepted(
    open_account: Callable[..., Account],
) -> None:
    a = open_account("a", "yuan", allow_negative=True)
    b = open_account("b", "yuan")
    p = open_account("p", "points", allow_negative=True)
    q = open_account("q", "points")
    ledger_post(key="k", memo="m", kind="gift", lines=[(a, -100), (b, 100), (p, -5), (q, 5)])
    assert (balance_of(b.pk), balance_of(q.pk)) == (100, 5)


def test_empty_key_is_refused(pool: Account, household: Account) -> None:
    with pytest.raises(errors.InvalidKey):
        award(pool, household, 5, " ")


def test_reversal_undoes_a_transaction_once(pool: Account, household: Account) -> None:
    txn = award(pool, household, 50, "deed:1")
    back = ledger_reverse(transaction=txn, key="deed:1:undo", memo="误录撤销")
    assert back.reverses_id == txn.pk
    assert (balance_of(household.pk), balance_of(pool.pk)) == (0, 0)
    assert ledger_reverse(transaction=txn, key="deed:1:undo", memo="误录撤销").pk == back.pk
    before = snapshot()
    with pytest.raises(errors.AlreadyReversed) as caught:
        ledger_reverse(transaction=txn, key="deed:1:undo-again", memo="again")
    assert caught.value.code == "ledger_already_reversed"
    with pytest.raises(errors.CannotReverseReversal):
        ledger_reverse(transaction=back, key="deed:1:redo", memo="redo")
    assert snapshot() == before
    assert ledger_verify().ok


def test_reversing_a_deposit_already_spent_is_refused(
    pool: Account, household: Account, open_account: Callable[..., Account]
) -> None:
    shop = open_account("virtue:shop:1")
    txn = award(pool, household, 50, "deed:1")
    ledger_post(key="redeem:1", memo="兑换", kind="redeem", lines=[(household, -40), (shop, 40)])
    before = snapshot()
    with pytest.raises(errors.InsufficientBalance) as caught:
        ledger_reverse(transaction=txn, key="deed:1:undo", memo="撤销")
    assert "already spent" in str(caught.value.message)
    assert snapshot() == before


def test_an_account_may_go_negative_only_if_allowed(pool: Account, household: Account) -> None:
    award(pool, household, 10, "d1")
    assert balance_of(pool.pk) == -10
    with pytest.raises(errors.InsufficientBalance):
        ledger_post(key="d2", memo="m", kind="award", lines=[(household, -11), (pool, 11)])


def test_the_database_refuses_a_negative_balance_where_not_allowed(household: Account) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Account.objects.filter(pk=household.pk).update(balance=-1)


def test_the_database_refuses_to_update_or_delete_postings_and_transactions(
    pool: Account, household: Account
) -> None:
    txn = award(pool, household, 5, "d1")
    for sql in (
        "UPDATE ledger_posting SET amount = 7",
        "DELETE FROM ledger_posting",
        "UPDATE ledger_ledgertransaction SET memo = 'x'",
        "DELETE FROM ledger_ledgertransaction",
    ):
        with pytest.raises(Exception, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql)
    with pytest.raises(RuntimeError):
        txn.save()
    with pytest.raises(RuntimeError):
        txn.delete()
    assert invariant_violations() == []


def test_the_chain_links_each_transaction_to_the_one_before(
    pool: Account, household: Account
) -> None:
    first = award(pool, household, 5, "d1")
    second = award(pool, household, 6, "d2")
    assert first.prev_hash == "0" * 64
    assert second.prev_hash == first.hash
    assert second.seq == 2
    report = ledger_verify()
    assert (report.ok, report.checked, report.postings, report.head_seq) == (True, 2, 4, 2)
    assert ledger_verify(from_seq=2).checked == 1


def test_the_actor_is_kept(pool: Account, people: dict[str, Any]) -> None:
    other = account_open(code="h2", name="h2", unit="points")
    txn = ledger_post(
        key="d1",
        memo="m",
        kind="award",
        lines=[(pool, -1), (other, 1)],
        actor=people["village_admin"],
    )
    assert txn.actor_id == people["village_admin"].pk
