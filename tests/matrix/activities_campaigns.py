"""Permission-matrix rows of mobilisation campaigns: pages and API (/api/v1/activities).

``objects`` makes a team led by ``people["team_leader"]`` (town 1) and two campaigns of town 1
inviting it: in one the invitation waits for an answer, in the other the team takes part."""

from __future__ import annotations

from typing import Any

ANON = None
NAMESPACES = {"activities"}
A = "/api/v1/activities"
CAMP, INVITE, SEND = "camp_campaign", "camp_invitation", "camp_site"
BODIES = {
    "activities:campaign_new": {"name": ""},
    "activities:campaign_respond": {"accept": "1"},
    "activities:campaign_send": {"shift": "0"},
}

PAGES: list[tuple[str, str, str, str | None, int]] = [
    ("GET", "activities:campaign_list", "", ANON, 302),
    ("GET", "activities:campaign_list", "", "volunteer", 403),
    ("GET", "activities:campaign_list", "", "team_leader", 200),
    ("GET", "activities:campaign_list", "", "town_admin", 200),
    ("GET", "activities:campaign_new", "", ANON, 302),
    ("GET", "activities:campaign_new", "", "volunteer", 403),
    ("GET", "activities:campaign_new", "", "team_leader", 403),
    ("GET", "activities:campaign_new", "", "town_admin", 200),
    ("POST", "activities:campaign_new", "", "town_admin", 400),
    ("POST", "activities:campaign_new", "", "volunteer", 403),
    ("GET", "activities:campaign_detail", CAMP, ANON, 302),
    ("GET", "activities:campaign_detail", CAMP, "volunteer", 404),
    ("GET", "activities:campaign_detail", CAMP, "other_town_admin", 404),
    ("GET", "activities:campaign_detail", CAMP, "team_leader", 200),
    ("GET", "activities:campaign_detail", CAMP, "town_admin", 200),
    ("GET", "activities:campaign_fill", CAMP, "other_town_admin", 404),
    ("GET", "activities:campaign_fill", CAMP, "town_admin", 200),
    ("POST", "activities:campaign_close", CAMP, ANON, 302),
    ("POST", "activities:campaign_close", CAMP, "team_leader", 403),
    ("POST", "activities:campaign_close", CAMP, "other_town_admin", 404),
    ("POST", "activities:campaign_close", CAMP, "town_admin", 302),
    ("GET", "activities:campaign_respond", INVITE, "other_town_admin", 404),
    ("GET", "activities:campaign_respond", INVITE, "volunteer", 404),
    ("GET", "activities:campaign_respond", INVITE, "team_leader", 200),
    ("POST", "activities:campaign_respond", INVITE, "other_town_admin", 404),
    ("POST", "activities:campaign_respond", INVITE, "team_leader", 302),
    ("GET", "activities:campaign_send", SEND, "other_town_admin", 404),
    ("GET", "activities:campaign_send", SEND, "volunteer", 404),
    ("GET", "activities:campaign_send", SEND, "team_leader", 200),
    ("POST", "activities:campaign_send", SEND, "other_town_admin", 404),
    ("POST", "activities:campaign_send", SEND, "team_leader", 400),
]

C = f"{A}/campaigns/{{campaign_id}}"
NEW = {"name": "矩阵动员", "kind": "flood", "region": "370781001000"}
API: list[tuple[str, str, str, str | None, int, dict[str, Any] | None]] = [
    ("GET", f"{A}/campaigns", "", ANON, 401, None),
    ("GET", f"{A}/campaigns", "", "volunteer", 403, None),
    ("GET", f"{A}/campaigns", "", "team_leader", 200, None),
    ("GET", f"{A}/campaigns", "", "town_admin", 200, None),
    ("POST", f"{A}/campaigns", "", ANON, 401, NEW),
    ("POST", f"{A}/campaigns", "", "volunteer", 403, NEW),
    ("POST", f"{A}/campaigns", "", "other_town_admin", 403, NEW),
    ("POST", f"{A}/campaigns", "", "town_admin", 400, NEW),
    ("GET", C, CAMP, ANON, 401, None),
    ("GET", C, CAMP, "other_town_admin", 404, None),
    ("GET", C, CAMP, "team_leader", 200, None),
    ("GET", C, CAMP, "town_admin", 200, None),
    ("POST", f"{C}/close", CAMP, "team_leader", 403, None),
    ("POST", f"{C}/close", CAMP, "other_town_admin", 404, None),
    ("POST", f"{C}/close", CAMP, "town_admin", 200, None),
    ("POST", f"{C}/teams/{{team_id}}/respond", INVITE, ANON, 401, {"accept": True}),
    ("POST", f"{C}/teams/{{team_id}}/respond", INVITE, "other_town_admin", 404, {"accept": True}),
    ("POST", f"{C}/teams/{{team_id}}/respond", INVITE, "team_leader", 200, {"accept": True}),
    (
        "POST",
        f"{C}/sites/{{site_id}}/send",
        SEND,
        "other_town_admin",
        404,
        {"shift_id": 0, "volunteer_ids": []},
    ),
    (
        "POST",
        f"{C}/sites/{{site_id}}/send",
        SEND,
        "team_leader",
        404,
        {"shift_id": 0, "volunteer_ids": []},
    ),
]


def objects(people: dict[str, Any], city: dict[str, Any]) -> dict[str, Any]:
    import datetime
    from decimal import Decimal

    from django.utils import timezone

    from volcity.activities.models import CampaignTeam
    from volcity.activities.services.campaigns import (
        ShiftSpec,
        SiteIn,
        campaign_create,
        campaign_team_respond,
    )
    from volcity.activities.tests.factories import team_led_by

    admin, leader = people["town_admin"], people["team_leader"]
    team = team_led_by(leader, admin, city["town1"].code, name="动员矩阵服务队")
    start = (timezone.now() + datetime.timedelta(days=3)).replace(microsecond=0)
    site = SiteIn("矩阵站点", "青州市矩阵路1号", Decimal("36.69"), Decimal("118.48"), 5)
    invited, taking_part = (
        campaign_create(
            actor=admin,
            name=name,
            kind="testing",
            region=city["town1"].code,
            description="",
            sites=[site],
            shifts=[ShiftSpec(start, start + datetime.timedelta(hours=4))],
            team_ids=[team.pk],
        )
        for name in ("矩阵动员甲", "矩阵动员乙")
    )
    campaign_team_respond(
        actor=leader,
        invitation=CampaignTeam.objects.select_related("campaign", "team").get(
            campaign=taking_part
        ),
        accept=True,
    )
    return {
        CAMP: {"campaign_id": invited.pk},
        INVITE: {"campaign_id": invited.pk, "team_id": team.pk},
        SEND: {"campaign_id": taking_part.pk, "site_id": taking_part.sites.get().pk},
    }
