"""Reads about sign-ups: a volunteer's own shifts, a shift's roster, the shifts open to a
volunteer; and finding a shift or a sign-up for the person asking (scope first)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from volcity.activities.errors_signups import NotAVolunteer
from volcity.activities.models import Activity, Shift, Signup
from volcity.activities.permissions import can_manage_activity
from volcity.core.errors import NotFound
from volcity.core.pagination import DEFAULT_LIMIT, MAX_LIMIT
from volcity.regions.codes import full_code, level_of, prefix_of
from volcity.registry.models import Volunteer
from volcity.registry.queries import volunteer_of

ROSTER_ORDER = Case(
    When(status=Signup.Status.CONFIRMED, then=Value(0)),
    When(status=Signup.Status.WAITLISTED, then=Value(1)),
    When(status=Signup.Status.NO_SHOW, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)


def own_volunteer(user: Any) -> Volunteer:
    """The caller's own volunteer registration, or a refusal saying to register first."""
    volunteer = volunteer_of(user)
    if volunteer is None or volunteer.status == Volunteer.Status.DELETED:
        raise NotAVolunteer()
    return volunteer


def shift_get_for(user: Any, shift_id: int) -> Shift:
    """A shift the user may see: any shift of a published (or finished) activity, and every
    shift of an activity they manage. Others are "not found"."""
    shift = Shift.objects.select_related("activity", "activity__lead").filter(pk=shift_id).first()
    if shift is None:
        raise NotFound()
    public = shift.activity.status in (Activity.Status.PUBLISHED, Activity.Status.FINISHED)
    if not public and not can_manage_activity(user, shift.activity):
        raise NotFound()
    return shift


def signup_get_for(user: Any, signup_id: int) -> Signup:
    """A sign-up the user may act on: their own, or one on a shift of an activity they
    manage. Others are "not found"."""
    signup = (
        Signup.objects.select_related("shift__activity", "volunteer__user")
        .filter(pk=signup_id)
        .first()
    )
    if signup is None:
        raise NotFound()
    own = signup.volunteer.user_id == getattr(user, "pk", None)
    if not own and not can_manage_activity(user, signup.shift.activity):
        raise NotFound()
    return signup


def my_signups(volunteer: Volunteer, upcoming: bool = True) -> QuerySet[Signup]:
    """The volunteer's sign-ups: upcoming (not yet ended, confirmed or wait-listed, soonest
    first) or past (ended, confirmed or no-show, latest first)."""
    now = timezone.now()
    qs = Signup.objects.filter(volunteer=volunteer).select_related("shift__activity")
    if upcoming:
        return qs.filter(shift__ends_at__gt=now, status__in=Signup.ACTIVE).order_by(
            "shift__starts_at", "id"
        )
    return qs.filter(
        shift__ends_at__lte=now, status__in=(Signup.Status.CONFIRMED, Signup.Status.NO_SHOW)
    ).order_by("-shift__starts_at", "-id")


def shift_roster(shift: Shift) -> QuerySet[Signup]:
    """Everyone on the shift: confirmed, then the wait-list in its order, then no-shows and
    cancellations; volunteer and account joined (one query for the whole table)."""
    return (
        Signup.objects.filter(shift=shift)
        .select_related("volunteer__user", "added_by")
        .annotate(roster_order=ROSTER_ORDER)
        .order_by("roster_order", "queued_at", "created_at", "id")
    )


def audience_codes(region_code: str) -> list[str]:
    """The codes of ``region_code`` and of each region above it: an activity is open to a
    resident when its audience region is one of these."""
    level = level_of(region_code)
    return [full_code(prefix_of(region_code, lv)) for lv in range(1, level + 1)]


@dataclass(frozen=True)
class ShiftPage:
    items: list[Shift]
    next: str | None


KEY_FORMAT = "%Y%m%dT%H%M%S%f"


def _key(shift: Shift) -> str:
    """``<start in UTC>_<id>``: the keyset key, safe in a URL as it stands."""
    return f"{shift.starts_at.astimezone(datetime.UTC).strftime(KEY_FORMAT)}_{shift.pk}"


def _after(token: str | None) -> tuple[datetime.datetime, int] | None:
    """The key read back; anything unreadable starts from the top."""
    if not token or "_" not in token:
        return None
    stamp, _sep, pk = token.partition("_")
    try:
        when = datetime.datetime.strptime(stamp, KEY_FORMAT).replace(tzinfo=datetime.UTC)
    except ValueError:
        return None
    if not pk.isdigit():
        return None
    return when, int(pk)


def open_shifts_for(
    volunteer: Volunteer, *, after: str | None = None, limit: int = DEFAULT_LIMIT
) -> ShiftPage:
    """Shifts the volunteer may sign up for, soonest first: published activities that are
    recruiting, shifts not cancelled and not yet started, open to where the volunteer lives.
    Keyset pages over (start, id): pass ``next`` back as ``after``."""
    limit = max(1, min(int(limit), MAX_LIMIT))
    qs = (
        Shift.objects.filter(
            activity__status=Activity.Status.PUBLISHED,
            activity__recruiting=True,
            cancelled=False,
            starts_at__gt=timezone.now(),
        )
        .filter(
            Q(activity__audience_region__isnull=True)
            | Q(activity__audience_region_id__in=audience_codes(volunteer.region_id))
        )
        .select_related("activity")
        .order_by("starts_at", "id")
    )
    key = _after(after)
    if key is not None:
        when, pk = key
        qs = qs.filter(Q(starts_at__gt=when) | Q(starts_at=when, id__gt=pk))
    rows = list(qs[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    last = rows[-1] if rows and more else None
    token = _key(last) if last is not None else None
    return ShiftPage(items=rows, next=token)
