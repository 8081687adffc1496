"""Working days: Monday to Friday, minus the public holidays in ``settings.VOLCITY_HOLIDAYS``.

A service record must be entered within ``VOLCITY_RECORD_ENTRY_WORKING_DAYS`` (10) working
days after the day of service (MCA Order 67): ``entry_deadline`` is the last day it may be.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _parse(values: tuple[str, ...]) -> frozenset[datetime.date]:
    return frozenset(datetime.date.fromisoformat(str(v).strip()) for v in values if str(v).strip())


def holidays() -> frozenset[datetime.date]:
    """The configured public holidays (ISO dates, e.g. ``2026-10-01``)."""
    return _parse(tuple(str(v) for v in settings.VOLCITY_HOLIDAYS))


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in holidays()


def add_working_days(day: datetime.date, count: int) -> datetime.date:
    """The ``count``-th working day after ``day`` (``day`` itself is not counted)."""
    found = day
    left = count
    while left > 0:
        found += datetime.timedelta(days=1)
        if is_working_day(found):
            left -= 1
    return found


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end <= start``)."""
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def entry_deadline(served_on: datetime.date) -> datetime.date:
    """The last day a record of service given on ``served_on`` may be entered."""
    return add_working_days(served_on, settings.VOLCITY_RECORD_ENTRY_WORKING_DAYS)
