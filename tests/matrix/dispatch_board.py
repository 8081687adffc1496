"""Permission-matrix rows of the live board, dispatch suggestions and figures (pages in the
``dispatch`` namespace, claimed by ``dispatch.py``; API under ``/api/v1/dispatch``).

``objects`` makes an order from village 11 handled by town 1's centre: the city dispatcher and
town 1's administrator may see its suggestions, town 2's administrator gets 404. The board and
the figures are open to every centre person (each sees their own scope), refused to others.
"""

from __future__ import annotations

from typing import Any

ANON = None
NAMESPACES: set[str] = set()
ORDER = "board_order"

PAGES: list[tuple[str, str, str, str | None, int]] = [
    ("GET", "dispatch:board", "", ANON, 302),
    ("GET", "dispatch:board", "", "resident", 403),
    ("GET", "dispatch:board", "", "volunteer", 403),
    ("GET", "dispatch:board", "", "team_leader", 403),
    ("GET", "dispatch:board", "", "other_town_admin", 200),
    ("GET", "dispatch:board", "", "town_admin", 200),
    ("GET", "dispatch:board", "", "dispatcher", 200),
    ("GET", "dispatch:order_suggestions", ORDER, ANON, 302),
    ("GET", "dispatch:order_suggestions", ORDER, "resident", 404),
    ("GET", "dispatch:order_suggestions", ORDER, "other_town_admin", 404),
    ("GET", "dispatch:order_suggestions", ORDER, "town_admin", 200),
    ("GET", "dispatch:order_suggestions", ORDER, "dispatcher", 200),
    ("GET", "dispatch:figures", "", ANON, 302),
    ("GET", "dispatch:figures", "", "resident", 403),
    ("GET", "dispatch:figures", "", "volunteer", 403),
    ("GET", "dispatch:figures", "", "other_town_admin", 200),
    ("GET", "dispatch:figures", "", "dispatcher", 200),
]

A = "/api/v1/dispatch"
SUGGEST = f"{A}/orders/{{number}}/suggestions"

API: list[tuple[str, str, str, str | None, int, dict[str, Any] | None]] = [
    ("GET", f"{A}/board", "", ANON, 401, None),
    ("GET", f"{A}/board", "", "resident", 403, None),
    ("GET", f"{A}/board", "", "town_admin", 200, None),
    ("GET", f"{A}/board", "", "dispatcher", 200, None),
    ("GET", SUGGEST, ORDER, ANON, 401, None),
    ("GET", SUGGEST, ORDER, "resident", 404, None),
    ("GET", SUGGEST, ORDER, "other_town_admin", 404, None),
    ("GET", SUGGEST, ORDER, "town_admin", 200, None),
    ("GET", f"{A}/figures", "", ANON, 401, None),
    ("GET", f"{A}/figures", "", "volunteer", 403, None),
    ("GET", f"{A}/figures", "", "dispatcher", 200, None),
]


def objects(people: dict[str, Any], city: dict[str, Any]) -> dict[str, Any]:
    from volcity.dispatch.tests.test_board_data import menu_item, order_make

    item = menu_item(city["town1"], category="矩阵看板")
    order = order_make(item, city["village11"], handling=city["town1"], status="approved")
    return {ORDER: {"number": order.number}}
