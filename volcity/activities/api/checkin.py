"""Check-in and check-out: the volunteer's phone scanning the shift's code, a kiosk scanning
the volunteer's code, the code screens' current codes."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Router

from volcity.activities.codes import (
    VOLUNTEER_CODE_REFRESH_SECONDS,
    VOLUNTEER_CODE_SECONDS,
    shift_code,
    shift_code_seconds_left,
    shift_scan_url,
    volunteer_code,
)
from volcity.activities.queries_checkin import (
    checkin_counts,
    outcome_message,
    own_volunteer,
    shift_for_checkin,
    shift_for_staff,
)
from volcity.activities.schemas_checkin import (
    CheckinCodeOut,
    CheckinIn,
    CheckinOut,
    KioskIn,
    KioskOut,
    VolunteerCodeOut,
)
from volcity.activities.services.checkin import (
    CheckinOutcome,
    checkin_by_user,
    checkin_record,
    checkout_by_user,
    checkout_record,
)
from volcity.activities.services.checkin_kiosk import checkin_kiosk, checkout_kiosk
from volcity.core.api_auth import api_user

router = Router()


def _out(outcome: CheckinOutcome) -> dict[str, Any]:
    signup, attempt, record = outcome.signup, outcome.attempt, outcome.record
    return {
        "signup_id": signup.pk,
        "shift_id": signup.shift_id,
        "kind": attempt.kind,
        "at": attempt.at,
        "checked_in_at": signup.checked_in_at,
        "checked_out_at": signup.checked_out_at,
        "distance_m": attempt.distance_m,
        "via_kiosk": attempt.via_kiosk,
        "replayed": outcome.replayed,
        "record_id": record.pk if record is not None else None,
        "minutes": record.minutes if record is not None else None,
        "message": outcome_message(outcome),
    }


def _kiosk_out(outcome: CheckinOutcome) -> dict[str, Any]:
    volunteer = outcome.signup.volunteer
    return {
        **_out(outcome),
        "volunteer_number": volunteer.number,
        "volunteer_name": volunteer.user.display_name,
        "counts": checkin_counts(outcome.signup.shift_id).__dict__,
    }


def _by_phone(
    request: HttpRequest, shift_id: int, payload: CheckinIn, *, out: bool
) -> CheckinOutcome:
    """One locking read finds the caller's sign-up with its shift (``checkin_by_user``);
    without one, the full path (the registration, the shift, then the sign-up) says why."""
    user = api_user(request)
    fast, full = (checkout_by_user, checkout_record) if out else (checkin_by_user, checkin_record)
    outcome = fast(
        user=user,
        shift_id=shift_id,
        code=payload.code,
        latitude=payload.latitude,
        longitude=payload.longitude,
        idempotency_key=payload.idempotency_key,
    )
    if outcome is not None:
        return outcome
    volunteer = own_volunteer(user)
    return full(
        volunteer=volunteer,
        shift=shift_for_checkin(shift_id),
        code=payload.code,
        latitude=payload.latitude,
        longitude=payload.longitude,
        idempotency_key=payload.idempotency_key,
    )


@router.post("/shifts/{shift_id}/checkin", response=CheckinOut)
def checkin_api(request: HttpRequest, shift_id: int, payload: CheckinIn) -> dict[str, Any]:
    """Check in with the shift's current code and the phone's location. Retrying with the
    same `idempotency_key` returns the first answer (`replayed: true`)."""
    return _out(_by_phone(request, shift_id, payload, out=False))


@router.post("/shifts/{shift_id}/checkout", response=CheckinOut)
def checkout_api(request: HttpRequest, shift_id: int, payload: CheckinIn) -> dict[str, Any]:
    """Check out with the shift's current code; makes the Pending service record."""
    return _out(_by_phone(request, shift_id, payload, out=True))


@router.post("/shifts/{shift_id}/kiosk/checkin", response=KioskOut)
def kiosk_checkin_api(request: HttpRequest, shift_id: int, payload: KioskIn) -> dict[str, Any]:
    """Staff check a volunteer in by the volunteer's personal code (a walk-in gets a place
    while seats remain)."""
    actor = api_user(request)
    outcome = checkin_kiosk(
        actor=actor,
        shift=shift_for_staff(actor, shift_id),
        volunteer_code=payload.volunteer_code,
        idempotency_key=payload.idempotency_key,
    )
    return _kiosk_out(outcome)


@router.post("/shifts/{shift_id}/kiosk/checkout", response=KioskOut)
def kiosk_checkout_api(request: HttpRequest, shift_id: int, payload: KioskIn) -> dict[str, Any]:
    actor = api_user(request)
    outcome = checkout_kiosk(
        actor=actor,
        shift=shift_for_staff(actor, shift_id),
        volunteer_code=payload.volunteer_code,
        idempotency_key=payload.idempotency_key,
    )
    return _kiosk_out(outcome)


@router.get("/shifts/{shift_id}/checkin-code", response=CheckinCodeOut)
def checkin_code_api(request: HttpRequest, shift_id: int) -> dict[str, Any]:
    """The shift's current rotating code and the address its QR shows (staff)."""
    shift = shift_for_staff(api_user(request), shift_id)
    code = shift_code(shift.pk)
    return {
        "code": code,
        "url": shift_scan_url(request, shift.pk, code),
        "seconds_left": shift_code_seconds_left(),
        "window_seconds": settings.VOLCITY_CHECKIN_CODE_SECONDS,
    }


@router.get("/me/code", response=VolunteerCodeOut)
def my_code_api(request: HttpRequest) -> dict[str, Any]:
    """The caller's personal volunteer code for a kiosk to scan (good for 5 minutes)."""
    volunteer = own_volunteer(api_user(request))
    return {
        "code": volunteer_code(volunteer.number),
        "number": volunteer.number,
        "valid_seconds": VOLUNTEER_CODE_SECONDS,
        "refresh_seconds": VOLUNTEER_CODE_REFRESH_SECONDS,
    }
