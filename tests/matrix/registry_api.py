"""Permission-matrix rows of the registry's JSON API (/api/v1/registry).

The volunteer acting on their own records here is the station keeper, registered as a
volunteer (and a Party member) by ``objects``: ``people["volunteer"]`` is left to the registry
pages' rows, so the areas never register the same person twice. Rows do not rely on the
team leader's team id (it differs between SQLite and PostgreSQL); leaders are tested in
``volcity/registry/tests/test_api_teams.py``.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from volcity.core.privacy import id_check_character

ANON = None
NAMESPACES = {"registry"}
PAGES: list[tuple[str, str, str, str | None, int]] = []
BODIES: dict[str, dict[str, str]] = {}

R = "/api/v1/registry"
VILLAGE11 = "370781001001"


def _id(body17: str) -> str:
    return body17 + id_check_character(body17)


SELF_ID = _id("37078119720202701")
TARGET_ID = _id("37078119720303703")
SUSPENDED_ID = _id("37078119720404705")
NEW_ID = _id("37078119740505707")
NEW_PHONE = "13700009901"

NEW_VOLUNTEER = {"name": "矩阵新人", "id_number": NEW_ID, "region": VILLAGE11}
ANON_SIGNUP = {**NEW_VOLUNTEER, "phone": NEW_PHONE, "password": "Volcity-matrix-2026"}
SELF_SIGNUP = {**NEW_VOLUNTEER, "self": True}
TARGET_PUT = {"name": "矩阵改名", "id_number": TARGET_ID, "region": VILLAGE11}
NEW_TEAM = {
    "name": "API矩阵新队",
    "type": "civilized_practice",
    "level": "town",
    "region": "370781001000",
}
REASON = {"reason": "矩阵测试"}
PARTY = {"community": VILLAGE11, "employer": "矩阵单位", "service_post": "文明劝导"}
V = f"{R}/volunteers/{{volunteer_id}}"
T = f"{R}/teams/{{team_id}}"
M = f"{R}/memberships/{{membership_id}}"

# API rows: (method, path template, kwargs key, role, expected status, JSON body or None)
API: list[tuple[str, str, str, str | None, int, dict[str, Any] | None]] = [
    # registering: anonymous with a password, oneself, or staff for someone
    ("POST", f"{R}/volunteers", "", ANON, 201, ANON_SIGNUP),
    ("POST", f"{R}/volunteers", "", ANON, 401, NEW_VOLUNTEER),
    ("POST", f"{R}/volunteers", "", "resident", 201, SELF_SIGNUP),
    ("POST", f"{R}/volunteers", "", "town_admin", 201, NEW_VOLUNTEER),
    ("POST", f"{R}/volunteers", "", "other_town_admin", 403, NEW_VOLUNTEER),
    ("POST", f"{R}/volunteers", "", "dispatcher", 403, NEW_VOLUNTEER),
    # finding and reading
    ("GET", f"{R}/volunteers", "", ANON, 401, None),
    ("GET", f"{R}/volunteers", "", "volunteer", 403, None),
    ("GET", f"{R}/volunteers", "", "station_keeper", 403, None),
    ("GET", f"{R}/volunteers", "", "team_leader", 200, None),
    ("GET", f"{R}/volunteers", "", "town_admin", 200, None),
    ("GET", f"{R}/volunteers/me", "", ANON, 401, None),
    ("GET", f"{R}/volunteers/me", "", "resident", 403, None),
    ("GET", f"{R}/volunteers/me", "", "station_keeper", 200, None),
    ("GET", f"{R}/volunteers/me/memberships", "", "resident", 403, None),
    ("GET", f"{R}/volunteers/me/memberships", "", "station_keeper", 200, None),
    ("DELETE", f"{R}/volunteers/me", "", ANON, 401, None),
    ("DELETE", f"{R}/volunteers/me", "", "resident", 403, None),
    ("DELETE", f"{R}/volunteers/me", "", "station_keeper", 204, None),
    ("GET", V, "reg_api_target", "town_admin", 200, None),
    ("GET", V, "reg_api_target", "other_town_admin", 404, None),
    ("GET", V, "reg_api_target", "station_keeper", 404, None),
    ("GET", V, "reg_api_self", "station_keeper", 200, None),
    # correcting
    ("PUT", V, "reg_api_target", "village_admin", 200, TARGET_PUT),
    ("PUT", V, "reg_api_target", "other_town_admin", 404, TARGET_PUT),
    ("PATCH", V, "reg_api_target", "town_admin", 200, {"emergency_name": "矩阵"}),
    ("PATCH", V, "reg_api_target", "other_town_admin", 404, {"emergency_name": "矩阵"}),
    ("PATCH", V, "reg_api_self", "station_keeper", 200, {"available_times": ["any_time"]}),
    ("PATCH", V, "reg_api_self", "station_keeper", 400, {"id_number": TARGET_ID}),
    # consent, suspend, reinstate
    ("POST", f"{V}/consent", "reg_api_minor", "village_admin", 200, {"note": "同意书"}),
    ("POST", f"{V}/consent", "reg_api_minor", "other_town_admin", 404, None),
    ("POST", f"{V}/consent", "reg_api_self", "station_keeper", 403, None),
    ("POST", f"{V}/suspend", "reg_api_target", "town_admin", 200, REASON),
    ("POST", f"{V}/suspend", "reg_api_target", "other_town_admin", 404, REASON),
    ("POST", f"{V}/suspend", "reg_api_self", "station_keeper", 403, REASON),
    ("POST", f"{V}/reinstate", "reg_api_suspended", "town_admin", 200, None),
    ("POST", f"{V}/reinstate", "reg_api_suspended", "other_town_admin", 404, None),
    # teams
    ("GET", f"{R}/teams", "", ANON, 401, None),
    ("GET", f"{R}/teams", "", "volunteer", 200, None),
    ("POST", f"{R}/teams", "", "town_admin", 201, NEW_TEAM),
    ("POST", f"{R}/teams", "", "other_town_admin", 403, NEW_TEAM),
    ("POST", f"{R}/teams", "", "volunteer", 403, NEW_TEAM),
    ("GET", T, "reg_api_team", "volunteer", 200, None),
    ("GET", T, "reg_api_pending_team", "town_admin", 200, None),
    ("GET", T, "reg_api_pending_team", "other_town_admin", 404, None),
    ("POST", f"{T}/approve", "reg_api_pending_team", "town_admin", 200, None),
    ("POST", f"{T}/approve", "reg_api_pending_team", "other_town_admin", 404, None),
    ("POST", f"{T}/approve", "reg_api_team", "other_town_admin", 403, None),
    ("POST", f"{T}/reject", "reg_api_pending_team", "town_admin", 200, REASON),
    ("POST", f"{T}/reject", "reg_api_pending_team", "other_town_admin", 404, REASON),
    ("POST", f"{T}/suspend", "reg_api_team", "town_admin", 200, REASON),
    ("POST", f"{T}/suspend", "reg_api_team", "other_town_admin", 403, REASON),
    ("POST", f"{T}/suspend", "reg_api_team", "volunteer", 403, REASON),
    ("POST", f"{T}/reinstate", "reg_api_suspended_team", "town_admin", 200, None),
    ("POST", f"{T}/reinstate", "reg_api_suspended_team", "other_town_admin", 404, None),
    ("POST", f"{T}/dissolve", "reg_api_team", "town_admin", 200, REASON),
    ("POST", f"{T}/dissolve", "reg_api_team", "other_town_admin", 403, REASON),
    # roster, applications, invitations
    ("GET", f"{T}/members", "reg_api_team", ANON, 401, None),
    ("GET", f"{T}/members", "reg_api_team", "town_admin", 200, None),
    ("GET", f"{T}/members", "reg_api_team", "other_town_admin", 403, None),
    ("GET", f"{T}/members", "reg_api_team", "station_keeper", 403, None),
    ("POST", f"{T}/applications", "reg_api_free_team", "station_keeper", 201, None),
    ("POST", f"{T}/applications", "reg_api_team", "station_keeper", 409, None),
    ("POST", f"{T}/applications", "reg_api_free_team", "resident", 403, None),
    ("POST", f"{T}/invitations", "reg_api_team", "town_admin", 400, {"number": "0"}),
    ("POST", f"{T}/invitations", "reg_api_team", "station_keeper", 403, {"number": "0"}),
    ("POST", f"{T}/invitations", "reg_api_team", "other_town_admin", 403, {"number": "0"}),
    # memberships: the leader's side
    ("POST", f"{M}/approve", "reg_api_applied", "town_admin", 200, None),
    ("POST", f"{M}/approve", "reg_api_applied", "station_keeper", 403, None),
    ("POST", f"{M}/approve", "reg_api_applied", "other_town_admin", 404, None),
    ("POST", f"{M}/decline", "reg_api_applied", "town_admin", 200, REASON),
    ("POST", f"{M}/decline", "reg_api_applied", "other_town_admin", 404, REASON),
    ("POST", f"{M}/remove", "reg_api_active", "town_admin", 200, REASON),
    ("POST", f"{M}/remove", "reg_api_active", "station_keeper", 403, REASON),
    ("POST", f"{M}/transfer", "reg_api_active", "other_town_admin", 404, {"team": 0}),
    ("POST", f"{M}/transfer", "reg_api_active", "town_admin", 404, {"team": 0}),
    ("POST", f"{M}/leader", "reg_api_active", "town_admin", 200, {"leader": True}),
    ("POST", f"{M}/leader", "reg_api_active", "station_keeper", 403, {"leader": True}),
    # memberships: the volunteer's side
    ("POST", f"{M}/withdraw", "reg_api_applied", "station_keeper", 200, None),
    ("POST", f"{M}/withdraw", "reg_api_applied", "town_admin", 403, None),
    ("POST", f"{M}/accept", "reg_api_invited", "station_keeper", 200, None),
    ("POST", f"{M}/accept", "reg_api_invited", "other_town_admin", 404, None),
    ("POST", f"{M}/refuse", "reg_api_invited", "station_keeper", 200, None),
    ("POST", f"{M}/refuse", "reg_api_invited", "town_admin", 403, None),
    ("POST", f"{M}/leave", "reg_api_active", "station_keeper", 200, None),
    ("POST", f"{M}/leave", "reg_api_active", "other_town_admin", 404, None),
    # Party members' double registration
    ("POST", f"{R}/party-registration", "", ANON, 401, PARTY),
    ("POST", f"{R}/party-registration", "", "resident", 403, PARTY),
    ("POST", f"{R}/party-registration", "", "station_keeper", 200, PARTY),
    ("GET", f"{R}/party-registrations", "", ANON, 401, None),
    ("GET", f"{R}/party-registrations", "", "volunteer", 403, None),
    ("GET", f"{R}/party-registrations", "", "town_admin", 200, None),
    # the catalogue is public (the registration form needs it)
    ("GET", f"{R}/skills", "", ANON, 200, None),
    ("GET", f"{R}/categories", "", ANON, 200, None),
]


def objects(people: dict[str, Any], city: dict[str, Any]) -> dict[str, Any]:
    from volcity.registry.services import (
        TeamIn,
        membership_apply,
        membership_approve,
        membership_invite,
        team_approve,
        team_register,
        team_suspend,
        volunteer_register,
        volunteer_suspend,
    )
    from volcity.registry.validation import VolunteerIn

    admin = people["city_admin"]
    keeper = people["station_keeper"]
    own = volunteer_register(
        data=VolunteerIn(
            name="矩阵站长",
            id_number=SELF_ID,
            region=VILLAGE11,
            phone=keeper.phone,
            political_status="party_member",
        ),
        account=keeper,
        actor=keeper,
    )
    target = volunteer_register(
        data=VolunteerIn(name="矩阵对象", id_number=TARGET_ID, region=VILLAGE11), actor=admin
    )
    suspended = volunteer_register(
        data=VolunteerIn(name="矩阵暂停", id_number=SUSPENDED_ID, region=VILLAGE11), actor=admin
    )
    volunteer_suspend(actor=admin, volunteer=suspended, reason="矩阵")
    today = timezone.localdate()
    birth = today.replace(year=today.year - 15) - datetime.timedelta(days=40)
    minor = volunteer_register(
        data=VolunteerIn(
            name="矩阵少年",
            id_number=_id(f"370781{birth:%Y%m%d}709"),
            region=VILLAGE11,
            guardian_name="矩阵家长",
            guardian_phone="13700009902",
        ),
        actor=admin,
    )

    def team(name: str, *, approve: bool = True) -> Any:
        made = team_register(
            actor=admin,
            data=TeamIn(name=name, type="community", level="town", region=city["town1"].code),
        )
        return team_approve(actor=admin, team=made) if approve else made

    applied_team, invited_team, active_team = (
        team("API矩阵甲"),
        team("API矩阵乙"),
        team("API矩阵丙"),
    )
    free_team, pending_team = team("API矩阵丁"), team("API矩阵待批", approve=False)
    suspended_team = team_suspend(actor=admin, team=team("API矩阵暂停"), reason="矩阵")
    applied = membership_apply(volunteer=own, team=applied_team)
    invited = membership_invite(actor=admin, volunteer=own, team=invited_team)
    active = membership_approve(
        actor=admin, membership=membership_apply(volunteer=own, team=active_team)
    )
    return {
        "reg_api_self": {"volunteer_id": own.pk},
        "reg_api_target": {"volunteer_id": target.pk},
        "reg_api_suspended": {"volunteer_id": suspended.pk},
        "reg_api_minor": {"volunteer_id": minor.pk},
        "reg_api_team": {"team_id": applied_team.pk},
        "reg_api_free_team": {"team_id": free_team.pk},
        "reg_api_pending_team": {"team_id": pending_team.pk},
        "reg_api_suspended_team": {"team_id": suspended_team.pk},
        "reg_api_applied": {"membership_id": applied.pk},
        "reg_api_invited": {"membership_id": invited.pk},
        "reg_api_active": {"membership_id": active.pk},
    }
