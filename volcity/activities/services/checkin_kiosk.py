"""Check-in and check-out at a kiosk: staff scan the volunteer's personal code (no distance
check); a volunteer without a sign-up is admitted while seats remain. The rules and the
idempotency are those of ``services.checkin``."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from volcity.activities.codes import volunteer_code_number
from volcity.activities.errors import (
    NotAllowed,
)
from volcity.activities.errors_checkin import (
    VolunteerCodeInvalid,
)
from volcity.activities.models import Shift, Signup
from volcity.activities.permissions import can_manage_activity
from volcity.activities.services.checkin import (
    IN,
    OUT,
    CheckinOutcome,
    _apply,
    _clean_key,
    _replay,
    _window_check,
)
from volcity.registry.models import Volunteer


def _kiosk_volunteer(volunteer_code: str) -> Volunteer:
    number = volunteer_code_number(volunteer_code)
    if number is None:
        raise VolunteerCodeInvalid(field="volunteer_code")
    volunteer = (
        Volunteer.objects.select_related("user")
        .filter(number=number, status=Volunteer.Status.ACTIVE)
        .first()
    )
    if volunteer is None:
        raise VolunteerCodeInvalid(field="volunteer_code")
    return volunteer


def _by_kiosk(
    *,
    kind: str,
    actor: Any,
    shift: Shift,
    volunteer_code: str,
    idempotency_key: str,
    now: datetime.datetime | None,
) -> CheckinOutcome:
    now = now or timezone.now()
    activity = shift.activity
    if not can_manage_activity(actor, activity):
        raise NotAllowed()
    key = _clean_key(idempotency_key)
    found = _replay(key, shift_id=shift.pk, volunteer_id=None, kind=kind)
    if found is not None:
        return found
    volunteer = _kiosk_volunteer(volunteer_code)
    _window_check(shift, activity, now, kind)  # before a walk-in is given a place
    walk_in = False
    if kind == IN:
        current = Signup.objects.filter(shift_id=shift.pk, volunteer_id=volunteer.pk).first()
        walk_in = current is None or current.status != Signup.Status.CONFIRMED
    return _apply(
        shift=shift,
        volunteer_id=volunteer.pk,
        kind=kind,
        key=key,
        actor=actor,
        now=now,
        kiosk=True,
        checks=lambda _shift: None,
        walk_in=walk_in,
    )


def checkin_kiosk(
    *,
    actor: Any,
    shift: Shift,
    volunteer_code: str,
    idempotency_key: str,
    now: datetime.datetime | None = None,
) -> CheckinOutcome:
    """Staff scanned a volunteer's personal code: check them in (no distance check: staff are
    there). Someone without a place is given one while seats remain."""
    return _by_kiosk(
        kind=IN,
        actor=actor,
        shift=shift,
        volunteer_code=volunteer_code,
        idempotency_key=idempotency_key,
        now=now,
    )


def checkout_kiosk(
    *,
    actor: Any,
    shift: Shift,
    volunteer_code: str,
    idempotency_key: str,
    now: datetime.datetime | None = None,
) -> CheckinOutcome:
    """Staff scanned a volunteer's personal code on their way out: check out, make the record."""
    return _by_kiosk(
        kind=OUT,
        actor=actor,
        shift=shift,
        volunteer_code=volunteer_code,
        idempotency_key=idempotency_key,
        now=now,
    )


# --- forgotten check-outs ---------------------------------------------------------------------
