"""API shapes of mobilisation campaigns."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Schema

from volcity.activities.models import Campaign, CampaignTeam
from volcity.activities.queries_campaigns import CampaignFill


class SiteSchema(Schema):
    name: str
    address: str
    latitude: Decimal
    longitude: Decimal
    capacity: int
    region: str = ""


class ShiftSchema(Schema):
    starts_at: datetime.datetime
    ends_at: datetime.datetime


class CampaignIn(Schema):
    """Sites as a list, or pasted as text lines ``name | address | lat,lng | capacity``
    (``sites_text``); shifts as a list, or as lines ``2026-12-01 08:00-12:00``."""

    name: str
    kind: str
    region: str
    description: str = ""
    sites: list[SiteSchema] = []
    sites_text: str = ""
    shifts: list[ShiftSchema] = []
    shifts_text: str = ""
    team_ids: list[int] = []
    host_team_id: int | None = None


class RespondIn(Schema):
    accept: bool
    reason: str = ""


class SendIn(Schema):
    shift_id: int
    volunteer_ids: list[int]


class SiteFillOut(Schema):
    site_id: int
    name: str
    activity_id: int
    address: str
    shifts: int
    capacity: int
    seats_taken: int
    checked_in: int
    percent: int


class FillOut(Schema):
    sites: list[SiteFillOut]
    shifts: int
    capacity: int
    seats_taken: int
    checked_in: int
    percent: int


class CampaignTeamOut(Schema):
    team_id: int
    team_name: str
    status: str


class CampaignOut(Schema):
    id: int
    name: str
    kind: str
    region: str
    description: str
    status: str
    created_at: datetime.datetime


class CampaignDetailOut(CampaignOut):
    teams: list[CampaignTeamOut]
    fill: FillOut


class CampaignPage(Schema):
    items: list[CampaignOut]
    next: str | None


class SignupSentOut(Schema):
    signup_id: int
    volunteer_id: int
    status: str


def campaign_out(c: Campaign) -> CampaignOut:
    return CampaignOut(
        id=c.pk,
        name=c.name,
        kind=c.kind,
        region=c.region_id,
        description=c.description,
        status=c.status,
        created_at=c.created_at,
    )


def fill_out(fill: CampaignFill) -> FillOut:
    return FillOut(
        sites=[SiteFillOut(**s.__dict__, percent=s.percent) for s in fill.sites],
        shifts=fill.shifts,
        capacity=fill.capacity,
        seats_taken=fill.seats_taken,
        checked_in=fill.checked_in,
        percent=fill.percent,
    )


def campaign_detail_out(
    c: Campaign, teams: list[CampaignTeam], fill: CampaignFill
) -> CampaignDetailOut:
    return CampaignDetailOut(
        **campaign_out(c).dict(),
        teams=[
            CampaignTeamOut(team_id=t.team_id, team_name=t.team.name, status=t.status)
            for t in teams
        ],
        fill=fill_out(fill),
    )
