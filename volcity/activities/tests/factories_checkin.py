"""Check-in test data: a shift happening at a fixed time, a leader, signed-up volunteers."""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import F

from volcity.activities.models import Activity, Shift, Signup
from volcity.activities.tests.factories import (
    LAT,
    LNG,
    activity_make,
    new_volunteer,
    shift_make,
    team_led_by,
)
from volcity.registry.models import Volunteer

# 2026-05-01 09:00 in Qingzhou (Asia/Shanghai): the shift in these tests starts then.
T0 = datetime.datetime(2026, 5, 1, 1, 0, tzinfo=datetime.UTC)
# About 110 m north of the activity's place; about 1.1 km north.
NEAR = (LAT + Decimal("0.001"), LNG)
FAR = (LAT + Decimal("0.010"), LNG)

_keys = itertools.count(1)


def key(prefix: str = "test") -> str:
    """A fresh idempotency key."""
    return f"{prefix}-key-{next(_keys):06d}"


def signup_confirmed(shift: Shift, volunteer: Volunteer, **fields: Any) -> Signup:
    """A confirmed place (written directly: the sign-up rules are tested in their own area)."""
    signup = Signup.objects.create(
        shift=shift, volunteer=volunteer, status=Signup.Status.CONFIRMED, **fields
    )
    Shift.objects.filter(pk=shift.pk).update(seats_taken=F("seats_taken") + signup.party_size)
    return signup


@dataclass
class Scene:
    leader: Any
    activity: Activity
    shift: Shift
    volunteer: Volunteer
    signup: Signup


def scene(people: dict[str, Any], city: dict[str, Any], **shift_fields: Any) -> Scene:
    """A 3-hour shift from ``T0`` run by ``people["team_leader"]``, one volunteer signed up."""
    team = team_led_by(people["team_leader"], people["town_admin"], city["town1"].code)
    activity = activity_make(team, people["team_leader"])
    shift_fields.setdefault("capacity", 5)
    shift = shift_make(activity, starts_at=T0, hours=3, **shift_fields)
    volunteer = new_volunteer(city["village11"].code)
    signup = signup_confirmed(shift, volunteer)
    shift.refresh_from_db()
    return Scene(people["team_leader"], activity, shift, volunteer, signup)


def fresh_shift(shift: Shift) -> Shift:
    return Shift.objects.select_related("activity__lead").get(pk=shift.pk)
