"""Helpers of the activities area's tests: typed activities, a future day at a time."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from volcity.activities.recurrence import ShiftSpec
from volcity.activities.services.activities import ActivityIn
from volcity.activities.tests.factories import LAT, LNG
from volcity.registry.models import Team


def at(days: int, hour: int = 9, minute: int = 0) -> datetime.datetime:
    """An aware time ``days`` from today at ``hour:minute``, city time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def shift_spec(days: int = 3, *, hours: int = 2, capacity: int = 5) -> ShiftSpec:
    start = at(days)
    return ShiftSpec(start, start + datetime.timedelta(hours=hours), capacity)


def activity_in(team: Team, **overrides: Any) -> ActivityIn:
    values: dict[str, Any] = {
        "title": "敬老院助老",
        "team": team.pk,
        "region": team.region_id,
        "address": "青州市王府街道偶园街1号",
        "latitude": LAT,
        "longitude": LNG,
        "description": "陪老人聊天",
        "shifts": [shift_spec()],
    }
    values.update(overrides)
    return ActivityIn(**values)
