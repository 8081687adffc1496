"""Permission-matrix rows of the notifications (inbox pages and API).

``objects`` tells the volunteer one thing; only the volunteer may open or mark it: anyone
else (even the city administrator) gets 404, as if it were not there.
"""

from __future__ import annotations

from typing import Any

ANON = None
NAMESPACES = {"notifications"}
MINE = "notification_of_volunteer"
BODIES: dict[str, dict[str, str]] = {}

PAGES: list[tuple[str, str, str, str | None, int]] = [
    ("GET", "notifications:inbox", "", ANON, 302),
    ("GET", "notifications:inbox", "", "volunteer", 200),
    ("GET", "notifications:inbox", "", "resident", 200),
    ("POST", "notifications:open", MINE, ANON, 302),
    ("POST", "notifications:open", MINE, "resident", 404),
    ("POST", "notifications:open", MINE, "city_admin", 404),
    ("POST", "notifications:open", MINE, "volunteer", 302),
    ("POST", "notifications:mark_all_read", "", ANON, 302),
    ("POST", "notifications:mark_all_read", "", "resident", 302),
    ("POST", "notifications:mark_all_read", "", "volunteer", 302),
]

A = "/api/v1/notifications"
NID = f"{A}/{{notification_id}}"

API: list[tuple[str, str, str, str | None, int, dict[str, Any] | None]] = [
    ("GET", f"{A}/", "", ANON, 401, None),
    ("GET", f"{A}/", "", "resident", 200, None),
    ("GET", f"{A}/", "", "volunteer", 200, None),
    ("GET", f"{A}/unread-count", "", ANON, 401, None),
    ("GET", f"{A}/unread-count", "", "volunteer", 200, None),
    ("POST", f"{NID}/read", MINE, ANON, 401, None),
    ("POST", f"{NID}/read", MINE, "resident", 404, None),
    ("POST", f"{NID}/read", MINE, "city_admin", 404, None),
    ("POST", f"{NID}/read", MINE, "volunteer", 200, None),
    ("POST", f"{A}/read-all", "", ANON, 401, None),
    ("POST", f"{A}/read-all", "", "volunteer", 200, None),
]


def objects(people: dict[str, Any], city: dict[str, Any]) -> dict[str, Any]:
    from volcity.notifications.services import notify

    (mine,) = notify(
        users=[people["volunteer"]],
        kind="matrix.notification.sent",
        title="矩阵通知",
        url="/notifications/",
    )
    return {MINE: {"notification_id": mine.pk}}
