"""Permission-matrix rows of the virtue bank's points shop (pages in the ``virtue`` namespace,
claimed by ``virtue.py``; API under ``/api/v1/virtue/shop``).

``objects`` uses the bank in village 11 (opened by ``virtue.py``'s objects, or here when run
alone), adds goods with stock, a household and one redemption. The people fixture's committee
member is made by ``virtue.py`` (``virtue_committee``, village 11). The resident lives in
village 12 and is no member of the household.
"""

from __future__ import annotations

from typing import Any

ANON = None
NAMESPACES: set[str] = set()
SHOP_ITEM, RECEIPT, SHOP_HOUSEHOLD = "shop_item", "shop_receipt", "shop_household"
BODIES: dict[str, dict[str, str]] = {
    "virtue:shop_counter": {},
    "virtue:shop_void": {"reason": "矩阵退货"},
    "virtue:shop_items": {
        "name": "矩阵货品",
        "unit_label": "件",
        "points_price": "9",
        "low_stock_at": "1",
    },
    "virtue:shop_item": {
        "name": "矩阵毛巾",
        "unit_label": "条",
        "points_price": "12",
        "low_stock_at": "1",
        "active": "on",
    },
    "virtue:shop_restock": {"quantity": "3", "key": "matrix-restock-1"},
    "virtue:shop_adjust": {"counted": "1", "reason": "矩阵盘点", "key": "matrix-adjust-1"},
}

PAGES: list[tuple[str, str, str, str | None, int]] = [
    ("GET", "virtue:shop_counter", "", ANON, 302),
    ("GET", "virtue:shop_counter", "", "resident", 403),
    ("GET", "virtue:shop_counter", "", "volunteer", 403),
    ("GET", "virtue:shop_counter", "", "virtue_committee", 403),
    ("GET", "virtue:shop_counter", "", "other_town_admin", 403),
    ("GET", "virtue:shop_counter", "", "virtue_clerk", 200),
    ("GET", "virtue:shop_counter", "", "village_admin", 200),
    ("POST", "virtue:shop_counter", "", ANON, 302),
    ("POST", "virtue:shop_counter", "", "volunteer", 403),
    ("POST", "virtue:shop_counter", "", "virtue_clerk", 400),
    ("GET", "virtue:shop_redemptions", "", ANON, 302),
    ("GET", "virtue:shop_redemptions", "", "resident", 403),
    ("GET", "virtue:shop_redemptions", "", "other_town_admin", 403),
    ("GET", "virtue:shop_redemptions", "", "virtue_committee", 200),
    ("GET", "virtue:shop_redemptions", "", "virtue_clerk", 200),
    ("GET", "virtue:shop_receipt", RECEIPT, ANON, 302),
    ("GET", "virtue:shop_receipt", RECEIPT, "resident", 404),
    ("GET", "virtue:shop_receipt", RECEIPT, "other_town_admin", 404),
    ("GET", "virtue:shop_receipt", RECEIPT, "virtue_committee", 200),
    ("GET", "virtue:shop_receipt", RECEIPT, "virtue_clerk", 200),
    ("POST", "virtue:shop_void", RECEIPT, ANON, 302),
    ("POST", "virtue:shop_void", RECEIPT, "resident", 404),
    ("POST", "virtue:shop_void", RECEIPT, "other_town_admin", 404),
    ("POST", "virtue:shop_void", RECEIPT, "virtue_committee", 403),
    ("POST", "virtue:shop_void", RECEIPT, "virtue_clerk", 302),
    ("GET", "virtue:shop_items", "", ANON, 302),
    ("GET", "virtue:shop_items", "", "resident", 403),
    ("GET", "virtue:shop_items", "", "other_town_admin", 403),
    ("GET", "virtue:shop_items", "", "virtue_committee", 200),
    ("GET", "virtue:shop_items", "", "virtue_clerk", 200),
    ("POST", "virtue:shop_items", "", ANON, 302),
    ("POST", "virtue:shop_items", "", "virtue_committee", 403),
    ("POST", "virtue:shop_items", "", "virtue_clerk", 302),
    ("GET", "virtue:shop_item", SHOP_ITEM, ANON, 302),
    ("GET", "virtue:shop_item", SHOP_ITEM, "resident", 404),
    ("GET", "virtue:shop_item", SHOP_ITEM, "other_town_admin", 404),
    ("GET", "virtue:shop_item", SHOP_ITEM, "virtue_committee", 200),
    ("GET", "virtue:shop_item", SHOP_ITEM, "virtue_clerk", 200),
    ("POST", "virtue:shop_item", SHOP_ITEM, ANON, 302),
    ("POST", "virtue:shop_item", SHOP_ITEM, "virtue_committee", 403),
    ("POST", "virtue:shop_item", SHOP_ITEM, "virtue_clerk", 302),
    ("POST", "virtue:shop_restock", SHOP_ITEM, ANON, 302),
    ("POST", "virtue:shop_restock", SHOP_ITEM, "other_town_admin", 404),
    ("POST", "virtue:shop_restock", SHOP_ITEM, "virtue_committee", 403),
    ("POST", "virtue:shop_restock", SHOP_ITEM, "virtue_clerk", 302),
    ("POST", "virtue:shop_adjust", SHOP_ITEM, ANON, 302),
    ("POST", "virtue:shop_adjust", SHOP_ITEM, "virtue_committee", 403),
    ("POST", "virtue:shop_adjust", SHOP_ITEM, "village_admin", 302),
    ("GET", "virtue:shop_statement", SHOP_HOUSEHOLD, ANON, 302),
    ("GET", "virtue:shop_statement", SHOP_HOUSEHOLD, "resident", 404),
    ("GET", "virtue:shop_statement", SHOP_HOUSEHOLD, "other_town_admin", 404),
    ("GET", "virtue:shop_statement", SHOP_HOUSEHOLD, "virtue_clerk", 200),
    ("GET", "virtue:shop_statement_xlsx", SHOP_HOUSEHOLD, ANON, 302),
    ("GET", "virtue:shop_statement_xlsx", SHOP_HOUSEHOLD, "resident", 404),
    ("GET", "virtue:shop_statement_xlsx", SHOP_HOUSEHOLD, "village_admin", 200),
]

S = "/api/v1/virtue/shop"
IT = f"{S}/items/{{item_id}}"
RC = f"{S}/redemptions/{{redemption_id}}"
ITEM_IN = {"name": "接口货品", "points_price": 5}
REDEEM_IN = {"household": 0, "lines": [{"item": 0, "quantity": 1}], "key": "matrix-redeem-1"}
ADJUST_IN = {"counted": 1, "reason": "矩阵", "key": "matrix-adjust-2"}
RESTOCK_IN = {"quantity": 2, "key": "matrix-restock-2"}

API: list[tuple[str, str, str, str | None, int, dict[str, Any] | None]] = [
    ("GET", f"{S}/items", "", ANON, 401, None),
    ("GET", f"{S}/items", "", "resident", 403, None),
    ("GET", f"{S}/items", "", "other_town_admin", 404, None),
    ("GET", f"{S}/items", "", "virtue_committee", 200, None),
    ("GET", f"{S}/items", "", "virtue_clerk", 200, None),
    ("POST", f"{S}/items", "", ANON, 401, ITEM_IN),
    ("POST", f"{S}/items", "", "resident", 403, ITEM_IN),
    ("POST", f"{S}/items", "", "virtue_committee", 403, ITEM_IN),
    ("POST", f"{S}/items", "", "virtue_clerk", 201, ITEM_IN),
    ("PATCH", IT, SHOP_ITEM, ANON, 401, {"points_price": 11}),
    ("PATCH", IT, SHOP_ITEM, "other_town_admin", 404, {"points_price": 11}),
    ("PATCH", IT, SHOP_ITEM, "virtue_committee", 403, {"points_price": 11}),
    ("PATCH", IT, SHOP_ITEM, "virtue_clerk", 200, {"points_price": 11}),
    ("POST", f"{IT}/restock", SHOP_ITEM, ANON, 401, RESTOCK_IN),
    ("POST", f"{IT}/restock", SHOP_ITEM, "other_town_admin", 404, RESTOCK_IN),
    ("POST", f"{IT}/restock", SHOP_ITEM, "virtue_committee", 403, RESTOCK_IN),
    ("POST", f"{IT}/restock", SHOP_ITEM, "virtue_clerk", 200, RESTOCK_IN),
    ("POST", f"{IT}/adjust", SHOP_ITEM, ANON, 401, ADJUST_IN),
    ("POST", f"{IT}/adjust", SHOP_ITEM, "virtue_committee", 403, ADJUST_IN),
    ("POST", f"{IT}/adjust", SHOP_ITEM, "virtue_clerk", 200, ADJUST_IN),
    ("GET", f"{S}/redemptions", "", ANON, 401, None),
    ("GET", f"{S}/redemptions", "", "resident", 403, None),
    ("GET", f"{S}/redemptions", "", "virtue_committee", 200, None),
    ("GET", f"{S}/redemptions", "", "virtue_clerk", 200, None),
    ("POST", f"{S}/redemptions", "", ANON, 401, REDEEM_IN),
    ("POST", f"{S}/redemptions", "", "resident", 403, REDEEM_IN),
    ("POST", f"{S}/redemptions", "", "virtue_clerk", 404, REDEEM_IN),
    ("GET", RC, RECEIPT, ANON, 401, None),
    ("GET", RC, RECEIPT, "resident", 404, None),
    ("GET", RC, RECEIPT, "other_town_admin", 404, None),
    ("GET", RC, RECEIPT, "virtue_clerk", 200, None),
    ("POST", f"{RC}/void", RECEIPT, ANON, 401, {"reason": "矩阵"}),
    ("POST", f"{RC}/void", RECEIPT, "other_town_admin", 404, {"reason": "矩阵"}),
    ("POST", f"{RC}/void", RECEIPT, "virtue_committee", 403, {"reason": "矩阵"}),
    ("POST", f"{RC}/void", RECEIPT, "virtue_clerk", 200, {"reason": "矩阵"}),
    ("GET", f"{S}/households/{{household_id}}/month", SHOP_HOUSEHOLD, ANON, 401, None),
    ("GET", f"{S}/households/{{household_id}}/month", SHOP_HOUSEHOLD, "resident", 404, None),
    (
        "GET",
        f"{S}/households/{{household_id}}/month",
        SHOP_HOUSEHOLD,
        "other_town_admin",
        404,
        None,
    ),
    ("GET", f"{S}/households/{{household_id}}/month", SHOP_HOUSEHOLD, "virtue_clerk", 200, None),
]


def objects(people: dict[str, Any], city: dict[str, Any]) -> dict[str, Any]:
    from volcity.accounts.scope import clear_scope_cache
    from volcity.virtue.models import VirtueBank
    from volcity.virtue.services import household_register
    from volcity.virtue.services.shop import redemption_make
    from volcity.virtue.services.shop_stock import shop_item_add, shop_item_restock
    from volcity.virtue.tests.factories import bank_open

    clerk = people["virtue_clerk"]
    bank = VirtueBank.objects.filter(region=city["village11"]).first() or bank_open(
        people["village_admin"], city["village11"]
    )
    household = household_register(actor=clerk, bank=bank, number="S001", head_name="赵兑换")
    item = shop_item_add(actor=clerk, bank=bank, name="矩阵洗衣粉", points_price=10)
    shop_item_restock(actor=clerk, item=item, quantity=5, key="matrix-seed-1")
    redemption = redemption_make(
        actor=clerk, household=household, lines=[(item, 1)], key="matrix-seed-redeem"
    )
    clear_scope_cache(clerk)
    return {
        SHOP_ITEM: {"item_id": item.pk},
        RECEIPT: {"redemption_id": redemption.pk},
        SHOP_HOUSEHOLD: {"household_id": household.pk},
    }
