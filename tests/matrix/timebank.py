"""Permission-matrix rows of the time bank (pages and API).

``objects`` registers the demo-like ``volunteer`` (village 11), approves a record of theirs
(4 hours of credits), registers a family member aged 60+ and leaves a spend waiting for the
volunteer's consent. Staff of village 11's regions (village and town administrators, the
station keeper, the city's dispatcher) see them; town 2's administrator does not (404); the
resident has no volunteer record (403 on the volunteer's own pages).
"""

from __future__ import annotations

from typing import Any

ANON = None
NAMESPACES = {"timebank"}
SPEND, MEMBER, NUMBER = "tb_spend", "tb_member", "tb_number"
FAMILY_IN = {"name": "王秀兰", "relation": "parent", "birth_date": "1950-03-01"}
BODIES: dict[str, dict[str, str]] = {
    "timebank:family_add": FAMILY_IN,
    "timebank:spend_cancel": {"reason": "矩阵取消"},
    "timebank:counter": {},
}

PAGES: list[tuple[str, str, str, str | None, int]] = [
    # The volunteer.
    ("GET", "timebank:me", "", ANON, 302),
    ("GET", "timebank:me", "", "resident", 403),
    ("GET", "timebank:me", "", "volunteer", 200),
    ("POST", "timebank:family_add", "", ANON, 302),
    ("POST", "timebank:family_add", "", "resident", 403),
    ("POST", "timebank:family_add", "", "volunteer", 302),
    ("POST", "timebank:family_remove", MEMBER, ANON, 302),
    ("POST", "timebank:family_remove", MEMBER, "resident", 404),
    ("POST", "timebank:family_remove", MEMBER, "village_admin", 404),
    ("POST", "timebank:family_remove", MEMBER, "volunteer", 302),
    ("POST", "timebank:spend_confirm", SPEND, ANON, 302),
    ("POST", "timebank:spend_confirm", SPEND, "resident", 404),
    ("POST", "timebank:spend_confirm", SPEND, "other_town_admin", 404),
    ("POST", "timebank:spend_confirm", SPEND, "village_admin", 403),
    ("POST", "timebank:spend_confirm", SPEND, "volunteer", 302),
    ("POST", "timebank:spend_cancel", SPEND, ANON, 302),
    ("POST", "timebank:spend_cancel", SPEND, "resident", 404),
    ("POST", "timebank:spend_cancel", SPEND, "other_town_admin", 404),
    ("POST", "timebank:spend_cancel", SPEND, "volunteer", 302),
    ("POST", "timebank:spend_cancel", SPEND, "station_keeper", 302),
    # The service centre.
    ("GET", "timebank:counter", "", ANON, 302),
    ("GET", "timebank:counter", "", "resident", 403),
    ("GET", "timebank:counter", "", "volunteer", 403),
    ("GET", "timebank:counter", "", "team_leader", 403),
    ("GET", "timebank:counter", "", "station_keeper", 200),
    ("GET", "timebank:counter", "", "dispatcher", 200),
    ("GET", "timebank:counter", "", "village_admin", 200),
    ("GET", "timebank:counter", "", "other_town_admin", 200),
    ("POST", "timebank:counter", "", "volunteer", 403),
    ("POST", "timebank:counter", "", "village_admin", 400),
    ("POST", "timebank:spend_confirm_in_person", SPEND, ANON, 302),
    ("POST", "timebank:spend_confirm_in_person", SPEND, "resident", 404),
    ("POST", "timebank:spend_confirm_in_person", SPEND, "other_town_admin", 404),
    ("POST", "timebank:spend_confirm_in_person", SPEND, "volunteer", 403),
    ("POST", "timebank:spend_confirm_in_person", SPEND, "village_admin", 302),
    ("GET", "timebank:overview", "", ANON, 302),
    ("GET", "timebank:overview", "", "volunteer", 403),
    ("GET", "timebank:overview", "", "station_keeper", 403),
    ("GET", "timebank:overview", "", "village_admin", 200),
    ("GET", "timebank:overview", "", "city_admin", 200),
]

A = "/api/v1/timebank"
SID = f"{A}/spends/{{spend_id}}"
REASON = {"reason": "矩阵"}
SPEND_IN = {
    "volunteer_number": "00000000000000",
    "service": "home_help",
    "minutes": 60,
    "service_date": "2026-01-01",
}

API: list[tuple[str, str, str, str | None, int, dict[str, Any] | None]] = [
    ("GET", f"{A}/me", "", ANON, 401, None),
    ("GET", f"{A}/me", "", "resident", 403, None),
    ("GET", f"{A}/me", "", "volunteer", 200, None),
    ("GET", f"{A}/me/credits", "", ANON, 401, None),
    ("GET", f"{A}/me/credits", "", "resident", 403, None),
    ("GET", f"{A}/me/credits", "", "volunteer", 200, None),
    ("GET", f"{A}/me/spends", "", ANON, 401, None),
    ("GET", f"{A}/me/spends", "", "resident", 403, None),
    ("GET", f"{A}/me/spends", "", "volunteer", 200, None),
    ("GET", f"{A}/me/family", "", ANON, 401, None),
    ("GET", f"{A}/me/family", "", "resident", 403, None),
    ("GET", f"{A}/me/family", "", "volunteer", 200, None),
    ("POST", f"{A}/me/family", "", ANON, 401, FAMILY_IN),
    ("POST", f"{A}/me/family", "", "resident", 403, FAMILY_IN),
    ("POST", f"{A}/me/family", "", "volunteer", 201, FAMILY_IN),
    ("DELETE", f"{A}/me/family/{{member_id}}", MEMBER, ANON, 401, None),
    ("DELETE", f"{A}/me/family/{{member_id}}", MEMBER, "resident", 404, None),
    ("DELETE", f"{A}/me/family/{{member_id}}", MEMBER, "village_admin", 404, None),
    ("DELETE", f"{A}/me/family/{{member_id}}", MEMBER, "volunteer", 204, None),
    ("POST", f"{SID}/confirm", SPEND, ANON, 401, None),
    ("POST", f"{SID}/confirm", SPEND, "resident", 404, None),
    ("POST", f"{SID}/confirm", SPEND, "other_town_admin", 404, None),
    ("POST", f"{SID}/confirm", SPEND, "village_admin", 403, None),
    ("POST", f"{SID}/confirm", SPEND, "volunteer", 200, None),
    ("GET", f"{A}/volunteers/{{number}}", NUMBER, ANON, 401, None),
    ("GET", f"{A}/volunteers/{{number}}", NUMBER, "volunteer", 403, None),
    ("GET", f"{A}/volunteers/{{number}}", NUMBER, "other_town_admin", 404, None),
    ("GET", f"{A}/volunteers/{{number}}", NUMBER, "village_admin", 200, None),
    ("GET", f"{A}/volunteers/{{number}}", NUMBER, "dispatcher", 200, None),
    ("POST", f"{A}/spends", "", ANON, 401, SPEND_IN),
    ("POST", f"{A}/spends", "", "volunteer", 403, SPEND_IN),
    ("POST", f"{A}/spends", "", "village_admin", 404, SPEND_IN),
    ("GET", SID, SPEND, ANON, 401, None),
    ("GET", SID, SPEND, "resident", 404, None),
    ("GET", SID, SPEND, "other_town_admin", 404, None),
    ("GET", SID, SPEND, "volunteer", 200, None),
    ("GET", SID, SPEND, "station_keeper", 200, None),
    ("POST", f"{SID}/confirm-in-person", SPEND, ANON, 401, None),
    ("POST", f"{SID}/confirm-in-person", SPEND, "volunteer", 403, None),
    ("POST", f"{SID}/confirm-in-person", SPEND, "other_town_admin", 404, None),
    ("POST", f"{SID}/confirm-in-person", SPEND, "station_keeper", 200, None),
    ("POST", f"{SID}/cancel", SPEND, ANON, 401, REASON),
    ("POST", f"{SID}/cancel", SPEND, "resident", 404, REASON),
    ("POST", f"{SID}/cancel", SPEND, "volunteer", 200, REASON),
    ("POST", f"{SID}/cancel", SPEND, "village_admin", 200, REASON),
    ("GET", f"{A}/overview", "", ANON, 401, None),
    ("GET", f"{A}/overview", "", "volunteer", 403, None),
    ("GET", f"{A}/overview", "", "village_admin", 200, None),
    ("GET", f"{A}/overview", "", "city_admin", 200, None),
]


def objects(people: dict[str, Any], city: dict[str, Any]) -> dict[str, Any]:
    import datetime

    from django.utils import timezone

    from volcity.accounts.scope import clear_scope_cache
    from volcity.activities.services.records import record_approve, record_enter
    from volcity.activities.tests.factories import activity_make, team_led_by, volunteer_for
    from volcity.timebank.services import family_member_add, spend_request

    leader = people["team_leader"]
    team = team_led_by(leader, people["town_admin"], city["town1"].code)
    clear_scope_cache(leader)
    activity = activity_make(team, leader, region_id=city["village11"].code)
    volunteer = volunteer_for(people["volunteer"], city["village11"].code)
    today = timezone.localdate()
    record = record_enter(
        actor=leader,
        volunteer=volunteer,
        activity=activity,
        team=team,
        served_on=today - datetime.timedelta(days=1),
        minutes=240,
        content="陪老人聊天",
        place="",
        title="",
    )
    record_approve(actor=leader, record=record)
    member = family_member_add(
        actor=people["volunteer"],
        volunteer=volunteer,
        name="王秀兰",
        relation="parent",
        birth_date=datetime.date(1950, 3, 1),
    )
    spend = spend_request(
        actor=people["village_admin"],
        volunteer=volunteer,
        service="home_help",
        minutes=60,
        service_date=today,
        beneficiary=member,
    )
    clear_scope_cache(people["village_admin"])
    return {
        SPEND: {"spend_id": spend.pk},
        MEMBER: {"member_id": member.pk},
        NUMBER: {"number": volunteer.number},
    }
