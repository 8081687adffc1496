"""Reads of service records, hour totals and stars, scoped to the person asking.

A volunteer's hours come from their ``HourTotal`` row and their ``StarAward`` rows (two
indexed reads); no page sums the record table, except the Party-member report, which sums
one quarter of a page of members' records through the (volunteer, date) index.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from volcity.accounts.roles import ADMIN_ROLES, Role
from volcity.accounts.scope import scope_for
from volcity.activities.models import HourTotal, RecordCorrection, ServiceRecord, StarAward
from volcity.activities.services.totals import hours_text
from volcity.core.errors import NotFound
from volcity.core.pagination import Page, keyset_page
from volcity.regions.codes import is_within, level_of, prefix_of
from volcity.registry.models import Volunteer

DECIDER_ROLES = (*ADMIN_ROLES, Role.TEAM_LEADER)


@dataclass(frozen=True)
class StarEarned:
    level: int
    earned_at: datetime.datetime


@dataclass(frozen=True)
class MyHours:
    minutes_approved: int
    minutes_pending: int
    records_approved: int
    records_pending: int
    star_level: int
    # The hours of the next star (None once all five are earned) and the way there, 0..100.
    next_threshold: int | None
    progress_percent: int
    stars: list[StarEarned] = field(default_factory=list)

    @property
    def hours_approved(self) -> str:
        return hours_text(self.minutes_approved)

    @property
    def hours_pending(self) -> str:
        return hours_text(self.minutes_pending)

    @property
    def records_count(self) -> int:
        return self.records_approved + self.records_pending

    @property
    def hours_to_next(self) -> str | None:
        if self.next_threshold is None:
            return None
        return hours_text(max(0, self.next_threshold * 60 - self.minutes_approved))


def hour_totals_for(kind: str, ref: int) -> HourTotal:
    """The totals of one owner (volunteer, team, project, region as an integer code); an
    unsaved zero row when nothing was recorded yet."""
    found = HourTotal.objects.filter(kind=kind, ref=ref).first()
    return found if found is not None else HourTotal(kind=kind, ref=ref)


def my_hours(volunteer: Volunteer) -> MyHours:
    total = hour_totals_for(HourTotal.Kind.VOLUNTEER, volunteer.pk)
    stars = [
        StarEarned(level=s.level, earned_at=s.earned_at)
        for s in StarAward.objects.filter(volunteer_id=volunteer.pk).order_by("level")
    ]
    level = max((s.level for s in stars), default=0)
    thresholds: list[int] = list(settings.VOLCITY_STAR_THRESHOLDS)
    minutes = int(total.minutes_approved)
    next_threshold = thresholds[level] if level < len(thresholds) else None
    if next_threshold is None:
        progress = 100
    else:
        floor = thresholds[level - 1] * 60 if level else 0
        span = next_threshold * 60 - floor
        progress = max(0, min(100, int((minutes - floor) * 100 / span))) if span > 0 else 0
    return MyHours(
        minutes_approved=minutes,
        minutes_pending=int(total.minutes_pending),
        records_approved=total.records_approved,
        records_pending=total.records_pending,
        star_level=level,
        next_threshold=next_threshold,
        progress_percent=progress,
        stars=stars,
    )


def _with_pending_correction(qs: QuerySet[ServiceRecord]) -> QuerySet[ServiceRecord]:
    waiting = RecordCorrection.objects.filter(
        record=OuterRef("pk"), status=RecordCorrection.Status.PENDING
    )
    return qs.annotate(correction_waiting=Exists(waiting))


def my_records(
    volunteer: Volunteer, *, after: str | None = None, limit: int = 20
) -> Page[ServiceRecord]:
    """The volunteer's own records, newest first, a keyset page at a time."""
    qs = _with_pending_correction(ServiceRecord.objects.filter(volunteer_id=volunteer.pk))
    return keyset_page(qs, after=after, limit=limit, descending=True)


def my_record_get(volunteer: Volunteer, record_id: int) -> ServiceRecord:
    found = ServiceRecord.objects.filter(pk=record_id, volunteer_id=volunteer.pk).first()
    if found is None:
        raise NotFound()
    return found


def _decider_q(actor: Any, *, team_field: str, region_field: str) -> Q | None:
    """Rows a leader of their team or an administrator of their region may decide on;
    None when the actor decides nothing."""
    leaders = scope_for(actor, [Role.TEAM_LEADER])
    admins = scope_for(actor, ADMIN_ROLES)
    if leaders.everything or admins.everything:
        return Q()
    if leaders.empty and admins.empty:
        return None
    condition = Q(pk__in=[])
    if leaders.team_ids:
        condition |= leaders.q(region_field=None, team_field=team_field)
    if admins.prefixes:
        condition |= admins.q(region_field=region_field, team_field=None)
    return condition


def is_record_staff(actor: Any) -> bool:
    return not scope_for(actor, DECIDER_ROLES).empty


def records_visible_to(actor: Any) -> QuerySet[ServiceRecord]:
    """Every record the actor may decide on (their own are left out), with what lists show."""
    qs = ServiceRecord.objects.select_related("volunteer__user", "team", "region", "activity")
    condition = _decider_q(actor, team_field="team", region_field="region")
    if condition is None:
        return qs.none()
    qs = qs.filter(condition)
    if getattr(actor, "pk", None) is not None:
        qs = qs.exclude(volunteer__user_id=actor.pk)
    return qs


def records_to_decide_for(
    actor: Any,
    status: str = ServiceRecord.Status.PENDING,
    *,
    team_id: int | None = None,
    flagged: bool | None = None,
) -> QuerySet[ServiceRecord]:
    """Records in the actor's scope (teams they lead, regions they administer) by status
    (empty for all), optionally of one team or only flagged ones."""
    qs = records_visible_to(actor)
    if status:
        qs = qs.filter(status=status)
    if team_id is not None:
        qs = qs.filter(team_id=team_id)
    if flagged is not None:
        qs = qs.filter(flagged=flagged)
    return _with_pending_correction(qs)


def record_get_for(actor: Any, record_id: int) -> ServiceRecord:
    """One record the actor may decide on, or NotFound (outside scope looks like absent)."""
    found = records_visible_to(actor).filter(pk=record_id).first()
    if found is None:
        raise NotFound()
    return found


def corrections_to_review_for(
    actor: Any, status: str = RecordCorrection.Status.PENDING
) -> QuerySet[RecordCorrection]:
    qs = RecordCorrection.objects.select_related(
        "record__volunteer__user", "record__team", "requested_by"
    )
    condition = _decider_q(actor, team_field="record__team", region_field="record__region")
    if condition is None:
        return qs.none()
    qs = qs.filter(condition)
    if getattr(actor, "pk", None) is not None:
        qs = qs.exclude(record__volunteer__user_id=actor.pk)
    if status:
        qs = qs.filter(status=status)
    return qs


def correction_get_for(actor: Any, correction_id: int) -> RecordCorrection:
    found = corrections_to_review_for(actor, status="").filter(pk=correction_id).first()
    if found is None:
        raise NotFound()
    return found


def teams_decided_by(actor: Any) -> list[tuple[int, str]]:
    """(id, name) of teams whose records the actor sees: for the list's team filter."""
    from volcity.registry.models import Team

    condition = _decider_q(actor, team_field="pk", region_field="region")
    if condition is None:
        return []
    return list(Team.objects.filter(condition).order_by("name").values_list("pk", "name")[:500])


@dataclass(frozen=True)
class ServiceSum:
    minutes: int = 0
    records: int = 0

    @property
    def hours(self) -> str:
        return hours_text(self.minutes)


def approved_service_in_communities(
    communities: Mapping[int, str], date_from: datetime.date, date_to: datetime.date
) -> dict[int, ServiceSum]:
    """Approved service of each volunteer (id -> home community code) given within their
    community (the community or any region under it), served on ``date_from`` up to, not
    including, ``date_to``. One grouped query over the (volunteer, date) index."""
    if not communities:
        return {}
    rows = (
        ServiceRecord.objects.filter(
            volunteer_id__in=list(communities),
            status=ServiceRecord.Status.APPROVED,
            served_on__gte=date_from,
            served_on__lt=date_to,
        )
        .order_by()
        .values("volunteer_id", "region_id")
        .annotate(minutes=Sum("minutes"), records=Count("id"))
    )
    found: dict[int, ServiceSum] = {}
    for row in rows:
        community = communities[row["volunteer_id"]]
        if not is_within(row["region_id"], prefix_of(community, level_of(community))):
            continue
        had = found.get(row["volunteer_id"], ServiceSum())
        found[row["volunteer_id"]] = ServiceSum(
            minutes=had.minutes + int(row["minutes"] or 0), records=had.records + row["records"]
        )
    return found


def approved_minutes_by_volunteer_in(
    region_code: str,
    date_from: datetime.date,
    date_to: datetime.date,
    volunteer_ids: list[int],
) -> dict[int, int]:
    """Approved minutes of these volunteers given within one region, in [from, to)."""
    sums = approved_service_in_communities(
        dict.fromkeys(volunteer_ids, region_code), date_from, date_to
    )
    return {vid: s.minutes for vid, s in sums.items()}
