"""Weekly repeats: the shifts of "every Tuesday and Saturday, 9:00 to 11:30, until June".

Dates and times are the city's wall clock (``settings.TIME_ZONE``, Asia/Shanghai, which has
no daylight saving time); each shift is made aware in that zone and stored in UTC. A pattern
never makes more than ``MAX_SHIFTS`` shifts: a longer one is refused with the count it would
make, so the leader shortens it instead of flooding the calendar.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volcity.activities.errors_activities import RecurrenceInvalid, TooManyShifts

MAX_SHIFTS = 200
MAX_CAPACITY = 10_000


@dataclass(frozen=True)
class ShiftSpec:
    """One shift to make: an aware start and end, and its seats."""

    starts_at: datetime.datetime
    ends_at: datetime.datetime
    capacity: int


@dataclass(frozen=True)
class WeeklyRecurrence:
    """Every chosen weekday (0 Monday … 6 Sunday) from ``start`` to ``until`` inclusive."""

    weekdays: list[int] = field(default_factory=list)
    start: datetime.date | None = None
    until: datetime.date | None = None
    start_time: datetime.time | None = None
    end_time: datetime.time | None = None
    capacity: int = 0

    def as_json(self) -> dict[str, Any]:
        """How the activity remembers the pattern its shifts were made from."""
        return {
            "freq": "weekly",
            "weekdays": sorted(set(self.weekdays)),
            "start": self.start.isoformat() if self.start else None,
            "until": self.until.isoformat() if self.until else None,
            "start_time": self.start_time.strftime("%H:%M") if self.start_time else None,
            "end_time": self.end_time.strftime("%H:%M") if self.end_time else None,
            "capacity": self.capacity,
        }


def recurrence_check(rule: WeeklyRecurrence) -> dict[str, list[Any]]:
    """What is wrong with ``rule``, field by field (empty: nothing)."""
    errors: dict[str, list[Any]] = {}

    def refuse(name: str, message: Any) -> None:
        errors.setdefault(name, []).append(message)

    if not rule.weekdays:
        refuse("weekdays", _("Choose at least one weekday."))
    elif any(not isinstance(d, int) or not 0 <= d <= 6 for d in rule.weekdays):
        refuse("weekdays", _("Weekdays are numbered 0 (Monday) to 6 (Sunday)."))
    if rule.start is None:
        refuse("start", _("Enter the first date."))
    if rule.until is None:
        refuse("until", _("Enter the last date."))
    elif rule.start is not None and rule.until < rule.start:
        refuse("until", _("The last date is before the first date."))
    if rule.start_time is None:
        refuse("start_time", _("Enter the time each shift starts."))
    if rule.end_time is None:
        refuse("end_time", _("Enter the time each shift ends."))
    elif rule.start_time is not None and rule.end_time <= rule.start_time:
        refuse("end_time", _("A shift must end after it starts, on the same day."))
    if not 1 <= rule.capacity <= MAX_CAPACITY:
        refuse(
            "capacity",
            _("The capacity must be between 1 and %(most)s.") % {"most": MAX_CAPACITY},
        )
    return errors


def recurrence_expand(
    rule: WeeklyRecurrence, *, limit: int = MAX_SHIFTS, tz: datetime.tzinfo | None = None
) -> list[ShiftSpec]:
    """The shifts ``rule`` makes, in order; refused when invalid or longer than ``limit``."""
    errors = recurrence_check(rule)
    if errors:
        raise RecurrenceInvalid(fields=errors)
    assert rule.start and rule.until and rule.start_time and rule.end_time  # noqa: S101
    zone = tz or timezone.get_default_timezone()
    days = set(rule.weekdays)
    total_days = (rule.until - rule.start).days + 1
    # Count first (whole weeks, then the rest), so a pattern running to the year 9999 is
    # refused without walking every day.
    weeks, rest = divmod(total_days, 7)
    count = weeks * len(days) + sum(
        1
        for i in range(rest)
        if (rule.start + datetime.timedelta(days=weeks * 7 + i)).weekday() in days
    )
    if count > limit:
        raise TooManyShifts(
            _(
                "The repeat pattern makes %(count)s shifts; at most %(limit)s are allowed. "
                "Choose a nearer last date or fewer weekdays."
            )
            % {"count": count, "limit": limit},
            field="until",
        )
    if count == 0:
        raise RecurrenceInvalid(
            _("No chosen weekday falls between the first and the last date."), field="weekdays"
        )
    shifts = []
    day = rule.start
    while day <= rule.until:
        if day.weekday() in days:
            start = timezone.make_aware(datetime.datetime.combine(day, rule.start_time), zone)
            end = timezone.make_aware(datetime.datetime.combine(day, rule.end_time), zone)
            shifts.append(ShiftSpec(starts_at=start, ends_at=end, capacity=rule.capacity))
        day += datetime.timedelta(days=1)
    return shifts
