"""API: mobilisation campaigns. Administrators open, read and close them; leaders of invited
teams answer and send their members to site shifts."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from volcity.accounts.scope import scope_for
from volcity.activities.models import Shift
from volcity.activities.queries_campaigns import (
    STAFF,
    campaign_fill,
    campaign_get_for,
    campaign_list_for,
    campaign_site_get,
    campaign_teams,
    invitations_led_by,
)
from volcity.activities.schemas_campaigns import (
    CampaignDetailOut,
    CampaignIn,
    CampaignPage,
    RespondIn,
    SendIn,
    SignupSentOut,
    campaign_detail_out,
    campaign_out,
)
from volcity.activities.services.campaigns import (
    ShiftSpec,
    SiteIn,
    campaign_close,
    campaign_create,
    campaign_send_volunteers,
    campaign_team_respond,
    shifts_parse,
    sites_parse,
)
from volcity.core.api_auth import api_user
from volcity.core.errors import NotFound, PermissionDenied
from volcity.core.pagination import keyset_page

router = Router(tags=["campaigns"])


def _detail(campaign_id: int, actor: object) -> CampaignDetailOut:
    campaign = campaign_get_for(actor, campaign_id)
    return campaign_detail_out(campaign, campaign_teams(campaign), campaign_fill(campaign))


@router.get("/campaigns", response=CampaignPage)
def campaign_list_api(
    request: HttpRequest, after: int | None = None, limit: int = 50
) -> CampaignPage:
    actor = api_user(request)
    if scope_for(actor, STAFF).empty:
        raise PermissionDenied()
    page = keyset_page(
        campaign_list_for(actor).select_related("region"),
        after=None if after is None else str(after),
        limit=limit,
        descending=True,
    )
    return CampaignPage(items=[campaign_out(c) for c in page.items], next=page.next)


@router.post("/campaigns", response={201: CampaignDetailOut})
def campaign_create_api(request: HttpRequest, payload: CampaignIn) -> Status[CampaignDetailOut]:
    actor = api_user(request)
    sites = [
        SiteIn(s.name, s.address, s.latitude, s.longitude, s.capacity, s.region)
        for s in payload.sites
    ] + (sites_parse(payload.sites_text) if payload.sites_text.strip() else [])
    shifts = [ShiftSpec(s.starts_at, s.ends_at) for s in payload.shifts] + (
        shifts_parse(payload.shifts_text) if payload.shifts_text.strip() else []
    )
    made = campaign_create(
        actor=actor,
        name=payload.name,
        kind=payload.kind,
        region=payload.region,
        description=payload.description,
        sites=sites,
        shifts=shifts,
        team_ids=payload.team_ids,
        host_team_id=payload.host_team_id,
    )
    return Status(201, _detail(made.pk, actor))


@router.get("/campaigns/{campaign_id}", response=CampaignDetailOut)
def campaign_get_api(request: HttpRequest, campaign_id: int) -> CampaignDetailOut:
    """The campaign with its invited teams and the fill of every site."""
    return _detail(campaign_id, api_user(request))


@router.post("/campaigns/{campaign_id}/close", response=CampaignDetailOut)
def campaign_close_api(request: HttpRequest, campaign_id: int) -> CampaignDetailOut:
    actor = api_user(request)
    campaign_close(actor=actor, campaign=campaign_get_for(actor, campaign_id))
    return _detail(campaign_id, actor)


@router.post("/campaigns/{campaign_id}/teams/{team_id}/respond", response=CampaignDetailOut)
def campaign_respond_api(
    request: HttpRequest, campaign_id: int, team_id: int, payload: RespondIn
) -> CampaignDetailOut:
    actor = api_user(request)
    campaign = campaign_get_for(actor, campaign_id)
    invitation = next(
        (i for i in invitations_led_by(actor, campaign) if i.team_id == team_id), None
    )
    if invitation is None:
        raise NotFound()
    invitation.campaign = campaign
    campaign_team_respond(
        actor=actor, invitation=invitation, accept=payload.accept, reason=payload.reason
    )
    return _detail(campaign_id, actor)


@router.post("/campaigns/{campaign_id}/sites/{site_id}/send", response={201: list[SignupSentOut]})
def campaign_send_api(
    request: HttpRequest, campaign_id: int, site_id: int, payload: SendIn
) -> Status[list[SignupSentOut]]:
    """Send active members of your team (taking part) to one of the site's shifts; all or
    nothing. A full shift puts them on its wait-list."""
    actor = api_user(request)
    site = campaign_site_get(campaign_get_for(actor, campaign_id), site_id)
    shift = Shift.objects.filter(pk=payload.shift_id, activity_id=site.activity_id).first()
    if shift is None:
        raise NotFound(field="shift_id")
    placed = campaign_send_volunteers(
        actor=actor, site_shift=shift, volunteer_ids=payload.volunteer_ids
    )
    return Status(
        201,
        [
            SignupSentOut(signup_id=s.pk, volunteer_id=s.volunteer_id, status=s.status)
            for s in placed
        ],
    )
