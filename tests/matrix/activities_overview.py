"""Permission-matrix rows of the administrator's service overview (page and API)."""

from __future__ import annotations

from typing import Any

ANON = None
NAMESPACES = {"activities"}
A = "/api/v1/activities"
BODIES: dict[str, dict[str, str]] = {}

PAGES: list[tuple[str, str, str, str | None, int]] = [
    ("GET", "activities:overview", "", ANON, 302),
    ("GET", "activities:overview", "", "volunteer", 403),
    ("GET", "activities:overview", "", "team_leader", 403),
    ("GET", "activities:overview", "", "village_admin", 200),
    ("GET", "activities:overview", "", "town_admin", 200),
    ("GET", "activities:overview", "", "city_admin", 200),
]

API: list[tuple[str, str, str, str | None, int, dict[str, Any] | None]] = [
    ("GET", f"{A}/overview", "", ANON, 401, None),
    ("GET", f"{A}/overview", "", "volunteer", 403, None),
    ("GET", f"{A}/overview", "", "town_admin", 200, None),
    ("GET", f"{A}/overview?region=370781001000", "", "other_town_admin", 404, None),
    ("GET", f"{A}/overview?region=370781001000", "", "city_admin", 200, None),
]


def objects(people: dict[str, Any], city: dict[str, Any]) -> dict[str, Any]:
    return {}
