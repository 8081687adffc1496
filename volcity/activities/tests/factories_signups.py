"""Test helpers of the sign-up area: a led team with a published activity, and the counter
check every sign-up test ends with."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Sum

from volcity.activities.models import Activity, Shift, Signup
from volcity.activities.tests.factories import activity_make, shift_make, team_led_by
from volcity.registry.models import Team


@dataclass
class World:
    leader: Any
    team: Team
    activity: Activity
    shift: Shift


def world(people: dict[str, Any], city: dict[str, Any], **activity_fields: Any) -> World:
    """``people["team_leader"]`` leads a new team of town 1 with a published activity and one
    shift two days ahead (10 places)."""
    leader = people["team_leader"]
    team = team_led_by(leader, people["town_admin"], city["town1"].code)
    activity = activity_make(team, leader, **activity_fields)
    return World(leader=leader, team=team, activity=activity, shift=shift_make(activity))


def assert_counters(shift: Shift) -> None:
    """``seats_taken`` and ``seats_waiting`` equal the party sizes of the confirmed and
    wait-listed sign-ups."""
    shift.refresh_from_db()

    def total(status: str) -> int:
        return (
            Signup.objects.filter(shift=shift, status=status).aggregate(n=Sum("party_size"))["n"]
            or 0
        )

    assert shift.seats_taken == total(Signup.Status.CONFIRMED)
    assert shift.seats_waiting == total(Signup.Status.WAITLISTED)


def born_years_ago(user: Any, years: int, shift: Shift) -> None:
    """Give ``user`` a birth date making them ``years`` old on the day of ``shift``."""
    from django.utils import timezone

    day = timezone.localtime(shift.starts_at).date()
    user.birth_date = day.replace(year=day.year - years) - datetime.timedelta(days=1)
    user.save(update_fields=["birth_date"])
