"""Permission-matrix rows of the order loop (pages in the ``dispatch`` namespace; API under
``/api/v1/dispatch``). The board's rows are in ``dispatch_board.py``.

``objects`` gives town 1 a menu category and item, an order placed by the fixture's resident
(village 12, handled by town 1's centre: the city dispatcher and town 1's administrator see it,
town 2's administrator gets 404), a kiosk order and a duty shift.
"""

from __future__ import annotations

from typing import Any

ANON = None
NAMESPACES = {"dispatch"}
ORDER, KIOSK, CATEGORY, ITEM, SHIFT, PHOTO = (
    "d_order",
    "d_kiosk",
    "d_category",
    "d_item",
    "d_shift",
    "d_photo",
)
TOWN1 = "370781001000"
BODIES: dict[str, dict[str, str]] = {
    "dispatch:order_reject": {"reason": "矩阵驳回"},
    "dispatch:order_redispatch": {"reason": "矩阵改派"},
    "dispatch:order_decline": {"reason": "矩阵拒单"},
    "dispatch:order_follow_up": {"note": "矩阵回访"},
    "dispatch:order_rate": {"rating": "5"},
    "dispatch:menu_admin": {"region": TOWN1, "name": "矩阵类别"},
    "dispatch:menu_category": {"name": "矩阵类别改", "sort": "1", "active": "on"},
    "dispatch:menu_item_add": {"name": "矩阵服务"},
    "dispatch:menu_item": {"name": "矩阵服务改", "active": "on"},
}

P = "dispatch:"
PAGES: list[tuple[str, str, str, str | None, int]] = [
    ("GET", P + "order_new", "", ANON, 302),
    ("GET", P + "order_new", "", "resident", 200),
    ("POST", P + "order_new", "", ANON, 302),
    ("POST", P + "order_new", "", "resident", 400),
    ("GET", P + "my_orders", "", ANON, 302),
    ("GET", P + "my_orders", "", "resident", 200),
    ("GET", P + "kiosk", "", ANON, 200),
    ("POST", P + "kiosk", "", ANON, 400),
    ("GET", P + "kiosk_done", KIOSK, ANON, 200),
    ("GET", P + "call", "", ANON, 302),
    ("GET", P + "call", "", "resident", 403),
    ("GET", P + "call", "", "dispatcher", 200),
    ("POST", P + "call", "", "dispatcher", 400),
    ("GET", P + "order", ORDER, ANON, 302),
    ("GET", P + "order", ORDER, "resident", 200),
    ("GET", P + "order", ORDER, "volunteer", 404),
    ("GET", P + "order", ORDER, "other_town_admin", 404),
    ("GET", P + "order", ORDER, "town_admin", 200),
    ("GET", P + "order", ORDER, "dispatcher", 200),
    ("POST", P + "order_rate", ORDER, ANON, 302),
    ("POST", P + "order_rate", ORDER, "other_town_admin", 404),
    ("POST", P + "order_rate", ORDER, "resident", 409),
    ("POST", P + "order_cancel", ORDER, ANON, 302),
    ("POST", P + "order_cancel", ORDER, "volunteer", 404),
    ("POST", P + "order_cancel", ORDER, "resident", 400),
    ("GET", P + "order_photo", PHOTO, ANON, 302),
    ("GET", P + "order_photo", PHOTO, "dispatcher", 404),
    ("GET", P + "centre", "", ANON, 302),
    ("GET", P + "centre", "", "resident", 403),
    ("GET", P + "centre", "", "dispatcher", 200),
    ("GET", P + "centre", "", "town_admin", 200),
    ("POST", P + "order_approve", ORDER, ANON, 302),
    ("POST", P + "order_approve", ORDER, "other_town_admin", 404),
    ("POST", P + "order_approve", ORDER, "resident", 403),
    ("POST", P + "order_approve", ORDER, "dispatcher", 302),
    ("POST", P + "order_reject", ORDER, ANON, 302),
    ("POST", P + "order_reject", ORDER, "other_town_admin", 404),
    ("POST", P + "order_reject", ORDER, "town_admin", 302),
    ("POST", P + "order_dispatch", ORDER, ANON, 302),
    ("POST", P + "order_dispatch", ORDER, "other_town_admin", 404),
    ("POST", P + "order_dispatch", ORDER, "dispatcher", 400),
    ("POST", P + "order_pool", ORDER, ANON, 302),
    ("POST", P + "order_pool", ORDER, "dispatcher", 409),
    ("POST", P + "order_redispatch", ORDER, ANON, 302),
    ("POST", P + "order_redispatch", ORDER, "dispatcher", 409),
    ("POST", P + "order_follow_up", ORDER, ANON, 302),
    ("POST", P + "order_follow_up", ORDER, "dispatcher", 409),
    ("GET", P + "tasks", "", ANON, 302),
    ("GET", P + "tasks", "", "volunteer", 200),
    ("GET", P + "pool", "", ANON, 302),
    ("GET", P + "pool", "", "team_leader", 200),
    ("POST", P + "order_take", ORDER, ANON, 302),
    ("POST", P + "order_take", ORDER, "team_leader", 404),
    ("POST", P + "order_accept", ORDER, ANON, 302),
    ("POST", P + "order_accept", ORDER, "volunteer", 404),
    ("POST", P + "order_accept", ORDER, "resident", 403),
    ("POST", P + "order_decline", ORDER, ANON, 302),
    ("POST", P + "order_decline", ORDER, "resident", 403),
    ("POST", P + "order_complete", ORDER, ANON, 302),
    ("POST", P + "order_complete", ORDER, "other_town_admin", 404),
    ("POST", P + "order_activity", ORDER, ANON, 302),
    ("POST", P + "order_activity", ORDER, "other_town_admin", 404),
    ("GET", P + "menu_admin", "", ANON, 302),
    ("GET", P + "menu_admin", "", "resident", 403),
    ("GET", P + "menu_admin", "", "city_admin", 200),
    ("POST", P + "menu_admin", "", "city_admin", 302),
    ("POST", P + "menu_category", CATEGORY, ANON, 302),
    ("POST", P + "menu_category", CATEGORY, "other_town_admin", 404),
    ("POST", P + "menu_category", CATEGORY, "city_admin", 302),
    ("POST", P + "menu_item_add", CATEGORY, "other_town_admin", 404),
    ("POST", P + "menu_item_add", CATEGORY, "town_admin", 302),
    ("GET", P + "menu_item", ITEM, ANON, 302),
    ("GET", P + "menu_item", ITEM, "other_town_admin", 404),
    ("GET", P + "menu_item", ITEM, "city_admin", 200),
    ("POST", P + "menu_item", ITEM, "city_admin", 302),
    ("GET", P + "pick_teams", "", ANON, 302),
    ("GET", P + "pick_teams", "", "resident", 403),
    ("GET", P + "pick_teams", "", "dispatcher", 200),
    ("GET", P + "roster", "", ANON, 302),
    ("GET", P + "roster", "", "resident", 403),
    ("GET", P + "roster", "", "dispatcher", 200),
    ("POST", P + "roster", "", "dispatcher", 400),
    ("POST", P + "roster_remove", SHIFT, ANON, 302),
    ("POST", P + "roster_remove", SHIFT, "other_town_admin", 404),
    ("POST", P + "roster_remove", SHIFT, "dispatcher", 302),
]

B = "/api/v1/dispatch"
ORD = B + "/orders/{number}"
ORDER_IN = {
    "item": 999999,
    "region": "370781001002",
    "address": "矩阵地址",
    "latitude": "36.696500",
    "longitude": "118.479800",
    "wanted_from": "2030-01-01T09:00:00+08:00",
    "wanted_until": "2030-01-01T11:00:00+08:00",
    "contact_name": "矩阵",
    "contact_phone": "13812345678",
}
ITEM_IN = {"name": "矩阵服务", "skills": [], "teams": []}
DUTY_IN = {
    "region": TOWN1,
    "starts_at": "2030-01-01T09:00:00+08:00",
    "ends_at": "2030-01-01T17:00:00+08:00",
}
REASON = {"reason": "矩阵理由"}
API: list[tuple[str, str, str, str | None, int, dict[str, Any] | None]] = [
    ("GET", B + "/menu", "", ANON, 200, None),
    ("POST", B + "/menu/categories", "", ANON, 401, {"region": TOWN1, "name": "矩阵"}),
    ("POST", B + "/menu/categories", "", "resident", 403, {"region": TOWN1, "name": "矩阵"}),
    ("POST", B + "/menu/categories", "", "city_admin", 201, {"region": TOWN1, "name": "矩阵"}),
    ("PUT", B + "/menu/categories/{category_id}", CATEGORY, ANON, 401, {"name": "改"}),
    (
        "PUT",
        B + "/menu/categories/{category_id}",
        CATEGORY,
        "other_town_admin",
        404,
        {"name": "改"},
    ),
    ("PUT", B + "/menu/categories/{category_id}", CATEGORY, "city_admin", 200, {"name": "改"}),
    ("POST", B + "/menu/categories/{category_id}/items", CATEGORY, ANON, 401, ITEM_IN),
    ("POST", B + "/menu/categories/{category_id}/items", CATEGORY, "city_admin", 201, ITEM_IN),
    ("PUT", B + "/menu/items/{item_id}", ITEM, ANON, 401, ITEM_IN),
    ("PUT", B + "/menu/items/{item_id}", ITEM, "other_town_admin", 404, ITEM_IN),
    ("PUT", B + "/menu/items/{item_id}", ITEM, "city_admin", 200, ITEM_IN),
    ("POST", B + "/orders", "", ANON, 401, ORDER_IN),
    ("POST", B + "/orders", "", "resident", 400, ORDER_IN),
    ("POST", B + "/kiosk/orders", "", ANON, 400, ORDER_IN),
    ("POST", B + "/calls", "", ANON, 401, ORDER_IN),
    ("POST", B + "/calls", "", "resident", 403, ORDER_IN),
    ("POST", B + "/calls", "", "dispatcher", 400, ORDER_IN),
    ("GET", B + "/orders/mine", "", ANON, 401, None),
    ("GET", B + "/orders/mine", "", "resident", 200, None),
    ("GET", B + "/orders/centre", "", ANON, 401, None),
    ("GET", B + "/orders/centre", "", "resident", 403, None),
    ("GET", B + "/orders/centre", "", "dispatcher", 200, None),
    ("GET", B + "/tasks", "", ANON, 401, None),
    ("GET", B + "/tasks", "", "volunteer", 200, None),
    ("GET", B + "/pool", "", ANON, 401, None),
    ("GET", B + "/pool", "", "team_leader", 200, None),
    ("GET", ORD, ORDER, ANON, 401, None),
    ("GET", ORD, ORDER, "resident", 200, None),
    ("GET", ORD, ORDER, "volunteer", 404, None),
    ("GET", ORD, ORDER, "other_town_admin", 404, None),
    ("GET", ORD, ORDER, "dispatcher", 200, None),
    ("POST", ORD + "/approve", ORDER, ANON, 401, {}),
    ("POST", ORD + "/approve", ORDER, "other_town_admin", 404, {}),
    ("POST", ORD + "/approve", ORDER, "resident", 403, {}),
    ("POST", ORD + "/approve", ORDER, "dispatcher", 200, {}),
    ("POST", ORD + "/reject", ORDER, ANON, 401, REASON),
    ("POST", ORD + "/reject", ORDER, "dispatcher", 200, REASON),
    ("POST", ORD + "/dispatch", ORDER, ANON, 401, {}),
    ("POST", ORD + "/dispatch", ORDER, "other_town_admin", 404, {}),
    ("POST", ORD + "/dispatch", ORDER, "dispatcher", 400, {}),
    ("POST", ORD + "/pool", ORDER, ANON, 401, None),
    ("POST", ORD + "/pool", ORDER, "dispatcher", 409, None),
    ("POST", ORD + "/take", ORDER, ANON, 401, {"team": 999999}),
    ("POST", ORD + "/take", ORDER, "team_leader", 400, {"team": 999999}),
    ("POST", ORD + "/accept", ORDER, ANON, 401, None),
    ("POST", ORD + "/accept", ORDER, "volunteer", 404, None),
    ("POST", ORD + "/accept", ORDER, "resident", 403, None),
    ("POST", ORD + "/decline", ORDER, ANON, 401, REASON),
    ("POST", ORD + "/decline", ORDER, "resident", 403, REASON),
    ("POST", ORD + "/redispatch", ORDER, ANON, 401, REASON),
    ("POST", ORD + "/redispatch", ORDER, "dispatcher", 409, REASON),
    ("POST", ORD + "/cancel", ORDER, ANON, 401, REASON),
    ("POST", ORD + "/cancel", ORDER, "other_town_admin", 404, REASON),
    ("POST", ORD + "/cancel", ORDER, "resident", 200, REASON),
    ("POST", ORD + "/activity", ORDER, ANON, 401, {"helpers": 3}),
    ("POST", ORD + "/activity", ORDER, "resident", 403, {"helpers": 3}),
    ("POST", ORD + "/complete", ORDER, ANON, 401, {"report": "x", "hours": "1"}),
    ("POST", ORD + "/complete", ORDER, "resident", 403, {"report": "x", "hours": "1"}),
    ("POST", ORD + "/rate", ORDER, ANON, 401, {"rating": 5}),
    ("POST", ORD + "/rate", ORDER, "resident", 409, {"rating": 5}),
    ("POST", ORD + "/follow-up", ORDER, ANON, 401, {"note": "x"}),
    ("POST", ORD + "/follow-up", ORDER, "dispatcher", 409, {"note": "x"}),
    ("GET", B + "/roster", "", ANON, 401, None),
    ("GET", B + "/roster", "", "resident", 403, None),
    ("GET", B + "/roster", "", "dispatcher", 200, None),
    ("POST", B + "/roster", "", ANON, 401, DUTY_IN),
    ("POST", B + "/roster", "", "resident", 403, DUTY_IN),
    ("POST", B + "/roster", "", "dispatcher", 400, DUTY_IN),
    ("DELETE", B + "/roster/{shift_id}", SHIFT, ANON, 401, None),
    ("DELETE", B + "/roster/{shift_id}", SHIFT, "other_town_admin", 404, None),
    ("DELETE", B + "/roster/{shift_id}", SHIFT, "dispatcher", 204, None),
]


def objects(people: dict[str, Any], city: dict[str, Any]) -> dict[str, Any]:
    import datetime

    from django.utils import timezone

    from volcity.dispatch.services.menu import category_add, item_add
    from volcity.dispatch.services.order_place import OrderIn, order_place, order_place_kiosk
    from volcity.dispatch.services.roster import duty_add

    admin = people["city_admin"]
    category = category_add(actor=admin, region=city["town1"], name="矩阵维修")
    item = item_add(actor=admin, category=category, name="矩阵水电")
    now = timezone.now()

    def data() -> OrderIn:
        return OrderIn(
            item=item.pk,
            region="370781001002",
            address="矩阵村1号",
            latitude="36.696500",
            longitude="118.479800",
            wanted_from=now + datetime.timedelta(hours=1),
            wanted_until=now + datetime.timedelta(hours=2),
            contact_name="矩阵",
            contact_phone="13812345678",
        )

    order = order_place(actor=people["resident"], data=data())
    kiosk = order_place_kiosk(data=data())
    shift = duty_add(
        actor=people["dispatcher"],
        region=city["town1"],
        starts_at=now,
        ends_at=now + datetime.timedelta(hours=8),
        user=people["dispatcher"],
    )
    return {
        ORDER: {"number": order.number},
        KIOSK: {"number": kiosk.number},
        CATEGORY: {"category_id": category.pk},
        ITEM: {"item_id": item.pk},
        SHIFT: {"shift_id": shift.pk},
        PHOTO: {"photo_id": 999999},
    }
