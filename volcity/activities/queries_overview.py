"""The administrator's overview of service in their region: hours (from the kept totals, never
summed from records) for the region and each region under it, today's shifts, who is checked in
now, records waiting for a decision, and the campaigns running."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from volcity.accounts.roles import ADMIN_ROLES
from volcity.accounts.scope import scope_for
from volcity.activities.models import Campaign, HourTotal, Shift, Signup
from volcity.core.errors import NotFound, PermissionDenied
from volcity.regions.codes import full_code, prefix_for_code
from volcity.regions.models import Region
from volcity.regions.queries import region_q


@dataclass(frozen=True)
class RegionHours:
    code: str
    name: str
    minutes_approved: int = 0
    records_approved: int = 0
    minutes_pending: int = 0
    records_pending: int = 0


@dataclass(frozen=True)
class Today:
    shifts: int = 0
    capacity: int = 0
    seats_taken: int = 0
    checked_in_now: int = 0


@dataclass
class Overview:
    region: Region
    totals: RegionHours
    children: list[RegionHours] = field(default_factory=list)
    today: Today = field(default_factory=Today)
    campaigns: list[Campaign] = field(default_factory=list)
    parent_code: str | None = None


def overview_root(actor: Any, region_code: str = "") -> Region:
    """The region the overview is about: the one asked for if the actor administers it, else
    the widest region they administer."""
    scope = scope_for(actor, ADMIN_ROLES)
    if scope.empty:
        raise PermissionDenied()
    if region_code:
        if not scope.covers_region(region_code):
            raise NotFound()
        found = Region.objects.filter(code=region_code).first()
        if found is None:
            raise NotFound()
        return found
    if scope.everything:
        code = full_code(settings.VOLCITY_CITY_CODE)
    else:
        code = full_code(sorted(scope.prefixes, key=lambda p: (len(p), p))[0])
    return Region.objects.get(code=code)


def _hours(regions: list[Region]) -> list[RegionHours]:
    rows = {
        t.ref: t
        for t in HourTotal.objects.filter(
            kind=HourTotal.Kind.REGION, ref__in=[int(r.code) for r in regions]
        )
    }
    out = []
    for r in regions:
        t = rows.get(int(r.code))
        out.append(
            RegionHours(
                code=r.code,
                name=r.name,
                minutes_approved=t.minutes_approved if t else 0,
                records_approved=t.records_approved if t else 0,
                minutes_pending=t.minutes_pending if t else 0,
                records_pending=t.records_pending if t else 0,
            )
        )
    return out


def overview_for(
    actor: Any, region_code: str = "", *, now: datetime.datetime | None = None
) -> Overview:
    root = overview_root(actor, region_code)
    children = list(Region.objects.filter(parent=root).order_by("code"))
    hours = _hours([root, *children])
    where = region_q([prefix_for_code(root.code)], field="activity__region")
    now = now or timezone.now()
    day_start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    day_end = day_start + datetime.timedelta(days=1)
    shifts = Shift.objects.filter(
        where, starts_at__lt=day_end, ends_at__gt=day_start, cancelled=False
    ).aggregate(
        n=Count("pk"),
        capacity=Coalesce(Sum("capacity"), 0),
        taken=Coalesce(Sum("seats_taken"), 0),
    )
    checked_in_now = Signup.objects.filter(
        region_q([prefix_for_code(root.code)], field="shift__activity__region"),
        checked_in_at__isnull=False,
        checked_out_at__isnull=True,
    ).count()
    campaigns = list(
        Campaign.objects.filter(
            region_q([prefix_for_code(root.code)], field="region"), status=Campaign.Status.OPEN
        ).order_by("-id")[:10]
    )
    scope = scope_for(actor, ADMIN_ROLES)
    parent = root.parent_id if root.parent_id and scope.covers_region(root.parent_id) else None
    return Overview(
        region=root,
        totals=hours[0],
        children=hours[1:],
        today=Today(
            shifts=shifts["n"],
            capacity=shifts["capacity"],
            seats_taken=shifts["taken"],
            checked_in_now=checked_in_now,
        ),
        campaigns=campaigns,
        parent_code=parent,
    )
