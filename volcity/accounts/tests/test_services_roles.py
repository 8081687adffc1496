from __future__ import annotations

import pytest

from volcity.accounts.errors import GrantLevelMismatch, GrantNotAllowed, TeamRequired
from volcity.accounts.models import RoleGrant, RoleRequest
from volcity.accounts.roles import Role
from volcity.accounts.services import (
    role_grant,
    role_request_approve,
    role_request_create,
    role_request_decline,
    role_request_withdraw,
    role_revoke,
)
from volcity.audit.models import AuditEntry
from volcity.core.errors import Conflict
from volcity.core.lifecycle import ReasonRequired, TransitionNotAllowed, status_history

pytestmark = pytest.mark.django_db


def test_town_admin_grants_a_village_admin_in_their_town(people, city):
    grant = role_grant(
        actor=people["town_admin"],
        user=people["resident"],
        role=Role.VILLAGE_ADMIN,
        region=city["village12"],
    )
    assert grant.granted_by == people["town_admin"]
    entry = AuditEntry.objects.get(action="accounts.role.granted")
    assert entry.region_id == city["village12"].code
    assert entry.actor == people["town_admin"]


def test_town_admin_cannot_grant_in_another_town(people, city):
    with pytest.raises(GrantNotAllowed):
        role_grant(
            actor=people["town_admin"],
            user=people["nobody"],
            role=Role.VOLUNTEER,
            region=city["village21"],
        )
    assert not RoleGrant.objects.filter(user=people["nobody"]).exists()


def test_town_admin_cannot_make_another_town_admin(people, city):
    with pytest.raises(GrantNotAllowed):
        role_grant(
            actor=people["town_admin"],
            user=people["resident"],
            role=Role.TOWN_ADMIN,
            region=city["town1"],
        )


def test_admin_roles_are_granted_at_their_level(people, city):
    with pytest.raises(GrantLevelMismatch):
        role_grant(
            actor=people["city_admin"],
            user=people["resident"],
            role=Role.TOWN_ADMIN,
            region=city["village11"],
        )


def test_team_leader_needs_a_team(people, city):
    with pytest.raises(TeamRequired):
        role_grant(
            actor=people["city_admin"],
            user=people["resident"],
            role=Role.TEAM_LEADER,
            region=city["town1"],
        )


def test_the_same_grant_twice_is_a_conflict(people, city):
    role_grant(
        actor=people["city_admin"], user=people["resident"], role=Role.DONOR, region=city["city"]
    )
    with pytest.raises(Conflict):
        role_grant(
            actor=people["city_admin"],
            user=people["resident"],
            role=Role.DONOR,
            region=city["city"],
        )


def test_revoke_is_audited_and_removes_scope(people, city):
    grant = RoleGrant.objects.get(user=people["village_admin"])
    role_revoke(actor=people["town_admin"], grant=grant)
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()
    assert AuditEntry.objects.filter(action="accounts.role.revoked").count() == 1


def test_role_request_approved_grants_the_role_and_logs_each_step(people, city):
    req = role_request_create(
        user=people["resident"],
        role=Role.VIRTUE_CLERK,
        region=city["village12"],
        note="村里缺记分员",
    )
    role_request_approve(actor=people["town_admin"], request=req)
    req.refresh_from_db()
    assert req.status == RoleRequest.Status.APPROVED
    assert RoleGrant.objects.filter(user=people["resident"], role=Role.VIRTUE_CLERK).exists()
    events = list(status_history(req))
    assert [(e.from_status, e.to_status, e.actor) for e in events] == [
        ("pending", "approved", people["town_admin"])
    ]
    assert AuditEntry.objects.filter(action="accounts.rolerequest.approve").exists()


def test_declining_needs_a_reason(people, city):
    req = role_request_create(user=people["resident"], role=Role.DONOR, region=city["village12"])
    with pytest.raises(ReasonRequired) as exc:
        role_request_decline(actor=people["town_admin"], request=req, reason="  ")
    assert "reason" in exc.value.fields
    req.refresh_from_db()
    assert req.status == "pending"
    role_request_decline(actor=people["town_admin"], request=req, reason="不在本村居住")
    assert status_history(req).get().reason == "不在本村居住"


def test_a_decided_request_cannot_be_withdrawn(people, city):
    req = role_request_create(user=people["resident"], role=Role.DONOR, region=city["village12"])
    role_request_approve(actor=people["city_admin"], request=req)
    with pytest.raises(TransitionNotAllowed):
        role_request_withdraw(user=people["resident"], request=req)


def test_only_one_pending_request_per_role_and_region(people, city):
    role_request_create(user=people["resident"], role=Role.DONOR, region=city["village12"])
    with pytest.raises(Conflict) as exc:
        role_request_create(user=people["resident"], role=Role.DONOR, region=city["village12"])
    assert exc.value.code == "request_pending"


def test_administrator_roles_cannot_be_asked_for(people, city):
    from volcity.core.errors import DomainError

    with pytest.raises(DomainError) as exc:
        role_request_create(user=people["resident"], role=Role.CITY_ADMIN, region=city["city"])
    assert exc.value.code == "role_not_requestable"


def test_other_town_admin_cannot_approve(people, city):
    req = role_request_create(user=people["resident"], role=Role.DONOR, region=city["village12"])
    with pytest.raises(GrantNotAllowed):
        role_request_approve(actor=people["other_town_admin"], request=req)
    req.refresh_from_db()
    assert req.status == "pending"
