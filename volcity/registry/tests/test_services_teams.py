from __future__ import annotations

import pytest

from volcity.accounts.models import RoleGrant, User
from volcity.accounts.scope import scope_for
from volcity.core.errors import Conflict, DomainError
from volcity.core.lifecycle import ReasonRequired, TransitionNotAllowed, status_history
from volcity.registry.errors import (
    MembershipExists,
    NotAllowed,
    TeamNotActive,
    VolunteerNotActive,
)
from volcity.registry.models import Membership, Team
from volcity.registry.services import (
    TeamIn,
    membership_accept,
    membership_apply,
    membership_approve,
    membership_decline,
    membership_invite,
    membership_leave,
    membership_remove,
    membership_set_leader,
    membership_transfer,
    team_approve,
    team_dissolve,
    team_register,
    team_reject,
)
from volcity.registry.tests.helpers import active_team, id_number, register

pytestmark = pytest.mark.django_db


def test_a_team_waits_for_approval_by_its_region(city, people):
    team = team_register(
        actor=people["town_admin"],
        data=TeamIn(
            name="王府街道文明实践志愿服务队",
            type="civilized_practice",
            level="town",
            region=city["town1"].code,
            categories=["elderly", "civility"],
        ),
    )
    assert team.status == Team.Status.PENDING
    with pytest.raises(NotAllowed):
        team_approve(actor=people["other_town_admin"], team=team)
    team_approve(actor=people["city_admin"], team=team)
    assert Team.objects.get(pk=team.pk).status == "active"


def test_team_level_must_match_its_region(city, people):
    with pytest.raises(DomainError) as exc:
        team_register(
            actor=people["city_admin"],
            data=TeamIn(
                name="某队", type="professional", level="municipal", region=city["town1"].code
            ),
        )
    assert "region" in exc.value.fields


def test_the_same_name_twice_in_a_region_is_refused(city, people):
    active_team(people["town_admin"], city["town1"].code, name="同名队")
    with pytest.raises(Conflict) as exc:
        team_register(
            actor=people["town_admin"],
            data=TeamIn(
                name="同名队", type="civilized_practice", level="town", region=city["town1"].code
            ),
        )
    assert exc.value.code == "team_name_taken"


def test_rejection_needs_a_reason(city, people):
    team = team_register(
        actor=people["town_admin"],
        data=TeamIn(name="新队", type="association", level="town", region=city["town1"].code),
    )
    with pytest.raises(ReasonRequired):
        team_reject(actor=people["town_admin"], team=team, reason="")
    team_reject(actor=people["town_admin"], team=team, reason="材料不全")
    assert status_history(team).get().reason == "材料不全"


def test_apply_approve_and_leave_keep_history_and_counts(city, people):
    team = active_team(people["town_admin"], city["town1"].code)
    v = register(city["village11"].code)
    m = membership_apply(volunteer=v, team=team, note="想参加")
    with pytest.raises(MembershipExists):
        membership_apply(volunteer=v, team=team)
    with pytest.raises(NotAllowed):
        membership_approve(actor=people["other_town_admin"], membership=m)
    membership_approve(actor=people["town_admin"], membership=m)
    assert Team.objects.get(pk=team.pk).member_count == 1
    membership_leave(volunteer=v, membership=m)
    assert Team.objects.get(pk=team.pk).member_count == 0
    assert [e.to_status for e in status_history(m)] == ["active", "left"]
    again = membership_apply(volunteer=v, team=team)  # history kept, a new application allowed
    assert Membership.objects.filter(volunteer=v, team=team).count() == 2
    membership_decline(actor=people["town_admin"], membership=again, reason="名额已满")
    assert Membership.objects.get(pk=again.pk).status == "declined"


def test_no_joining_a_team_that_is_not_active_or_while_waiting_for_consent(city, people):
    pending = team_register(
        actor=people["town_admin"],
        data=TeamIn(name="待批队", type="association", level="town", region=city["town1"].code),
    )
    v = register(city["village11"].code)
    with pytest.raises(TeamNotActive):
        membership_apply(volunteer=v, team=pending)
    minor = register(
        city["village11"].code,
        id_number=id_number("20120101"),
        guardian_name="王大山",
        guardian_phone="13700001111",
    )
    team = active_team(people["town_admin"], city["town1"].code)
    with pytest.raises(VolunteerNotActive):
        membership_apply(volunteer=minor, team=team)


def test_a_leader_gets_the_team_leader_role_and_runs_the_team(city, people):
    team = active_team(people["town_admin"], city["town1"].code)
    lead = register(city["village11"].code)
    m = membership_invite(actor=people["town_admin"], volunteer=lead, team=team)
    membership_accept(volunteer=lead, membership=m)
    membership_set_leader(actor=people["town_admin"], membership=m, leader=True)
    leader_user = User.objects.get(pk=lead.user_id)
    assert scope_for(leader_user).covers_team(team.pk)
    other = register(city["village12"].code)
    application = membership_apply(volunteer=other, team=team)
    membership_approve(actor=leader_user, membership=application)
    membership_remove(actor=leader_user, membership=application, reason="长期未参加")
    membership_leave(volunteer=lead, membership=m)
    assert not RoleGrant.objects.filter(user=leader_user, role="team_leader").exists()


def test_transfer_moves_a_member_and_keeps_both_records(city, people):
    a = active_team(people["city_admin"], city["town1"].code, name="甲队")
    b = active_team(people["city_admin"], city["town2"].code, name="乙队")
    v = register(city["village11"].code)
    m = membership_invite(actor=people["city_admin"], volunteer=v, team=a)
    membership_accept(volunteer=v, membership=m)
    with pytest.raises(NotAllowed):  # town 1's admin cannot run town 2's team
        membership_transfer(actor=people["town_admin"], membership=m, to_team=b)
    target = membership_transfer(actor=people["city_admin"], membership=m, to_team=b)
    m.refresh_from_db()
    assert m.status == "transferred" and m.transferred_to == target and target.status == "active"
    assert Team.objects.get(pk=a.pk).member_count == 0
    assert Team.objects.get(pk=b.pk).member_count == 1


def test_dissolving_closes_open_memberships(city, people):
    team = active_team(people["town_admin"], city["town1"].code)
    v1, v2 = register(city["village11"].code), register(city["village12"].code)
    m1 = membership_invite(actor=people["town_admin"], volunteer=v1, team=team)
    membership_accept(volunteer=v1, membership=m1)
    membership_set_leader(actor=people["town_admin"], membership=m1, leader=True)
    m2 = membership_apply(volunteer=v2, team=team)
    team_dissolve(actor=people["town_admin"], team=team, reason="合并到其他队伍")
    assert Membership.objects.get(pk=m1.pk).status == "removed"
    assert Membership.objects.get(pk=m2.pk).status == "declined"
    assert not RoleGrant.objects.filter(user=v1.user, role="team_leader", team_id=team.pk).exists()
    with pytest.raises(TransitionNotAllowed):
        team_approve(actor=people["town_admin"], team=team)
