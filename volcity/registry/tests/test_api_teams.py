"""The registry API for teams and memberships: register and decide on teams, apply, invite,
approve, leave, transfer; a minor's consent before joining."""

from __future__ import annotations

import pytest
from django.test import Client

from volcity.core.lifecycle import status_history
from volcity.registry.models import Membership, Team
from volcity.registry.tests.api_helpers import (
    active_team,
    leader,
    member,
    minor_id,
    phone,
    register_by_staff,
    send,
    signed_in,
)

pytestmark = pytest.mark.django_db

VILLAGE11 = "370781001001"
VILLAGE21 = "370781002001"


def team_body(**fields: object) -> dict[str, object]:
    found: dict[str, object] = {
        "name": "王府街道助老服务队",
        "type": "civilized_practice",
        "level": "town",
        "region": "370781001000",
        "categories": ["elderly"],
    }
    found.update(fields)
    return found


# ---------------------------------------------------------------- teams


def test_an_administrator_registers_a_team_that_waits_for_approval(people):
    client = signed_in(people["town_admin"])
    created = send(client, "POST", "/teams", team_body())
    assert created.status_code == 201, created.content
    team = created.json()
    assert (team["status"], team["categories"], team["leaders"]) == ("pending", ["elderly"], [])
    approved = send(client, "POST", f"/teams/{team['id']}/approve")
    assert approved.status_code == 200
    assert approved.json()["status"] == "active"


def test_team_registration_names_the_fields_at_fault(people):
    response = send(
        signed_in(people["town_admin"]),
        "POST",
        "/teams",
        team_body(name=" ", level="village", categories=["nope"]),
    )
    assert response.status_code == 400
    assert response.json()["code"] == "team_invalid"
    assert set(response.json()["fields"]) == {"name", "region", "categories"}


def test_a_duplicate_team_name_in_a_region_is_named(people):
    client = signed_in(people["town_admin"])
    assert send(client, "POST", "/teams", team_body()).status_code == 201
    again = send(client, "POST", "/teams", team_body())
    assert again.status_code == 409
    assert again.json()["code"] == "team_name_taken"
    assert list(again.json()["fields"]) == ["name"]


def test_teams_are_registered_only_in_ones_own_regions(people):
    response = send(signed_in(people["other_town_admin"]), "POST", "/teams", team_body())
    assert response.status_code == 403
    assert send(signed_in(people["volunteer"]), "POST", "/teams", team_body()).status_code == 403


def test_a_pending_team_is_hidden_outside_its_region(people):
    pending = send(signed_in(people["town_admin"]), "POST", "/teams", team_body()).json()
    other = signed_in(people["other_town_admin"])
    assert other.get(f"/api/v1/registry/teams/{pending['id']}").status_code == 404
    assert send(other, "POST", f"/teams/{pending['id']}/approve").status_code == 404
    assert other.get("/api/v1/registry/teams").json()["items"] == []


def test_active_teams_are_seen_citywide_but_decided_only_in_scope(people, city):
    team = active_team(people["town_admin"], city["town1"])
    other = signed_in(people["other_town_admin"])
    assert other.get(f"/api/v1/registry/teams/{team.pk}").status_code == 200
    refused = send(other, "POST", f"/teams/{team.pk}/suspend", {"reason": "检查"})
    assert refused.status_code == 403
    assert send(
        signed_in(people["volunteer"]), "POST", f"/teams/{team.pk}/approve"
    ).status_code == (403)


def test_reject_suspend_and_dissolve_need_a_reason(people, city):
    client = signed_in(people["town_admin"])
    pending = send(client, "POST", "/teams", team_body()).json()
    assert send(client, "POST", f"/teams/{pending['id']}/reject", {"reason": ""}).status_code == 400
    rejected = send(client, "POST", f"/teams/{pending['id']}/reject", {"reason": "名称不规范"})
    assert rejected.json()["status"] == "rejected"
    team = active_team(people["town_admin"], city["town1"], name="二队")
    suspended = send(client, "POST", f"/teams/{team.pk}/suspend", {"reason": "整顿"})
    assert suspended.json()["status"] == "suspended"
    reinstated = send(client, "POST", f"/teams/{team.pk}/reinstate")
    assert reinstated.json()["status"] == "active"
    assert send(client, "POST", f"/teams/{team.pk}/dissolve", {}).status_code == 422
    dissolved = send(client, "POST", f"/teams/{team.pk}/dissolve", {"reason": "合并"})
    assert dissolved.json()["status"] == "dissolved"


def test_the_professional_municipal_teams_are_a_filter_away(people, city):
    admin = people["city_admin"]
    for n in range(3):
        send(
            signed_in(admin),
            "POST",
            "/teams",
            team_body(
                name=f"专业队{n}", type="professional", level="municipal", region=city["city"].code
            ),
        )
    for team in Team.objects.all():
        send(signed_in(admin), "POST", f"/teams/{team.pk}/approve")
    active_team(admin, city["town1"], name="镇队")
    client = signed_in(people["volunteer"])
    found = client.get(
        "/api/v1/registry/teams", {"type": "professional", "level": "municipal", "limit": "2"}
    ).json()
    more = client.get(
        "/api/v1/registry/teams",
        {"type": "professional", "level": "municipal", "limit": "2", "after": found["next"]},
    ).json()
    names = [t["name"] for t in found["items"] + more["items"]]
    assert sorted(names) == ["专业队0", "专业队1", "专业队2"]
    assert more["next"] is None


def test_team_leaders_names_are_masked_for_people_who_do_not_run_the_team(people, city):
    admin = people["city_admin"]
    team = active_team(admin, city["town1"])
    chief = register_by_staff(admin, VILLAGE11, name="周队长")
    leader(admin, chief, team)
    public = signed_in(people["volunteer"]).get(f"/api/v1/registry/teams/{team.pk}").json()
    staff = signed_in(people["town_admin"]).get(f"/api/v1/registry/teams/{team.pk}").json()
    assert public["leaders"] == [{"number": chief.number, "name": "周*"}]
    assert staff["leaders"] == [{"number": chief.number, "name": "周队长"}]
    assert public["member_count"] == 1


# ---------------------------------------------------------------- memberships


def test_apply_approve_leave_keeps_the_history(people, city):
    admin = people["city_admin"]
    team = active_team(admin, city["town1"])
    chief = register_by_staff(admin, VILLAGE11)
    leader(admin, chief, team)
    volunteer = register_by_staff(admin, VILLAGE21, phone=phone())
    me = signed_in(volunteer.user)
    applied = send(me, "POST", f"/teams/{team.pk}/applications", {"note": "会开车"})
    assert applied.status_code == 201, applied.content
    membership_id = applied.json()["id"]
    assert applied.json()["status"] == "applied"
    assert applied.json()["volunteer"]["phone"] == volunteer.user.phone  # the person: in full

    roster = signed_in(chief.user).get(
        f"/api/v1/registry/teams/{team.pk}/members", {"status": "applied"}
    )
    assert [m["id"] for m in roster.json()["items"]] == [membership_id]
    assert roster.json()["items"][0]["volunteer"]["phone"].count("*") == 4

    approved = send(signed_in(chief.user), "POST", f"/memberships/{membership_id}/approve")
    assert approved.json()["status"] == "active"
    left = send(me, "POST", f"/memberships/{membership_id}/leave")
    assert left.json()["status"] == "left"
    assert left.json()["ended_at"] is not None

    membership = Membership.objects.get(pk=membership_id)
    history = [(e.action, e.from_status, e.to_status) for e in status_history(membership)]
    assert history == [("approve", "applied", "active"), ("leave", "active", "left")]
    team.refresh_from_db()
    assert team.member_count == 1  # the leader
    past = me.get("/api/v1/registry/volunteers/me/memberships").json()["items"]
    assert [(m["id"], m["status"]) for m in past] == [(membership_id, "left")]


def test_only_the_teams_leaders_decide_on_applications(people, city):
    admin = people["city_admin"]
    team = active_team(admin, city["town1"])
    volunteer = register_by_staff(admin, VILLAGE11)
    applied = send(signed_in(volunteer.user), "POST", f"/teams/{team.pk}/applications", {})
    membership_id = applied.json()["id"]
    # The applicant may not approve their own application.
    own = send(signed_in(volunteer.user), "POST", f"/memberships/{membership_id}/approve")
    assert own.status_code == 403
    # Another team's leader does not even see it.
    other_team = active_team(admin, city["town2"])
    stranger = register_by_staff(admin, VILLAGE21)
    leader(admin, stranger, other_team)
    assert (
        send(signed_in(stranger.user), "POST", f"/memberships/{membership_id}/approve").status_code
        == 404
    )
    declined = send(
        signed_in(people["town_admin"]),
        "POST",
        f"/memberships/{membership_id}/decline",
        {"reason": "名额已满"},
    )
    assert declined.json()["status"] == "declined"


def test_applying_twice_is_a_conflict_and_withdrawing_ends_it(people, city):
    admin = people["city_admin"]
    team = active_team(admin, city["town1"])
    volunteer = register_by_staff(admin, VILLAGE11)
    me = signed_in(volunteer.user)
    first = send(me, "POST", f"/teams/{team.pk}/applications", {})
    again = send(me, "POST", f"/teams/{team.pk}/applications", {})
    assert again.status_code == 409
    assert again.json()["code"] == "membership_exists"
    withdrawn = send(me, "POST", f"/memberships/{first.json()['id']}/withdraw")
    assert withdrawn.json()["status"] == "withdrawn"


def test_applying_needs_a_volunteer_registration(people, city):
    team = active_team(people["city_admin"], city["town1"])
    response = send(signed_in(people["resident"]), "POST", f"/teams/{team.pk}/applications", {})
    assert response.status_code == 403
    assert response.json()["code"] == "not_a_volunteer"


def test_a_leader_invites_by_volunteer_number_and_the_volunteer_accepts(people, city):
    admin = people["city_admin"]
    team = active_team(admin, city["town1"])
    chief = register_by_staff(admin, VILLAGE11)
    leader(admin, chief, team)
    invitee = register_by_staff(admin, VILLAGE21)
    invited = send(
        signed_in(chief.user), "POST", f"/teams/{team.pk}/invitations", {"number": invitee.number}
    )
    assert invited.status_code == 201, invited.content
    assert invited.json()["status"] == "invited"
    accepted = send(signed_in(invitee.user), "POST", f"/memberships/{invited.json()['id']}/accept")
    assert accepted.json()["status"] == "active"


def test_an_invitation_can_be_refused(people, city):
    admin = people["city_admin"]
    team = active_team(admin, city["town1"])
    invitee = register_by_staff(admin, VILLAGE11)
    invited = send(
        signed_in(people["town_admin"]),
        "POST",
        f"/teams/{team.pk}/invitations",
        {"number": invitee.number},
    ).json()
    refused = send(signed_in(invitee.user), "POST", f"/memberships/{invited['id']}/refuse")
    assert refused.json()["status"] == "declined"


def test_inviting_an_unknown_number_names_the_field(people, city):
    team = active_team(people["city_admin"], city["town1"])
    response = send(
        signed_in(people["town_admin"]),
        "POST",
        f"/teams/{team.pk}/invitations",
        {"number": "37078199999999"},
    )
    assert response.status_code == 400
    assert response.json()["code"] == "unknown_volunteer_number"
    assert list(response.json()["fields"]) == ["number"]


def test_members_do_not_invite_or_read_the_roster(people, city):
    admin = people["city_admin"]
    team = active_team(admin, city["town1"])
    joined = register_by_staff(admin, VILLAGE11)
    member(admin, joined, team)
    client = signed_in(joined.user)
    invite = send(client, "POST", f"/teams/{team.pk}/invitations", {"number": joined.number})
    assert invite.status_code == 403
    assert client.get(f"/api/v1/registry/teams/{team.pk}/members").status_code == 403


def test_roster_pages_by_key(people, city):
    admin = people["city_admin"]
    team = active_team(admin, city["town1"])
    for _ in range(3):
        member(admin, register_by_staff(admin, VILLAGE11), team)
    client = signed_in(people["town_admin"])
    first = client.get(f"/api/v1/registry/teams/{team.pk}/members", {"limit": "2"}).json()
    rest = client.get(
        f"/api/v1/registry/teams/{team.pk}/members", {"limit": "2", "after": first["next"]}
    ).json()
    assert len(first["items"]) == 2 and len(rest["items"]) == 1 and rest["next"] is None


def test_remove_transfer_and_leader(people, city):
    admin = people["city_admin"]
    client = signed_in(people["town_admin"])
    team = active_team(admin, city["town1"])
    other = active_team(admin, city["town1"], name="另一队")
    moving = member(admin, register_by_staff(admin, VILLAGE11), team)
    removed = member(admin, register_by_staff(admin, VILLAGE11), team)
    made = send(client, "POST", f"/memberships/{moving.pk}/leader", {"leader": True})
    assert made.json()["is_leader"] is True
    moved = send(client, "POST", f"/memberships/{moving.pk}/transfer", {"team": other.pk})
    assert moved.status_code == 200, moved.content
    assert (moved.json()["team"], moved.json()["status"]) == (other.pk, "active")
    moving.refresh_from_db()
    assert (moving.status, moving.transferred_to_id, moving.is_leader) == (
        "transferred",
        moved.json()["id"],
        False,
    )
    assert send(client, "POST", f"/memberships/{removed.pk}/remove", {}).status_code == 422
    gone = send(client, "POST", f"/memberships/{removed.pk}/remove", {"reason": "长期不参加"})
    assert gone.json()["status"] == "removed"


def test_a_minor_joins_only_after_guardian_consent(people, city):
    admin = people["city_admin"]
    team = active_team(admin, city["town1"])
    no_guardian = send(
        signed_in(people["village_admin"]),
        "POST",
        "/volunteers",
        {"name": "小明", "id_number": minor_id(), "region": VILLAGE11},
    )
    assert no_guardian.status_code == 400
    assert {"guardian_name", "guardian_phone"} <= set(no_guardian.json()["fields"])

    created = send(
        signed_in(people["village_admin"]),
        "POST",
        "/volunteers",
        {
            "name": "小明",
            "id_number": minor_id(),
            "region": VILLAGE11,
            "guardian_name": "王母",
            "guardian_phone": phone(),
            "guardian_relation": "母亲",
        },
    )
    assert created.status_code == 201, created.content
    minor = created.json()
    assert minor["status"] == "pending_consent"
    assert minor["age"] < 18
    assert minor["guardian_phone"].count("*") == 4  # staff see a third party's phone masked

    from volcity.registry.models import Volunteer

    child = Volunteer.objects.get(pk=minor["id"])
    too_soon = send(signed_in(child.user), "POST", f"/teams/{team.pk}/applications", {})
    assert too_soon.status_code == 409
    assert too_soon.json()["code"] == "volunteer_not_active"

    outside = send(signed_in(people["other_town_admin"]), "POST", f"/volunteers/{child.pk}/consent")
    assert outside.status_code == 404
    consented = send(
        signed_in(people["village_admin"]),
        "POST",
        f"/volunteers/{child.pk}/consent",
        {"note": "监护人签字同意书"},
    )
    assert consented.status_code == 200, consented.content
    assert consented.json()["status"] == "active"
    assert consented.json()["guardian_consent_at"] is not None
    assert [e.action for e in status_history(child)] == ["consent"]
    joined = send(signed_in(child.user), "POST", f"/teams/{team.pk}/applications", {})
    assert joined.status_code == 201


def test_membership_endpoints_need_signing_in(people, city):
    team = active_team(people["city_admin"], city["town1"])
    volunteer = register_by_staff(people["city_admin"], VILLAGE11)
    membership = member(people["city_admin"], volunteer, team)
    response = send(Client(), "POST", f"/memberships/{membership.pk}/leave")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_team_list_and_roster_keep_a_query_budget(people, city, django_assert_max_num_queries):
    admin = people["city_admin"]
    teams = [active_team(admin, city["town1"]) for _ in range(12)]
    for _ in range(12):
        member(admin, register_by_staff(admin, VILLAGE11), teams[0])
    client = signed_in(people["town_admin"])
    with django_assert_max_num_queries(6):
        listed = client.get("/api/v1/registry/teams", {"limit": "10"})
    assert len(listed.json()["items"]) == 10
    with django_assert_max_num_queries(7):
        roster = client.get(f"/api/v1/registry/teams/{teams[0].pk}/members", {"limit": "10"})
    assert len(roster.json()["items"]) == 10
