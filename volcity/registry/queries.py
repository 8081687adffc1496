"""Reads of the registry, scoped to the acting user.

Administrators see volunteers and teams of their regions; team leaders see their teams and
the people in them (members, applicants, invitees); a volunteer sees their own record.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from volcity.accounts.roles import ADMIN_ROLES, Role
from volcity.accounts.scope import scope_for
from volcity.core.errors import NotFound
from volcity.core.privacy import normalize_phone
from volcity.regions.queries import region_code_q
from volcity.registry.models import Membership, PartyRegistration, Team, Volunteer

AGE_BANDS: dict[str, tuple[int, int | None]] = {
    "under_18": (0, 17),
    "18_35": (18, 35),
    "36_59": (36, 59),
    "60_plus": (60, None),
}


@dataclass(frozen=True)
class VolunteerFilter:
    q: str = ""
    skill: str = ""
    category: str = ""
    region: str = ""
    team: int | None = None
    age_band: str = ""
    status: str = ""
    star_level: int | None = None


def _volunteer_scope(actor: Any) -> Q | None:
    """None: everything; otherwise the condition for the volunteers the actor may see."""
    admins = scope_for(actor, ADMIN_ROLES)
    if admins.everything:
        return None
    condition = Q(pk__in=[])
    if admins.prefixes:
        condition |= admins.q(region_field="region")
    team_ids = scope_for(actor, [Role.TEAM_LEADER]).team_ids
    if team_ids:
        condition |= Q(
            Exists(
                Membership.objects.filter(
                    volunteer=OuterRef("pk"),
                    team_id__in=sorted(team_ids),
                    status__in=Membership.OPEN,
                )
            )
        )
    return condition


def birth_date_range(band: str, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Birth dates of people whose age on ``today`` lies in the band."""
    low, high = AGE_BANDS[band]
    latest = today.replace(year=today.year - low)
    earliest = (
        today.replace(year=today.year - high - 1) + datetime.timedelta(days=1)
        if high is not None
        else datetime.date(1900, 1, 1)
    )
    return earliest, latest


def volunteer_list_for(actor: Any, flt: VolunteerFilter | None = None) -> QuerySet[Volunteer]:
    qs = Volunteer.objects.select_related("user", "region")
    condition = _volunteer_scope(actor)
    if condition is not None:
        qs = qs.filter(condition)
    flt = flt or VolunteerFilter()
    text = flt.q.strip()
    if text:
        phone = normalize_phone(text)
        if phone.isdigit() and len(phone) == 11 and phone.startswith("1"):
            qs = qs.filter(user__phone=phone)
        elif text.isdigit() and len(text) == 14:
            qs = qs.filter(number=text)
        else:
            # A range on the indexed name as well as the prefix test: both databases then
            # walk the name index instead of scanning every volunteer.
            qs = qs.filter(
                user__display_name__gte=text,
                user__display_name__lt=text + "\U0010ffff",
                user__display_name__startswith=text,
            )
    if flt.skill:
        qs = qs.filter(skills__code=flt.skill)
    if flt.category:
        qs = qs.filter(categories__code=flt.category)
    if flt.region:
        qs = qs.filter(region_code_q(flt.region, field="region"))
    if flt.team:
        qs = qs.filter(memberships__team_id=flt.team, memberships__status="active")
    if flt.age_band in AGE_BANDS:
        qs = qs.filter(user__birth_date__range=birth_date_range(flt.age_band, timezone.localdate()))
    if flt.status:
        qs = qs.filter(status=flt.status)
    else:
        qs = qs.exclude(status=Volunteer.Status.DELETED)
    if flt.star_level is not None:
        qs = qs.filter(star_level=flt.star_level)
    return qs


def volunteer_get_for(actor: Any, volunteer_id: int) -> Volunteer:
    if getattr(actor, "is_authenticated", False):
        own = (
            Volunteer.objects.select_related("user", "region")
            .filter(pk=volunteer_id, user=actor)
            .first()
        )
        if own is not None:
            return own
    found = volunteer_list_for(actor, VolunteerFilter(status="")).filter(pk=volunteer_id).first()
    if found is None:
        raise NotFound()
    return found


def volunteer_of(user: Any) -> Volunteer | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Volunteer.objects.select_related("user", "region").filter(user=user).first()


@dataclass(frozen=True)
class TeamFilter:
    q: str = ""
    type: str = ""
    level: str = ""
    region: str = ""
    status: str = ""
    category: str = ""


def team_list_for(actor: Any, flt: TeamFilter | None = None) -> QuerySet[Team]:
    """Active teams are public within the city (volunteers choose one to join); pending,
    rejected, suspended and dissolved ones are seen by those who run them."""
    qs = Team.objects.select_related("region", "parent")
    flt = flt or TeamFilter()
    admins = scope_for(actor, ADMIN_ROLES)
    if not admins.everything:
        private = Q(pk__in=[])
        if admins.prefixes:
            private |= admins.q(region_field="region")
        team_ids = scope_for(actor, [Role.TEAM_LEADER]).team_ids
        if team_ids:
            private |= Q(pk__in=sorted(team_ids)) | Q(parent_id__in=sorted(team_ids))
        qs = qs.filter(Q(status=Team.Status.ACTIVE) | private)
    if flt.q.strip():
        qs = qs.filter(name__contains=flt.q.strip())
    if flt.type:
        qs = qs.filter(type=flt.type)
    if flt.level:
        qs = qs.filter(level=flt.level)
    if flt.region:
        qs = qs.filter(region_code_q(flt.region, field="region"))
    if flt.status:
        qs = qs.filter(status=flt.status)
    if flt.category:
        qs = qs.filter(categories__code=flt.category)
    return qs


def team_get_for(actor: Any, team_id: int) -> Team:
    found = team_list_for(actor).filter(pk=team_id).first()
    if found is None:
        raise NotFound()
    return found


def team_roster(team: Team, *, status: str = "") -> QuerySet[Membership]:
    qs = Membership.objects.filter(team=team).select_related("volunteer__user", "volunteer__region")
    if status:
        qs = qs.filter(status=status)
    else:
        qs = qs.filter(status__in=Membership.OPEN)
    return qs


def memberships_of(volunteer: Volunteer) -> QuerySet[Membership]:
    return Membership.objects.filter(volunteer=volunteer).select_related("team", "team__region")


def volunteer_profile(volunteer: Volunteer) -> Volunteer:
    """One volunteer with what their page shows, in a fixed number of queries."""
    return (
        Volunteer.objects.select_related("user", "region")
        .prefetch_related(
            "skills",
            "categories",
            Prefetch("memberships", queryset=Membership.objects.select_related("team")),
        )
        .get(pk=volunteer.pk)
    )


def party_registrations_for(actor: Any, *, employer: str = "") -> QuerySet[PartyRegistration]:
    qs = PartyRegistration.objects.select_related("volunteer__user", "community").filter(
        active=True
    )
    admins = scope_for(actor, ADMIN_ROLES)
    if not admins.everything:
        if admins.empty:
            return qs.none()
        qs = qs.filter(admins.q(region_field="community"))
    if employer:
        qs = qs.filter(employer=employer)
    return qs.order_by("employer", "id")


def party_service_of(
    registrations: Iterable[PartyRegistration], start: datetime.date, end: datetime.date
) -> dict[int, Any]:
    """Approved service each member gave in their home community from ``start`` up to (not
    including) ``end``, by volunteer id: ``.minutes``, ``.records``, ``.hours``. The hours
    live with the activities' service records (read through their query, imported here so
    the registry does not depend on activities when it loads)."""
    from volcity.activities.queries_records import approved_service_in_communities

    return approved_service_in_communities(
        {r.volunteer_id: r.community_id for r in registrations}, start, end
    )
