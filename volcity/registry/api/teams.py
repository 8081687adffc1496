"""Teams: list, register, read, decide (approve, reject, suspend, reinstate, dissolve); the
roster; applications and invitations."""

from __future__ import annotations

from typing import Any

from django.db.models import prefetch_related_objects
from django.http import HttpRequest
from ninja import Router, Status

from volcity.core.api_auth import api_user
from volcity.core.pagination import keyset_page
from volcity.core.privacy import mask_name
from volcity.registry.api._common import own_volunteer
from volcity.registry.errors import NotAllowed
from volcity.registry.filters import parse_team_filter
from volcity.registry.models import Membership, Team
from volcity.registry.permissions import can_decide_team, can_lead_team
from volcity.registry.queries import team_get_for, team_list_for, team_roster
from volcity.registry.schemas import (
    InvitationIn,
    LeaderOut,
    MembershipOut,
    MembershipPage,
    NoteIn,
    ReasonIn,
    TeamIn,
    TeamOut,
    TeamPage,
    membership_out,
    team_out,
)
from volcity.registry.services import (
    membership_apply,
    team_approve,
    team_dissolve,
    team_register,
    team_reinstate,
    team_reject,
    team_suspend,
)
from volcity.registry.services.invites import membership_invite_by_number

router = Router(tags=["registry"])


def _detail(actor: Any, team: Team) -> TeamOut:
    fresh = Team.objects.select_related("region").get(pk=team.pk)
    prefetch_related_objects([fresh], "categories")
    runs = can_lead_team(actor, fresh) or can_decide_team(actor, fresh)
    leaders = [
        LeaderOut(
            number=m.volunteer.number,
            name=m.volunteer.user.display_name
            if runs
            else mask_name(m.volunteer.user.display_name),
        )
        for m in Membership.objects.filter(team=fresh, is_leader=True, status="active")
        .select_related("volunteer__user")
        .order_by("pk")
    ]
    return team_out(fresh, leaders)


@router.get("/teams", response=TeamPage)
def team_list(
    request: HttpRequest,
    q: str = "",
    type: str = "",
    level: str = "",
    region: str = "",
    status: str = "",
    category: str = "",
    after: int | None = None,
    limit: int = 50,
) -> TeamPage:
    """Active teams of the city, and the others the caller runs or decides on. The 17
    municipal professional teams: `type=professional&level=municipal`."""
    flt = parse_team_filter(
        {
            "q": q,
            "type": type,
            "level": level,
            "region": region,
            "status": status,
            "category": category,
        }
    )
    qs = team_list_for(api_user(request), flt).prefetch_related("categories")
    page = keyset_page(qs, after=None if after is None else str(after), limit=limit)
    return TeamPage(items=[team_out(t) for t in page.items], next=page.next)


@router.post("/teams", response={201: TeamOut})
def team_add(request: HttpRequest, payload: TeamIn) -> Status[TeamOut]:
    """Register a team; it waits for approval by its region's administrators or its parent
    team's leaders."""
    actor = api_user(request)
    team = team_register(actor=actor, data=payload.to_data())
    return Status(201, _detail(actor, team))


@router.get("/teams/{team_id}", response=TeamOut)
def team_detail(request: HttpRequest, team_id: int) -> TeamOut:
    actor = api_user(request)
    return _detail(actor, team_get_for(actor, team_id))


@router.post("/teams/{team_id}/approve", response=TeamOut)
def team_approve_api(request: HttpRequest, team_id: int) -> TeamOut:
    actor = api_user(request)
    return _detail(actor, team_approve(actor=actor, team=team_get_for(actor, team_id)))


@router.post("/teams/{team_id}/reject", response=TeamOut)
def team_reject_api(request: HttpRequest, team_id: int, payload: ReasonIn) -> TeamOut:
    actor = api_user(request)
    team = team_reject(actor=actor, team=team_get_for(actor, team_id), reason=payload.reason)
    return _detail(actor, team)


@router.post("/teams/{team_id}/suspend", response=TeamOut)
def team_suspend_api(request: HttpRequest, team_id: int, payload: ReasonIn) -> TeamOut:
    actor = api_user(request)
    team = team_suspend(actor=actor, team=team_get_for(actor, team_id), reason=payload.reason)
    return _detail(actor, team)


@router.post("/teams/{team_id}/reinstate", response=TeamOut)
def team_reinstate_api(request: HttpRequest, team_id: int) -> TeamOut:
    actor = api_user(request)
    return _detail(actor, team_reinstate(actor=actor, team=team_get_for(actor, team_id)))


@router.post("/teams/{team_id}/dissolve", response=TeamOut)
def team_dissolve_api(request: HttpRequest, team_id: int, payload: ReasonIn) -> TeamOut:
    """Dissolve the team: every open membership ends (history kept), leaders lose the role."""
    actor = api_user(request)
    team = team_dissolve(actor=actor, team=team_get_for(actor, team_id), reason=payload.reason)
    return _detail(actor, team)


@router.get("/teams/{team_id}/members", response=MembershipPage)
def team_members(
    request: HttpRequest,
    team_id: int,
    status: str = "",
    after: int | None = None,
    limit: int = 50,
) -> MembershipPage:
    """The roster, for the team's leaders and its region's administrators. Without `status`:
    open ones (applied, invited, active); or one status (e.g. `left`, `declined`)."""
    actor = api_user(request)
    team = team_get_for(actor, team_id)
    if not can_lead_team(actor, team):
        raise NotAllowed()
    qs = team_roster(team, status=status).select_related("team")
    page = keyset_page(qs, after=None if after is None else str(after), limit=limit)
    return MembershipPage(items=[membership_out(m, actor) for m in page.items], next=page.next)


@router.post("/teams/{team_id}/applications", response={201: MembershipOut})
def team_apply(
    request: HttpRequest, team_id: int, payload: NoteIn | None = None
) -> Status[MembershipOut]:
    """The caller (a volunteer) asks to join; a leader of the team approves or declines."""
    actor = api_user(request)
    team = team_get_for(actor, team_id)
    membership = membership_apply(
        volunteer=own_volunteer(actor), team=team, note=payload.note if payload else ""
    )
    return Status(201, membership_out(membership, actor))


@router.post("/teams/{team_id}/invitations", response={201: MembershipOut})
def team_invite(request: HttpRequest, team_id: int, payload: InvitationIn) -> Status[MembershipOut]:
    """A leader invites a volunteer by their volunteer number; the volunteer accepts or
    refuses."""
    actor = api_user(request)
    team = team_get_for(actor, team_id)
    if not can_lead_team(actor, team):
        raise NotAllowed()
    membership = membership_invite_by_number(
        actor=actor, team=team, number=payload.number, note=payload.note
    )
    return Status(201, membership_out(membership, actor))
