"""Reading campaigns: the ones a staff member may see, one campaign, its live fill board, and
what a team leader may send."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from volcity.accounts.roles import ADMIN_ROLES, Role
from volcity.accounts.scope import visible_to
from volcity.activities.models import Campaign, CampaignSite, CampaignTeam, Shift
from volcity.core.errors import NotFound
from volcity.registry.models import Membership
from volcity.registry.permissions import can_lead_team

STAFF = ADMIN_ROLES | {Role.TEAM_LEADER}


def campaign_list_for(user: Any) -> QuerySet[Campaign]:
    """Campaigns in the regions the user administers, and those their team is invited to."""
    keys = visible_to(
        user, Campaign.objects.all(), roles=STAFF, team_field="teams__team_id"
    ).values("pk")
    return Campaign.objects.filter(pk__in=Subquery(keys)).annotate(
        site_count=Count("sites", distinct=True)
    )


def campaign_get_for(user: Any, campaign_id: int) -> Campaign:
    found = campaign_list_for(user).select_related("region").filter(pk=campaign_id).first()
    if found is None:
        raise NotFound()
    return found


@dataclass(frozen=True)
class SiteFill:
    site_id: int
    name: str
    activity_id: int
    address: str
    shifts: int
    capacity: int
    seats_taken: int
    checked_in: int

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.seats_taken / self.capacity)) if self.capacity else 0


@dataclass(frozen=True)
class CampaignFill:
    sites: list[SiteFill]
    shifts: int
    capacity: int
    seats_taken: int
    checked_in: int

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.seats_taken / self.capacity)) if self.capacity else 0


def campaign_fill(campaign: Campaign) -> CampaignFill:
    """Per site: shifts, seats, seats taken, checked in and fill rate; one query (the totals
    are added up from the site rows). Cancelled shifts do not count."""
    live = Q(activity__shifts__cancelled=False)
    rows = (
        CampaignSite.objects.filter(campaign_id=campaign.pk)
        .order_by("sort", "id")
        .annotate(
            n_shifts=Count("activity__shifts", filter=live),
            n_capacity=Coalesce(Sum("activity__shifts__capacity", filter=live), 0),
            n_taken=Coalesce(Sum("activity__shifts__seats_taken", filter=live), 0),
            n_in=Coalesce(Sum("activity__shifts__checked_in", filter=live), 0),
        )
        .values(
            "id",
            "name",
            "activity_id",
            "activity__address",
            "n_shifts",
            "n_capacity",
            "n_taken",
            "n_in",
        )
    )
    sites = [
        SiteFill(
            site_id=r["id"],
            name=r["name"],
            activity_id=r["activity_id"],
            address=r["activity__address"],
            shifts=r["n_shifts"],
            capacity=r["n_capacity"],
            seats_taken=r["n_taken"],
            checked_in=r["n_in"],
        )
        for r in rows
    ]
    return CampaignFill(
        sites=sites,
        shifts=sum(s.shifts for s in sites),
        capacity=sum(s.capacity for s in sites),
        seats_taken=sum(s.seats_taken for s in sites),
        checked_in=sum(s.checked_in for s in sites),
    )


def campaign_teams(campaign: Campaign) -> list[CampaignTeam]:
    return list(
        CampaignTeam.objects.filter(campaign_id=campaign.pk).select_related("team").order_by("id")
    )


def campaign_site_get(campaign: Campaign, site_id: int) -> CampaignSite:
    found = (
        CampaignSite.objects.select_related("activity")
        .filter(campaign=campaign, pk=site_id)
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def site_shifts(site: CampaignSite) -> list[Shift]:
    return list(
        Shift.objects.filter(activity_id=site.activity_id, cancelled=False).order_by(
            "starts_at", "id"
        )
    )


def invitations_led_by(user: Any, campaign: Campaign) -> list[CampaignTeam]:
    """The campaign's invitations of teams the user leads (or administers)."""
    return [ct for ct in campaign_teams(campaign) if can_lead_team(user, ct.team)]


def sendable_members(user: Any, campaign: Campaign) -> list[Membership]:
    """Active members of the accepted teams the user leads: whom they may send."""
    team_ids = [
        ct.team_id
        for ct in invitations_led_by(user, campaign)
        if ct.status == CampaignTeam.Status.ACCEPTED
    ]
    return list(
        Membership.objects.filter(team_id__in=team_ids, status=Membership.Status.ACTIVE)
        .select_related("volunteer__user", "team")
        .order_by("team_id", "volunteer__number")
    )
