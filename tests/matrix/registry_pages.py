"""Permission-matrix rows of the registry's pages (volunteers, staff lists, teams, party).

Other registry modules (import/export, API) declare the same namespace; rows are merged.
"""

from __future__ import annotations

from typing import Any

ANON = None
NAMESPACES = {"registry"}
BODIES = {
    "registry:volunteer_suspend": {"reason": "多次爽约"},
    "registry:volunteer_consent": {"note": "监护人到场"},
    "registry:team_reject": {"reason": "名称重复"},
    "registry:team_suspend": {"reason": "整顿"},
    "registry:team_dissolve": {"reason": "合并"},
    "registry:team_invite": {"number": "00000000000000"},
    "registry:roster_decline": {"reason": "人数已满"},
    "registry:roster_remove": {"reason": "长期不参加"},
    "registry:roster_transfer": {"team": "999999"},
    "registry:party": {"community": "370781001001", "employer": "某单位", "service_post": "助老"},
}
V, MINE, TEAM, PENDING, APPLIED = (
    "reg_pg_vol",
    "reg_pg_mine",
    "reg_pg_team",
    "reg_pg_pending",
    "reg_pg_applied",
)
PAGES: list[tuple[str, str, str, str | None, int]] = [
    # The volunteer's own pages.
    ("GET", "registry:register", "", ANON, 200),
    ("GET", "registry:register", "", "resident", 200),
    ("GET", "registry:register", "", "volunteer", 302),
    ("POST", "registry:register", "", ANON, 400),
    ("GET", "registry:villages", "", ANON, 200),
    ("GET", "registry:me", "", ANON, 302),
    ("GET", "registry:me", "", "resident", 302),
    ("GET", "registry:me", "", "volunteer", 200),
    ("GET", "registry:me_edit", "", ANON, 302),
    ("GET", "registry:me_edit", "", "resident", 404),
    ("GET", "registry:me_edit", "", "volunteer", 200),
    ("POST", "registry:me_edit", "", "volunteer", 400),
    ("GET", "registry:me_delete", "", "volunteer", 200),
    ("GET", "registry:me_delete", "", "resident", 404),
    ("POST", "registry:me_delete", "", ANON, 302),
    ("POST", "registry:me_delete", "", "volunteer", 302),
    ("POST", "registry:membership_withdraw", MINE, ANON, 302),
    ("POST", "registry:membership_withdraw", MINE, "resident", 404),
    ("POST", "registry:membership_withdraw", MINE, "volunteer", 302),
    ("POST", "registry:membership_accept", MINE, "town_admin", 404),
    ("POST", "registry:membership_accept", MINE, "volunteer", 302),
    ("POST", "registry:membership_refuse", MINE, "resident", 404),
    ("POST", "registry:membership_refuse", MINE, "volunteer", 302),
    ("POST", "registry:membership_leave", MINE, "resident", 404),
    ("POST", "registry:membership_leave", MINE, "volunteer", 302),
    # Staff: volunteers.
    ("GET", "registry:volunteers", "", ANON, 302),
    ("GET", "registry:volunteers", "", "volunteer", 403),
    ("GET", "registry:volunteers", "", "dispatcher", 403),
    ("GET", "registry:volunteers", "", "team_leader", 200),
    ("GET", "registry:volunteers", "", "village_admin", 200),
    ("GET", "registry:volunteers", "", "city_admin", 200),
    ("GET", "registry:volunteer_new", "", "volunteer", 403),
    ("GET", "registry:volunteer_new", "", "team_leader", 403),
    ("GET", "registry:volunteer_new", "", "village_admin", 200),
    ("POST", "registry:volunteer_new", "", "town_admin", 400),
    ("GET", "registry:volunteer", V, ANON, 302),
    ("GET", "registry:volunteer", V, "volunteer", 403),
    ("GET", "registry:volunteer", V, "other_town_admin", 404),
    ("GET", "registry:volunteer", V, "town_admin", 200),
    ("POST", "registry:volunteer_consent", V, "volunteer", 403),
    ("POST", "registry:volunteer_consent", V, "other_town_admin", 404),
    ("POST", "registry:volunteer_consent", V, "town_admin", 302),
    ("POST", "registry:volunteer_suspend", V, "volunteer", 403),
    ("POST", "registry:volunteer_suspend", V, "other_town_admin", 404),
    ("POST", "registry:volunteer_suspend", V, "village_admin", 302),
    ("POST", "registry:volunteer_reinstate", V, "dispatcher", 403),
    ("POST", "registry:volunteer_reinstate", V, "other_town_admin", 404),
    ("POST", "registry:volunteer_reinstate", V, "town_admin", 302),
    # Teams.
    ("GET", "registry:teams", "", ANON, 200),
    ("GET", "registry:teams", "", "town_admin", 200),
    ("GET", "registry:team", TEAM, ANON, 200),
    ("GET", "registry:team", TEAM, "town_admin", 200),
    ("GET", "registry:team", PENDING, ANON, 404),
    ("GET", "registry:team", PENDING, "other_town_admin", 404),
    ("GET", "registry:team", PENDING, "town_admin", 200),
    ("GET", "registry:team_new", "", ANON, 302),
    ("GET", "registry:team_new", "", "volunteer", 403),
    ("GET", "registry:team_new", "", "team_leader", 200),
    ("GET", "registry:team_new", "", "town_admin", 200),
    ("POST", "registry:team_new", "", "town_admin", 400),
    ("GET", "registry:teams_pending", "", "volunteer", 403),
    ("GET", "registry:teams_pending", "", "team_leader", 200),
    ("GET", "registry:teams_pending", "", "town_admin", 200),
    ("POST", "registry:team_apply", TEAM, ANON, 302),
    ("POST", "registry:team_apply", TEAM, "resident", 302),
    ("POST", "registry:team_apply", TEAM, "volunteer", 400),
    ("POST", "registry:team_apply", PENDING, "volunteer", 404),
    ("POST", "registry:team_invite", TEAM, "volunteer", 403),
    ("POST", "registry:team_invite", TEAM, "other_town_admin", 403),
    ("POST", "registry:team_invite", TEAM, "town_admin", 400),
    ("POST", "registry:team_approve", PENDING, "volunteer", 404),
    ("POST", "registry:team_approve", PENDING, "other_town_admin", 404),
    ("POST", "registry:team_approve", PENDING, "town_admin", 302),
    ("POST", "registry:team_approve", TEAM, "volunteer", 403),
    ("POST", "registry:team_reject", PENDING, "other_town_admin", 404),
    ("POST", "registry:team_reject", PENDING, "town_admin", 302),
    ("POST", "registry:team_suspend", TEAM, "volunteer", 403),
    ("POST", "registry:team_suspend", TEAM, "other_town_admin", 403),
    ("POST", "registry:team_suspend", TEAM, "town_admin", 302),
    ("POST", "registry:team_reinstate", TEAM, "volunteer", 403),
    ("POST", "registry:team_reinstate", TEAM, "town_admin", 400),
    ("POST", "registry:team_dissolve", TEAM, "other_town_admin", 403),
    ("POST", "registry:team_dissolve", TEAM, "city_admin", 302),
    ("POST", "registry:roster_approve", APPLIED, ANON, 302),
    ("POST", "registry:roster_approve", APPLIED, "volunteer", 403),
    ("POST", "registry:roster_approve", APPLIED, "other_town_admin", 403),
    ("POST", "registry:roster_approve", APPLIED, "town_admin", 302),
    ("POST", "registry:roster_decline", APPLIED, "volunteer", 403),
    ("POST", "registry:roster_decline", APPLIED, "town_admin", 302),
    ("POST", "registry:roster_remove", APPLIED, "volunteer", 403),
    ("POST", "registry:roster_remove", APPLIED, "town_admin", 400),
    ("POST", "registry:roster_lead", APPLIED, "volunteer", 403),
    ("POST", "registry:roster_lead", APPLIED, "town_admin", 400),
    ("POST", "registry:roster_unlead", APPLIED, "other_town_admin", 403),
    ("POST", "registry:roster_unlead", APPLIED, "town_admin", 400),
    ("POST", "registry:roster_transfer", APPLIED, "volunteer", 403),
    ("POST", "registry:roster_transfer", APPLIED, "town_admin", 400),
    # Party members' double registration.
    ("GET", "registry:party", "", ANON, 302),
    ("GET", "registry:party", "", "resident", 302),
    ("GET", "registry:party", "", "volunteer", 200),
    ("POST", "registry:party", "", "volunteer", 400),
    ("GET", "registry:party_report", "", ANON, 302),
    ("GET", "registry:party_report", "", "volunteer", 403),
    ("GET", "registry:party_report", "", "team_leader", 403),
    ("GET", "registry:party_report", "", "town_admin", 200),
    ("GET", "registry:party_report_xlsx", "", "volunteer", 403),
    ("GET", "registry:party_report_xlsx", "", "town_admin", 200),
]
API: list[tuple[str, str, str, str | None, int, dict[str, Any] | None]] = []


def _id_number(serial: int) -> str:
    from volcity.core.privacy import id_check_character

    body = f"37078119850601{serial:03d}"
    return body + id_check_character(body)


def _own_volunteer(user: Any, region: str) -> Any:
    """The "volunteer" person as a registered volunteer (reused if another area made it)."""
    from volcity.core.privacy import decrypt_text
    from volcity.registry.queries import volunteer_of
    from volcity.registry.services import volunteer_register
    from volcity.registry.validation import VolunteerIn

    found = volunteer_of(user)
    if found is not None:
        return found
    number = decrypt_text(user.id_number_cipher) if user.id_number_cipher else _id_number(901)
    data = VolunteerIn(name=user.display_name, id_number=number, region=region, phone=user.phone)
    return volunteer_register(data=data, account=user)


def objects(people: dict[str, Any], city: dict[str, Any]) -> dict[str, Any]:
    from volcity.registry.services import (
        TeamIn,
        membership_apply,
        team_approve,
        team_register,
        volunteer_register,
    )
    from volcity.registry.validation import VolunteerIn

    village = city["village11"].code
    admin = people["town_admin"]
    team = team_register(
        actor=admin,
        data=TeamIn(
            name="矩阵页面服务队", type="community", level="town", region=city["town1"].code
        ),
    )
    team_approve(actor=admin, team=team)
    pending = team_register(
        actor=admin,
        data=TeamIn(
            name="矩阵待批服务队", type="community", level="town", region=city["town1"].code
        ),
    )
    someone = volunteer_register(
        data=VolunteerIn(
            name="矩阵志愿者", id_number=_id_number(902), region=village, phone="13700009902"
        ),
        password="Volcity-matrix-2026",
    )
    applied = membership_apply(volunteer=someone, team=team)
    mine = membership_apply(volunteer=_own_volunteer(people["volunteer"], village), team=team)
    return {
        V: {"volunteer_id": someone.pk},
        TEAM: {"team_id": team.pk},
        PENDING: {"team_id": pending.pk},
        APPLIED: {"team_id": team.pk, "membership_id": applied.pk},
        MINE: {"membership_id": mine.pk},
    }
