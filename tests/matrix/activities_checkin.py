"""Permission-matrix rows of check-in and check-out (pages under /activities/, API under
/api/v1/activities). The rotating code changes every window, so the matrix posts a stale one:
a volunteer's check-in is refused for the code (400), never for permission; the good path is
in ``volcity/activities/tests/test_checkin_api.py``."""

from __future__ import annotations

from typing import Any

ANON = None
NAMESPACES = {"activities"}
BODIES: dict[str, dict[str, str]] = {}

A = "/api/v1/activities"
SHIFT = "chk_shift"
S = f"{A}/shifts/{{shift_id}}"
SCAN = {"code": "stale-code00", "latitude": 36.6965, "longitude": 118.4798}
IN = {**SCAN, "idempotency_key": "matrix-checkin-in-01"}
OUT = {**SCAN, "idempotency_key": "matrix-checkin-out-01"}
KIOSK = {"volunteer_code": "not-a-volunteer-code", "idempotency_key": "matrix-kiosk-0001"}

PAGES: list[tuple[str, str, str, str | None, int]] = [
    ("GET", "activities:checkin_code", SHIFT, ANON, 302),
    ("GET", "activities:checkin_code", SHIFT, "volunteer", 403),
    ("GET", "activities:checkin_code", SHIFT, "dispatcher", 403),
    ("GET", "activities:checkin_code", SHIFT, "other_town_admin", 404),
    ("GET", "activities:checkin_code", SHIFT, "team_leader", 200),
    ("GET", "activities:checkin_code", SHIFT, "town_admin", 200),
    ("GET", "activities:checkin_code", SHIFT, "city_admin", 200),
    ("GET", "activities:checkin_scan", SHIFT, ANON, 302),
    ("GET", "activities:checkin_scan", SHIFT, "volunteer", 200),
    ("GET", "activities:checkin_scan", SHIFT, "resident", 200),
    ("GET", "activities:kiosk", SHIFT, ANON, 302),
    ("GET", "activities:kiosk", SHIFT, "volunteer", 403),
    ("GET", "activities:kiosk", SHIFT, "other_town_admin", 404),
    ("GET", "activities:kiosk", SHIFT, "team_leader", 200),
    ("GET", "activities:kiosk", SHIFT, "village_admin", 404),
    ("GET", "activities:kiosk", SHIFT, "town_admin", 200),
    ("GET", "activities:my_code", "", ANON, 302),
    ("GET", "activities:my_code", "", "resident", 302),
    ("GET", "activities:my_code", "", "volunteer", 200),
]

# API rows: (method, path template, kwargs key, role, expected status, JSON body or None)
API: list[tuple[str, str, str, str | None, int, dict[str, Any] | None]] = [
    ("POST", f"{S}/checkin", SHIFT, ANON, 401, IN),
    ("POST", f"{S}/checkin", SHIFT, "resident", 403, IN),
    ("POST", f"{S}/checkin", SHIFT, "volunteer", 400, IN),
    ("POST", f"{S}/checkout", SHIFT, ANON, 401, OUT),
    ("POST", f"{S}/checkout", SHIFT, "resident", 403, OUT),
    ("POST", f"{S}/checkout", SHIFT, "volunteer", 400, OUT),
    ("POST", f"{S}/kiosk/checkin", SHIFT, ANON, 401, KIOSK),
    ("POST", f"{S}/kiosk/checkin", SHIFT, "volunteer", 403, KIOSK),
    ("POST", f"{S}/kiosk/checkin", SHIFT, "other_town_admin", 404, KIOSK),
    ("POST", f"{S}/kiosk/checkin", SHIFT, "team_leader", 400, KIOSK),
    ("POST", f"{S}/kiosk/checkout", SHIFT, ANON, 401, KIOSK),
    ("POST", f"{S}/kiosk/checkout", SHIFT, "dispatcher", 403, KIOSK),
    ("POST", f"{S}/kiosk/checkout", SHIFT, "other_town_admin", 404, KIOSK),
    ("POST", f"{S}/kiosk/checkout", SHIFT, "town_admin", 400, KIOSK),
    ("GET", f"{S}/checkin-code", SHIFT, ANON, 401, None),
    ("GET", f"{S}/checkin-code", SHIFT, "volunteer", 403, None),
    ("GET", f"{S}/checkin-code", SHIFT, "other_town_admin", 404, None),
    ("GET", f"{S}/checkin-code", SHIFT, "team_leader", 200, None),
    ("GET", f"{S}/checkin-code", SHIFT, "city_admin", 200, None),
    ("GET", f"{A}/me/code", "", ANON, 401, None),
    ("GET", f"{A}/me/code", "", "resident", 403, None),
    ("GET", f"{A}/me/code", "", "volunteer", 200, None),
]


def objects(people: dict[str, Any], city: dict[str, Any]) -> dict[str, Any]:
    from volcity.activities.tests.factories import (
        activity_make,
        shift_make,
        team_led_by,
        volunteer_for,
    )
    from volcity.activities.tests.factories_checkin import signup_confirmed

    team = team_led_by(
        people["team_leader"], people["town_admin"], city["town1"].code, name="签到矩阵服务队"
    )
    activity = activity_make(team, people["team_leader"], title="签到矩阵活动")
    shift = shift_make(activity, capacity=5)
    signup_confirmed(shift, volunteer_for(people["volunteer"], city["village11"].code))
    return {SHIFT: {"shift_id": shift.pk}}
