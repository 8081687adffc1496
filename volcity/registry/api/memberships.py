"""A membership's next step: the leader approves, declines, removes, transfers or makes a
leader; the volunteer withdraws, accepts, refuses or leaves."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from volcity.core.api_auth import api_user
from volcity.core.errors import NotFound
from volcity.registry.api._common import own_volunteer
from volcity.registry.models import Membership
from volcity.registry.permissions import can_lead_team
from volcity.registry.queries import team_get_for
from volcity.registry.schemas import LeaderIn, MembershipOut, ReasonIn, TransferIn, membership_out
from volcity.registry.services import (
    membership_accept,
    membership_approve,
    membership_decline,
    membership_leave,
    membership_refuse,
    membership_remove,
    membership_set_leader,
    membership_transfer,
    membership_withdraw,
)

router = Router(tags=["registry"])


def _membership_for(actor: Any, membership_id: int) -> Membership:
    """A membership the caller is part of: their own, or one of a team they run."""
    found = (
        Membership.objects.select_related("volunteer__user", "team")
        .filter(pk=membership_id)
        .first()
    )
    if found is None:
        raise NotFound()
    if found.volunteer.user_id != getattr(actor, "pk", None) and not can_lead_team(
        actor, found.team
    ):
        raise NotFound()
    return found


def _out(actor: Any, membership: Membership) -> MembershipOut:
    fresh = Membership.objects.select_related("volunteer__user", "team").get(pk=membership.pk)
    return membership_out(fresh, actor)


@router.post("/memberships/{membership_id}/approve", response=MembershipOut)
def membership_approve_api(request: HttpRequest, membership_id: int) -> MembershipOut:
    actor = api_user(request)
    found = _membership_for(actor, membership_id)
    return _out(actor, membership_approve(actor=actor, membership=found))


@router.post("/memberships/{membership_id}/decline", response=MembershipOut)
def membership_decline_api(
    request: HttpRequest, membership_id: int, payload: ReasonIn
) -> MembershipOut:
    actor = api_user(request)
    found = _membership_for(actor, membership_id)
    return _out(actor, membership_decline(actor=actor, membership=found, reason=payload.reason))


@router.post("/memberships/{membership_id}/remove", response=MembershipOut)
def membership_remove_api(
    request: HttpRequest, membership_id: int, payload: ReasonIn
) -> MembershipOut:
    actor = api_user(request)
    found = _membership_for(actor, membership_id)
    return _out(actor, membership_remove(actor=actor, membership=found, reason=payload.reason))


@router.post("/memberships/{membership_id}/transfer", response=MembershipOut)
def membership_transfer_api(
    request: HttpRequest, membership_id: int, payload: TransferIn
) -> MembershipOut:
    """Move an active member to another team; the answer is the new membership, the old one
    is kept as `transferred`."""
    actor = api_user(request)
    found = _membership_for(actor, membership_id)
    try:
        to_team = team_get_for(actor, payload.team)
    except NotFound:
        raise NotFound(field="team") from None
    return _out(actor, membership_transfer(actor=actor, membership=found, to_team=to_team))


@router.post("/memberships/{membership_id}/leader", response=MembershipOut)
def membership_leader_api(
    request: HttpRequest, membership_id: int, payload: LeaderIn
) -> MembershipOut:
    """Make an active member a leader of the team (`"leader": false` to stop)."""
    actor = api_user(request)
    found = _membership_for(actor, membership_id)
    return _out(actor, membership_set_leader(actor=actor, membership=found, leader=payload.leader))


@router.post("/memberships/{membership_id}/withdraw", response=MembershipOut)
def membership_withdraw_api(request: HttpRequest, membership_id: int) -> MembershipOut:
    actor = api_user(request)
    found = _membership_for(actor, membership_id)
    return _out(actor, membership_withdraw(volunteer=own_volunteer(actor), membership=found))


@router.post("/memberships/{membership_id}/accept", response=MembershipOut)
def membership_accept_api(request: HttpRequest, membership_id: int) -> MembershipOut:
    actor = api_user(request)
    found = _membership_for(actor, membership_id)
    return _out(actor, membership_accept(volunteer=own_volunteer(actor), membership=found))


@router.post("/memberships/{membership_id}/refuse", response=MembershipOut)
def membership_refuse_api(request: HttpRequest, membership_id: int) -> MembershipOut:
    actor = api_user(request)
    found = _membership_for(actor, membership_id)
    return _out(actor, membership_refuse(volunteer=own_volunteer(actor), membership=found))


@router.post("/memberships/{membership_id}/leave", response=MembershipOut)
def membership_leave_api(request: HttpRequest, membership_id: int) -> MembershipOut:
    actor = api_user(request)
    found = _membership_for(actor, membership_id)
    return _out(actor, membership_leave(volunteer=own_volunteer(actor), membership=found))
