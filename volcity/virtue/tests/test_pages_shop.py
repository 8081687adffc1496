"""The shop's pages: the counter from the household's code to the printed receipt, refusals
beside their field, goods and stock, the receipts, the monthly statement and its Excel file."""

from __future__ import annotations

import io
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from volcity.ledger.models import Account
from volcity.virtue.household_codes import household_code, household_code_parse
from volcity.virtue.models_shop import Redemption, ShopItem
from volcity.virtue.services import resident_add
from volcity.virtue.services.shop import redemption_make
from volcity.virtue.services.shop_stock import shop_item_add, shop_item_restock

pytestmark = pytest.mark.django_db


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def goods(v):
    soap = shop_item_add(
        actor=v.clerk, bank=v.bank, name="洗衣粉", points_price=20, unit_label="袋"
    )
    towel = shop_item_add(actor=v.clerk, bank=v.bank, name="毛巾", points_price=10, unit_label="条")
    shop_item_restock(actor=v.clerk, item=soap, quantity=10, key="seed-soap-01")
    shop_item_restock(actor=v.clerk, item=towel, quantity=1, key="seed-towel-1")
    return soap, towel


def test_the_household_code_is_signed_and_found_inside_an_address():
    code = household_code(12)
    assert household_code_parse(code) == 12
    assert (
        household_code_parse(f"https://x.test/virtue/shop/?code={code.replace(':', '%3A')}") == 12
    )
    assert household_code_parse(code[:-1] + ("A" if code[-1] != "A" else "B")) is None
    assert household_code_parse("VH1:13:" + code.split(":")[2]) is None


def test_the_clerk_scans_the_code_fills_a_basket_and_prints_the_receipt(
    v, goods, client_as, django_assert_max_num_queries
):
    soap, towel = goods
    home = v.households[0]
    clerk = client_as("virtue_clerk")
    found = clerk.get(reverse("virtue:shop_counter"), {"code": household_code(home.pk)})
    assert found.status_code == 302 and f"household={home.pk}" in found["Location"]
    page = clerk.get(found["Location"])
    text = page.content.decode()
    assert 'data-testid="shop-balance">100' in text and f"shop-qty-{soap.pk}" in text
    found_key = re.search(r'name="key" value="([0-9a-f]+)"', text)
    assert found_key is not None
    key = found_key.group(1)
    basket = {"household": home.pk, "key": key, f"qty_{soap.pk}": "2", f"qty_{towel.pk}": "1"}
    with django_assert_max_num_queries(60):
        made = clerk.post(found["Location"], basket)
    assert made.status_code == 302, made.content.decode()[:1500]
    again = clerk.post(found["Location"], basket)  # a double submit
    assert again["Location"] == made["Location"] and Redemption.objects.count() == 1
    receipt = clerk.get(made["Location"]).content.decode()
    r = Redemption.objects.get()
    assert f'data-testid="receipt-number">{r.number}' in receipt
    assert 'data-testid="receipt-total">50' in receipt
    assert 'data-testid="receipt-balance-after">50' in receipt
    assert "洗衣粉" in receipt and home.head_name in receipt and v.bank.name in receipt
    assert Account.objects.get(pk=home.account_id).balance == 50


def test_the_clerk_finds_a_household_by_number_or_name(v, goods, client_as):
    clerk = client_as("virtue_clerk")
    by_number = clerk.get(reverse("virtue:shop_counter"), {"code": "H002"})
    assert (
        by_number.status_code == 302 and f"household={v.households[1].pk}" in by_number["Location"]
    )
    by_name = clerk.get(reverse("virtue:shop_counter"), {"code": "李"})
    assert "H002" in by_name.content.decode()
    forged = english(clerk).get(reverse("virtue:shop_counter"), {"code": "VH1:1:AAAAAAAAAAAA"})
    assert "not a household code of this village" in forged.content.decode()


def test_short_stock_and_points_are_shown_beside_the_field_and_nothing_moves(v, goods, client_as):
    soap, towel = goods
    home = v.households[0]
    clerk = english(client_as("virtue_clerk"))
    url = f"{reverse('virtue:shop_counter')}?bank={v.bank.pk}&household={home.pk}"
    stock = clerk.post(url, {"household": home.pk, "key": "k" * 32, f"qty_{towel.pk}": "2"})
    assert stock.status_code == 400
    assert "Only 1 条 of 毛巾 left; asked for 2." in stock.content.decode()
    assert f'data-testid="shop-qty-error-{towel.pk}"' in stock.content.decode()
    points = clerk.post(url, {"household": home.pk, "key": "j" * 32, f"qty_{soap.pk}": "6"})
    assert "has 100 points; these goods need 120 (short by 20)" in points.content.decode()
    empty = clerk.post(url, {"household": home.pk, "key": "i" * 32})
    assert empty.status_code == 400 and "Choose at least one item" in empty.content.decode()
    assert not Redemption.objects.exists()


def test_a_receipt_is_voided_with_a_reason(v, goods, client_as):
    r = redemption_make(
        actor=v.clerk, household=v.households[0], lines=[(goods[0], 1)], key="page-void-1"
    )
    clerk = client_as("virtue_clerk")
    url = reverse("virtue:shop_void", kwargs={"redemption_id": r.pk})
    assert clerk.post(url, {"reason": ""}).status_code == 400
    assert clerk.post(url, {"reason": "顾客退货"}).status_code == 302
    r.refresh_from_db()
    assert r.voided_at is not None
    assert Account.objects.get(pk=v.households[0].account_id).balance == 100


def test_goods_are_added_restocked_corrected_and_flagged_low(v, goods, client_as):
    clerk = client_as("virtue_clerk")
    listing = clerk.get(reverse("virtue:shop_items"))
    assert f'data-testid="shop-low-{goods[1].pk}"' in listing.content.decode()
    added = clerk.post(
        reverse("virtue:shop_items"),
        {"name": "食用油", "unit_label": "瓶", "points_price": "50", "low_stock_at": "2"},
    )
    assert added.status_code == 302
    oil = ShopItem.objects.get(name="食用油")
    restock = reverse("virtue:shop_restock", kwargs={"item_id": oil.pk})
    for _ in range(2):  # the same form sent twice
        assert clerk.post(restock, {"quantity": "8", "key": "form-0001"}).status_code == 302
    adjust = reverse("virtue:shop_adjust", kwargs={"item_id": oil.pk})
    assert (
        clerk.post(adjust, {"counted": "7", "reason": "一瓶漏了", "key": "form-0002"}).status_code
        == 302
    )
    assert Account.objects.get(pk=oil.stock_account_id or 0).balance == 7
    page = clerk.get(reverse("virtue:shop_item", kwargs={"item_id": oil.pk})).content.decode()
    assert 'data-testid="shop-item-stock">7' in page and "盘点" in page
    bad = clerk.post(reverse("virtue:shop_item", kwargs={"item_id": oil.pk}), {"name": "食用油"})
    assert bad.status_code == 400


def test_the_household_sees_its_code_receipts_and_monthly_statement_as_excel(
    v, goods, people, client_as
):
    from openpyxl import load_workbook

    home = v.households[0]
    resident_add(
        actor=v.clerk, household=home, name="王小明", relation="child", user=people["resident"]
    )
    r = redemption_make(actor=v.clerk, household=home, lines=[(goods[0], 2)], key="month-0001")
    me = client_as("resident")
    own = me.get(reverse("virtue:household_statement", kwargs={"household_id": home.pk}))
    text = own.content.decode()
    assert household_code(home.pk) in text and "<svg" in text and r.number in text
    assert me.get(reverse("virtue:shop_receipt", kwargs={"redemption_id": r.pk})).status_code == 200
    month = me.get(
        reverse("virtue:shop_statement", kwargs={"household_id": home.pk}), {"month": "2026-11"}
    ).content.decode()
    assert 'data-testid="statement-opening">0' in month
    assert 'data-testid="statement-closing">60' in month and r.number in month
    xlsx = me.get(
        reverse("virtue:shop_statement_xlsx", kwargs={"household_id": home.pk}),
        {"month": "2026-11"},
    )
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    assert values[3][1] == 0 and values[-1][1] == 60
    assert any(row and row[2] == -40 for row in values)
    december = me.get(
        reverse("virtue:shop_statement", kwargs={"household_id": home.pk}), {"month": "2026-12"}
    ).content.decode()
    assert 'data-testid="statement-opening">60' in december


def test_other_villages_staff_and_strangers_see_nothing(v, goods, client_as, people):
    r = redemption_make(
        actor=v.clerk, household=v.households[0], lines=[(goods[0], 1)], key="scope-001"
    )
    outsider = client_as("other_town_admin")
    assert (
        outsider.get(reverse("virtue:shop_receipt", kwargs={"redemption_id": r.pk})).status_code
        == 404
    )
    assert (
        outsider.get(reverse("virtue:shop_item", kwargs={"item_id": goods[0].pk})).status_code
        == 404
    )
    resident = client_as("resident")  # not a member of this household
    assert (
        resident.get(reverse("virtue:shop_receipt", kwargs={"redemption_id": r.pk})).status_code
        == 404
    )
    assert resident.get(reverse("virtue:shop_counter")).status_code == 403
    assert Client().get(reverse("virtue:shop_counter")).status_code == 302
    assert PASSWORD


def test_the_receipts_list_and_api_page_cost_the_same_for_many_rows(
    v, goods, client_as, django_assert_max_num_queries
):
    for n in range(6):
        redemption_make(
            actor=v.clerk, household=v.households[n % 2], lines=[(goods[0], 1)], key=f"many-{n:04d}"
        )
    clerk = client_as("virtue_clerk")
    with django_assert_max_num_queries(12):
        page = clerk.get(reverse("virtue:shop_redemptions"))
    assert page.content.decode().count("DH202611") == 6
    with django_assert_max_num_queries(12):
        listed = clerk.get("/api/v1/virtue/shop/redemptions")
    assert len(listed.json()["items"]) == 6
