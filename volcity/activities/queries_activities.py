"""Reads of brands, projects, activities and shifts, scoped to who asks.

* Volunteers (and the public) browse published activities that are recruiting, have a shift
  to come and are open to where they live: ``activities_open_for``.
* Staff see the activities of the teams they lead and of the regions they administer:
  ``activity_list_for`` (keyset pages), ``activity_managed_get``.
* ``activity_detail`` reads one activity with its shifts and seat counts in a fixed number of
  queries, whatever the number of shifts.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from volcity.accounts.roles import ADMIN_ROLES, Role
from volcity.accounts.scope import scope_for, visible_to
from volcity.activities.models import Activity, Brand, HourTotal, Project, Shift
from volcity.activities.permissions import can_manage_activity
from volcity.activities.services.totals import region_chain
from volcity.core.errors import NotFound
from volcity.regions.codes import level_of, prefix_of
from volcity.regions.queries import region_code_q, region_q
from volcity.registry.models import Volunteer
from volcity.registry.queries import volunteer_of

STAFF = [*ADMIN_ROLES, Role.TEAM_LEADER]


@dataclass(frozen=True)
class OpenFilter:
    category: str = ""  # service category code
    region: str = ""  # a region code (any level): activities at or under it
    date: datetime.date | None = None  # activities with a shift on that day


@dataclass(frozen=True)
class ManageFilter:
    status: str = ""
    team: int | None = None
    project: int | None = None
    q: str = ""


def _future_shifts(now: datetime.datetime) -> QuerySet[Shift]:
    return Shift.objects.filter(activity=OuterRef("pk"), cancelled=False, starts_at__gt=now)


def with_next_shift(
    qs: QuerySet[Activity], now: datetime.datetime | None = None
) -> QuerySet[Activity]:
    """Annotate ``next_start`` (the next shift to start) and ``seats_left`` (free seats over
    the shifts to come) with correlated subqueries: no join fan-out, no query per row."""
    now = now or timezone.now()
    future = _future_shifts(now)
    next_start = future.order_by("starts_at").values("starts_at")[:1]
    seats = (
        future.order_by()
        .values("activity")
        .annotate(n=Sum("capacity") - Sum("seats_taken"))
        .values("n")
    )
    return qs.annotate(
        next_start=Subquery(next_start),
        seats_left=Coalesce(Subquery(seats, output_field=IntegerField()), Value(0)),
    )


def audience_q(region_code: str | None) -> Q:
    """Activities open to someone living in ``region_code``: the whole city, or a region that
    contains theirs."""
    if not region_code:
        return Q(audience_region__isnull=True)
    chain = [str(ref).zfill(12) for ref in region_chain(region_code)]
    return Q(audience_region__isnull=True) | Q(audience_region_id__in=chain)


def activities_open_for(
    who: Any, flt: OpenFilter | None = None, *, limit: int = 50
) -> list[Activity]:
    """What a volunteer (or a user, or the public) may sign up for, nearest first: in their
    town before elsewhere, then by the next shift."""
    flt = flt or OpenFilter()
    volunteer = who if isinstance(who, Volunteer) else volunteer_of(who)
    home = volunteer.region_id if volunteer is not None else None
    now = timezone.now()
    qs = Activity.objects.filter(status=Activity.Status.PUBLISHED, recruiting=True).filter(
        audience_q(home)
    )
    if flt.category:
        qs = qs.filter(category__code=flt.category)
    if flt.region:
        qs = qs.filter(region_code_q(flt.region))
    if flt.date is not None:
        tz = timezone.get_current_timezone()
        day_start = timezone.make_aware(datetime.datetime.combine(flt.date, datetime.time()), tz)
        day_end = day_start + datetime.timedelta(days=1)
        day_shifts = Shift.objects.filter(
            cancelled=False, starts_at__gte=max(day_start, now), starts_at__lt=day_end
        )
        qs = qs.filter(pk__in=day_shifts.values("activity_id"))
    else:
        qs = qs.filter(
            pk__in=Shift.objects.filter(cancelled=False, starts_at__gt=now).values("activity_id")
        )
    qs = with_next_shift(qs, now).select_related("region", "team", "category", "project__brand")
    if home:
        town = prefix_of(home, 2) if level_of(home) >= 2 else home
        qs = qs.annotate(
            near=Case(When(region_q([town]), then=Value(0)), default=Value(1))
        ).order_by("near", "next_start", "pk")
    else:
        qs = qs.order_by("next_start", "pk")
    return list(qs[:limit])


def activity_list_for(actor: Any, flt: ManageFilter | None = None) -> QuerySet[Activity]:
    """Activities in the actor's staff scope: their teams' and their regions'."""
    flt = flt or ManageFilter()
    qs = visible_to(
        actor, Activity.objects.all(), roles=STAFF, region_field="region", team_field="team"
    )
    if flt.status:
        qs = qs.filter(status=flt.status)
    if flt.team:
        qs = qs.filter(team_id=flt.team)
    if flt.project:
        qs = qs.filter(project_id=flt.project)
    if flt.q.strip():
        qs = qs.filter(title__contains=flt.q.strip())
    fill = (
        Shift.objects.filter(activity=OuterRef("pk"), cancelled=False).order_by().values("activity")
    )
    return (
        with_next_shift(qs)
        .select_related("team", "region", "project")
        .annotate(
            capacity_total=Coalesce(
                Subquery(fill.annotate(n=Sum("capacity")).values("n"), output_field=IntegerField()),
                Value(0),
            ),
            seats_taken_total=Coalesce(
                Subquery(
                    fill.annotate(n=Sum("seats_taken")).values("n"), output_field=IntegerField()
                ),
                Value(0),
            ),
        )
    )


def activity_managed_get(actor: Any, activity_id: int) -> Activity:
    """An activity the actor manages, else NotFound (outside scope looks like absent)."""
    found = (
        Activity.objects.select_related("team__region", "region", "project")
        .filter(pk=activity_id)
        .first()
    )
    if found is None or not can_manage_activity(actor, found):
        raise NotFound()
    return found


def activity_get_for(actor: Any, activity_id: int) -> Activity:
    """An activity anyone may read once published; drafts only its managers."""
    found = (
        Activity.objects.select_related(
            "team", "region", "category", "project__brand", "audience_region", "lead"
        )
        .filter(pk=activity_id)
        .first()
    )
    if found is None:
        raise NotFound()
    if found.status == Activity.Status.DRAFT and not can_manage_activity(actor, found):
        raise NotFound()
    return found


@dataclass
class ShiftView:
    id: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    capacity: int
    seats_taken: int
    seats_waiting: int
    seats_left: int
    cancelled: bool
    over: bool


@dataclass
class ActivityDetail:
    activity: Activity
    shifts: list[ShiftView]
    skills: list[Any]
    upcoming: list[ShiftView] = field(default_factory=list)


def activity_detail(activity: Activity, *, now: datetime.datetime | None = None) -> ActivityDetail:
    """The activity with its shifts (seats left each) and required skills: two queries."""
    now = now or timezone.now()
    shifts = [
        ShiftView(
            id=s.pk,
            starts_at=s.starts_at,
            ends_at=s.ends_at,
            capacity=s.capacity,
            seats_taken=s.seats_taken,
            seats_waiting=s.seats_waiting,
            seats_left=max(0, s.capacity - s.seats_taken),
            cancelled=s.cancelled,
            over=s.ends_at <= now,
        )
        for s in Shift.objects.filter(activity=activity).order_by("starts_at", "pk")
    ]
    return ActivityDetail(
        activity=activity,
        shifts=shifts,
        skills=list(activity.required_skills.all()),
        upcoming=[s for s in shifts if not s.cancelled and not s.over],
    )


# --- Brands and projects --------------------------------------------------------------------


def brands_all() -> list[Brand]:
    return list(Brand.objects.order_by("sort", "code"))


def project_list_for(actor: Any, *, brand: str = "", status: str = "") -> QuerySet[Project]:
    """Active projects are public; closed ones are seen by the staff who run them."""
    qs = Project.objects.select_related("brand", "team", "region", "category")
    staff = scope_for(actor, STAFF)
    if not staff.everything:
        mine = (
            staff.q(region_field="region", team_field="team") if not staff.empty else Q(pk__in=[])
        )
        qs = qs.filter(Q(status=Project.Status.ACTIVE) | mine)
    if brand:
        qs = qs.filter(brand__code=brand)
    if status:
        qs = qs.filter(status=status)
    return qs


def project_get_for(actor: Any, project_id: int) -> Project:
    found = project_list_for(actor).filter(pk=project_id).first()
    if found is None:
        raise NotFound()
    return found


def hour_totals(kind: str, refs: list[int]) -> dict[int, HourTotal]:
    """The hour totals of several owners in one query (missing: no hours yet)."""
    if not refs:
        return {}
    return {t.ref: t for t in HourTotal.objects.filter(kind=kind, ref__in=refs)}


def project_totals(projects: list[Project]) -> dict[int, HourTotal]:
    return hour_totals(HourTotal.Kind.PROJECT, [p.pk for p in projects])


def project_activity_counts(project: Project) -> dict[str, int]:
    rows = (
        Activity.objects.filter(project=project).values("status").annotate(n=Count("pk")).order_by()
    )
    return {r["status"]: r["n"] for r in rows}


def activities_of_project(project: Project, *, limit: int = 50) -> list[Activity]:
    qs = Activity.objects.filter(project=project).exclude(status=Activity.Status.DRAFT)
    return list(with_next_shift(qs).select_related("region").order_by("-pk")[:limit])
