"""Permission-matrix rows of service records, hours and corrections (pages and API).

``objects`` makes a team led by ``people["team_leader"]`` in town 1, an activity of it in
village 11 and two Pending records of ``people["volunteer"]`` there, one with a correction
waiting. Town 1's administrators and the leader decide; town 2's administrator sees nothing.
"""

from __future__ import annotations

from typing import Any

ANON = None
NAMESPACES = {"activities"}
BODIES: dict[str, dict[str, str]] = {
    "activities:correction_new": {"hours": "0.5", "reason": "矩阵更正"},
    "activities:record_decline": {"reason": "矩阵拒绝"},
    "activities:correction_reject": {"reason": "矩阵驳回"},
}
REC, OWN, CORR = "recs_record", "recs_own", "recs_correction"
CORR_REC = "recs_corrected"

PAGES: list[tuple[str, str, str, str | None, int]] = [
    # The volunteer's pages.
    ("GET", "activities:my_hours", "", ANON, 302),
    ("GET", "activities:my_hours", "", "resident", 302),
    ("GET", "activities:my_hours", "", "volunteer", 200),
    ("GET", "activities:correction_new", OWN, ANON, 302),
    ("GET", "activities:correction_new", OWN, "volunteer", 200),
    ("GET", "activities:correction_new", OWN, "town_admin", 404),
    ("POST", "activities:correction_new", OWN, "volunteer", 302),
    ("POST", "activities:correction_new", OWN, "resident", 404),
    # Staff: records.
    ("GET", "activities:record_list", "", ANON, 302),
    ("GET", "activities:record_list", "", "volunteer", 403),
    ("GET", "activities:record_list", "", "dispatcher", 403),
    ("GET", "activities:record_list", "", "team_leader", 200),
    ("GET", "activities:record_list", "", "town_admin", 200),
    ("GET", "activities:record_list", "", "other_town_admin", 200),
    ("GET", "activities:record_new", "", ANON, 302),
    ("GET", "activities:record_new", "", "volunteer", 403),
    ("GET", "activities:record_new", "", "team_leader", 200),
    ("POST", "activities:record_new", "", "volunteer", 403),
    ("POST", "activities:record_new", "", "team_leader", 400),
    ("POST", "activities:record_bulk_approve", "", ANON, 302),
    ("POST", "activities:record_bulk_approve", "", "volunteer", 403),
    ("POST", "activities:record_bulk_approve", "", "team_leader", 400),
    ("GET", "activities:record_export", "", ANON, 302),
    ("GET", "activities:record_export", "", "volunteer", 403),
    ("GET", "activities:record_export", "", "town_admin", 200),
    ("POST", "activities:record_approve", REC, ANON, 302),
    ("POST", "activities:record_approve", REC, "volunteer", 403),
    ("POST", "activities:record_approve", REC, "other_town_admin", 404),
    ("POST", "activities:record_approve", REC, "team_leader", 302),
    ("POST", "activities:record_approve", REC, "village_admin", 302),
    ("POST", "activities:record_decline", REC, "other_town_admin", 404),
    ("POST", "activities:record_decline", REC, "town_admin", 302),
    # Staff: corrections.
    ("GET", "activities:correction_list", "", ANON, 302),
    ("GET", "activities:correction_list", "", "volunteer", 403),
    ("GET", "activities:correction_list", "", "team_leader", 200),
    ("POST", "activities:correction_accept", CORR, "volunteer", 403),
    ("POST", "activities:correction_accept", CORR, "other_town_admin", 404),
    ("POST", "activities:correction_accept", CORR, "team_leader", 302),
    ("POST", "activities:correction_reject", CORR, "other_town_admin", 404),
    ("POST", "activities:correction_reject", CORR, "town_admin", 302),
]

A = "/api/v1/activities"
RID = f"{A}/records/{{record_id}}"
CID = f"{A}/corrections/{{correction_id}}"
REASON = {"reason": "矩阵"}
ENTRY = {"volunteer": "0", "team": 0, "served_on": "2026-01-01", "minutes": 60}

API: list[tuple[str, str, str, str | None, int, dict[str, Any] | None]] = [
    ("GET", f"{A}/me/hours", "", ANON, 401, None),
    ("GET", f"{A}/me/hours", "", "resident", 403, None),
    ("GET", f"{A}/me/hours", "", "volunteer", 200, None),
    ("GET", f"{A}/me/records", "", ANON, 401, None),
    ("GET", f"{A}/me/records", "", "resident", 403, None),
    ("GET", f"{A}/me/records", "", "volunteer", 200, None),
    ("POST", f"{RID}/corrections", REC, ANON, 401, {"minutes": 30, "reason": "矩阵"}),
    ("POST", f"{RID}/corrections", REC, "volunteer", 201, {"minutes": 30, "reason": "矩阵"}),
    ("POST", f"{RID}/corrections", REC, "town_admin", 403, {"minutes": 30, "reason": "矩阵"}),
    ("POST", f"{RID}/corrections", CORR_REC, "volunteer", 409, {"minutes": 30, "reason": "又"}),
    ("GET", f"{A}/records", "", ANON, 401, None),
    ("GET", f"{A}/records", "", "volunteer", 403, None),
    ("GET", f"{A}/records", "", "team_leader", 200, None),
    ("GET", f"{A}/records", "", "town_admin", 200, None),
    ("POST", f"{A}/records", "", ANON, 401, ENTRY),
    ("POST", f"{A}/records", "", "volunteer", 403, ENTRY),
    ("POST", f"{A}/records", "", "town_admin", 404, ENTRY),
    ("POST", f"{A}/records/approve", "", ANON, 401, {"records": []}),
    ("POST", f"{A}/records/approve", "", "volunteer", 403, {"records": []}),
    ("POST", f"{A}/records/approve", "", "team_leader", 400, {"records": []}),
    ("POST", f"{RID}/approve", REC, ANON, 401, None),
    ("POST", f"{RID}/approve", REC, "volunteer", 403, None),
    ("POST", f"{RID}/approve", REC, "other_town_admin", 404, None),
    ("POST", f"{RID}/approve", REC, "team_leader", 200, None),
    ("POST", f"{RID}/decline", REC, "other_town_admin", 404, REASON),
    ("POST", f"{RID}/decline", REC, "town_admin", 200, REASON),
    ("GET", f"{A}/corrections", "", ANON, 401, None),
    ("GET", f"{A}/corrections", "", "volunteer", 403, None),
    ("GET", f"{A}/corrections", "", "team_leader", 200, None),
    ("POST", f"{CID}/accept", CORR, "volunteer", 403, None),
    ("POST", f"{CID}/accept", CORR, "other_town_admin", 404, None),
    ("POST", f"{CID}/accept", CORR, "team_leader", 200, None),
    ("POST", f"{CID}/reject", CORR, "other_town_admin", 404, REASON),
    ("POST", f"{CID}/reject", CORR, "town_admin", 200, REASON),
]


def objects(people: dict[str, Any], city: dict[str, Any]) -> dict[str, Any]:
    from django.utils import timezone

    from volcity.accounts.scope import clear_scope_cache
    from volcity.activities.services.corrections import correction_request
    from volcity.activities.services.records import record_enter
    from volcity.activities.tests.factories import activity_make, team_led_by, volunteer_for

    leader = people["team_leader"]
    team = team_led_by(leader, people["town_admin"], city["town1"].code, name="记录矩阵服务队")
    clear_scope_cache(leader)
    activity = activity_make(team, leader, title="记录矩阵活动", region_id=city["village11"].code)
    volunteer = volunteer_for(people["volunteer"], city["village11"].code)

    def record(minutes: int) -> Any:
        return record_enter(
            actor=people["town_admin"],
            volunteer=volunteer,
            activity=activity,
            team=team,
            served_on=timezone.localdate(),
            minutes=minutes,
            content="矩阵",
            place="",
            title="",
        )

    plain, corrected = record(60), record(90)
    correction = correction_request(
        volunteer=volunteer, record=corrected, minutes=45, reason="矩阵更正"
    )
    return {
        REC: {"record_id": plain.pk},
        OWN: {"record_id": plain.pk},
        CORR_REC: {"record_id": corrected.pk},
        CORR: {"correction_id": correction.pk},
    }
