"""The points shop's services: goods and stock in the ledger, redemptions that move points and
goods in one transaction or not at all, refusals that name what is short, voids."""

from __future__ import annotations

import pytest
from django.db.models import Sum
from django.utils import translation

from volcity.audit.models import AuditEntry
from volcity.core.errors import DomainError
from volcity.ledger.models import Account, LedgerTransaction, Posting
from volcity.ledger.verify import ledger_verify
from volcity.virtue.models_shop import Redemption, ShopItem
from volcity.virtue.services.shop import redemption_make, redemption_void
from volcity.virtue.services.shop_stock import (
    shop_item_add,
    shop_item_restock,
    shop_item_stock_adjust,
    shop_item_update,
)

pytestmark = pytest.mark.django_db


def balance(account_id):
    return Account.objects.get(pk=account_id).balance


def summed(account_id):
    return Posting.objects.filter(account_id=account_id).aggregate(s=Sum("amount"))["s"] or 0


@pytest.fixture
def shop(v):
    soap = shop_item_add(
        actor=v.clerk, bank=v.bank, name="洗衣粉", points_price=20, unit_label="袋"
    )
    oil = shop_item_add(actor=v.clerk, bank=v.bank, name="食用油", points_price=50, unit_label="瓶")
    shop_item_restock(actor=v.clerk, item=soap, quantity=10, key="restock-soap-1")
    shop_item_restock(actor=v.clerk, item=oil, quantity=2, key="restock-oil-01")
    return soap, oil


def test_a_redemption_moves_points_and_goods_in_one_transaction(v, shop):
    soap, oil = shop
    home = v.households[0]
    r = redemption_make(
        actor=v.clerk, household=home, lines=[(soap, 2), (oil, 1)], key="basket-0001"
    )
    assert r.number.startswith("DH202611") and r.total_points == 90
    assert balance(home.account_id) == 10  # 100 base - 90
    assert balance(soap.stock_account_id) == 8 and balance(oil.stock_account_id) == 1
    assert balance(soap.out_account_id) == 2
    assert Posting.objects.filter(transaction=r.transaction).count() == 6
    assert [(line.name, line.quantity, line.points_each) for line in r.lines.order_by("id")] == [
        ("洗衣粉", 2, 20),
        ("食用油", 1, 50),
    ]
    assert AuditEntry.objects.filter(action="virtue.shop.redeemed").count() == 1
    for account_id in (home.account_id, soap.stock_account_id, oil.out_account_id):
        assert balance(account_id) == summed(account_id)
    assert ledger_verify().ok


def test_short_points_are_refused_naming_the_balance_and_nothing_is_written(v, shop):
    soap, oil = shop
    home = v.households[0]
    before = LedgerTransaction.objects.count()
    with translation.override("en"), pytest.raises(DomainError) as refused:
        redemption_make(actor=v.clerk, household=home, lines=[(oil, 2), (soap, 1)], key="k-short-1")
    assert refused.value.code == "points_short"
    assert "household" in refused.value.fields
    assert "has 100 points; these goods need 120 (short by 20)" in str(refused.value.message)
    assert LedgerTransaction.objects.count() == before and not Redemption.objects.exists()
    assert balance(home.account_id) == 100 and balance(oil.stock_account_id) == 2


def test_short_stock_is_refused_naming_the_item_and_what_is_left(v, shop):
    soap, oil = shop
    redemption_make(actor=v.clerk, household=v.households[1], lines=[(oil, 1)], key="k-first1")
    with translation.override("en"), pytest.raises(DomainError) as refused:
        redemption_make(actor=v.clerk, household=v.households[0], lines=[(oil, 2)], key="k-stock1")
    assert refused.value.code == "stock_short"
    assert "Only 1 瓶 of 食用油 left; asked for 2." in refused.value.fields[f"qty_{oil.pk}"][0]
    assert Redemption.objects.count() == 1 and balance(v.households[0].account_id) == 100


@pytest.mark.parametrize(
    ("lines", "code"),
    [([], "basket_empty"), ("zero", "invalid_quantity"), ("inactive", "item_inactive")],
)
def test_bad_baskets_are_refused_with_their_code(v, shop, lines, code):
    soap, _oil = shop
    if lines == "zero":
        lines = [(soap, 0)]
    elif lines == "inactive":
        shop_item_update(actor=v.clerk, item=soap, active=False)
        lines = [(soap, 1)]
    with pytest.raises(DomainError) as refused:
        redemption_make(actor=v.clerk, household=v.households[0], lines=lines, key="k-bad-0001")
    assert refused.value.code == code
    assert not Redemption.objects.exists()


def test_another_villages_goods_and_clerk_are_refused(v, shop, people, city, make_user):
    from volcity.virtue.tests.factories import village

    other = village(people, city, make_user, region="village21")
    theirs = shop_item_add(actor=other.clerk, bank=other.bank, name="毛巾", points_price=10)
    with pytest.raises(DomainError) as refused:
        redemption_make(
            actor=v.clerk, household=v.households[0], lines=[(theirs, 1)], key="k-x-0001"
        )
    assert refused.value.code == "item_other_bank"
    with pytest.raises(DomainError) as forbidden:
        redemption_make(
            actor=other.clerk, household=v.households[0], lines=[(shop[0], 1)], key="k-y-0001"
        )
    assert forbidden.value.status == 403


def test_an_inactive_household_cannot_redeem(v, shop):
    home = v.households[1]
    home.active = False
    home.save(update_fields=["active"])
    with pytest.raises(DomainError) as refused:
        redemption_make(actor=v.clerk, household=home, lines=[(shop[0], 1)], key="k-inactive")
    assert refused.value.code == "household_inactive"


def test_a_retried_redemption_returns_the_first_receipt(v, shop):
    soap, _oil = shop
    home = v.households[0]
    first = redemption_make(actor=v.clerk, household=home, lines=[(soap, 1)], key="retry-0001")
    again = redemption_make(actor=v.clerk, household=home, lines=[(soap, 1)], key="retry-0001")
    assert again.pk == first.pk and Redemption.objects.count() == 1
    assert balance(home.account_id) == 80 and balance(soap.stock_account_id) == 9
    with pytest.raises(DomainError) as reused:
        redemption_make(actor=v.clerk, household=home, lines=[(soap, 2)], key="retry-0001")
    assert reused.value.code == "redemption_key_reused"


def test_a_void_gives_back_points_and_goods_once(v, shop):
    soap, oil = shop
    home = v.households[0]
    r = redemption_make(actor=v.clerk, household=home, lines=[(soap, 1), (oil, 1)], key="void-0001")
    with pytest.raises(DomainError) as no_reason:
        redemption_void(actor=v.clerk, redemption=r, reason=" ")
    assert no_reason.value.code == "reason_required"
    voided = redemption_void(actor=v.clerk, redemption=r, reason="油瓶破损，退回")
    assert voided.voided_at is not None and voided.void_transaction is not None
    assert voided.void_transaction.reverses_id == r.transaction_id
    assert balance(home.account_id) == 100
    assert balance(soap.stock_account_id) == 10 and balance(oil.stock_account_id) == 2
    assert balance(oil.out_account_id) == 0
    with pytest.raises(DomainError) as twice:
        redemption_void(actor=v.clerk, redemption=r, reason="again")
    assert twice.value.code == "already_voided"
    assert AuditEntry.objects.filter(action="virtue.shop.voided").count() == 1
    assert ledger_verify().ok


def test_a_new_price_counts_for_later_redemptions_only(v, shop):
    soap, _oil = shop
    home = v.households[0]
    old = redemption_make(actor=v.clerk, household=home, lines=[(soap, 1)], key="price-0001")
    shop_item_update(actor=v.clerk, item=soap, points_price=25)
    soap.refresh_from_db()
    new = redemption_make(actor=v.clerk, household=home, lines=[(soap, 1)], key="price-0002")
    assert old.lines.get().points_each == 20 and new.lines.get().points_each == 25
    assert balance(home.account_id) == 55
    assert AuditEntry.objects.get(action="virtue.shop.item_updated").changes == {
        "points_price": [20, 25]
    }


def test_restock_twice_with_one_key_counts_once_and_a_count_corrects_the_stock(v, shop):
    soap, _oil = shop
    shop_item_restock(actor=v.clerk, item=soap, quantity=5, key="form-token-1")
    shop_item_restock(actor=v.clerk, item=soap, quantity=5, key="form-token-1")
    assert balance(soap.stock_account_id) == 15
    shop_item_stock_adjust(actor=v.clerk, item=soap, counted=13, reason="两袋破损", key="count-001")
    assert balance(soap.stock_account_id) == 13
    assert balance(soap.adjust_account_id) == 2
    with pytest.raises(DomainError) as same:
        shop_item_stock_adjust(actor=v.clerk, item=soap, counted=13, reason="再点", key="count-002")
    assert same.value.code == "no_change"
    assert balance(soap.stock_account_id) == summed(soap.stock_account_id)


def test_goods_need_a_positive_price_and_a_unique_name(v, shop):
    with pytest.raises(DomainError) as price:
        shop_item_add(actor=v.clerk, bank=v.bank, name="酱油", points_price=0)
    assert price.value.code == "invalid_price" and "points_price" in price.value.fields
    with pytest.raises(DomainError) as taken:
        shop_item_add(actor=v.clerk, bank=v.bank, name="洗衣粉", points_price=5)
    assert taken.value.code == "shop_item_name_taken"
    assert ShopItem.objects.filter(bank=v.bank).count() == 2


def test_only_the_villages_counter_staff_manage_goods(v, people):
    with pytest.raises(DomainError) as refused:
        shop_item_add(actor=people["volunteer"], bank=v.bank, name="毛巾", points_price=10)
    assert refused.value.status == 403
    with pytest.raises(DomainError):
        shop_item_add(actor=v.committee[0], bank=v.bank, name="毛巾", points_price=10)
