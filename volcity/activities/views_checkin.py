"""Check-in pages: the staff's code screen and kiosk, the volunteer's scan page and personal
code. The phone and kiosk pages post to the JSON API (``checkin.js``); these views only read."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from volcity.activities.codes import (
    VOLUNTEER_CODE_REFRESH_SECONDS,
    qr_svg,
    shift_code,
    shift_code_seconds_left,
    shift_code_valid,
    shift_scan_url,
    volunteer_code,
)
from volcity.activities.models import Signup
from volcity.activities.queries_checkin import (
    checkin_counts,
    shift_for_checkin,
    shift_for_staff,
    signup_of,
)
from volcity.registry.models import Volunteer
from volcity.registry.queries import volunteer_of

API = "/api/v1/activities"


def _shift_context(shift: Any) -> dict[str, Any]:
    activity = shift.activity
    return {
        "shift": shift,
        "activity": activity,
        "starts": timezone.localtime(shift.starts_at),
        "ends": timezone.localtime(shift.ends_at),
    }


@login_required
@require_GET
def checkin_code(request: HttpRequest, shift_id: int) -> HttpResponse:
    """The screen staff put up at the place: the shift's QR, new every window (htmx)."""
    shift = shift_for_staff(request.user, shift_id)
    code = shift_code(shift.pk)
    url = shift_scan_url(request, shift.pk, code)
    context = {
        **_shift_context(shift),
        "code": code,
        "url": url,
        "qr": qr_svg(url),
        # Ask again just after the window turns, and never later than one window.
        "refresh_in": shift_code_seconds_left() + 1,
        "counts": checkin_counts(shift.pk),
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "activities/checkin/_code.html", context)
    return render(request, "activities/checkin/code.html", context)


@login_required
@require_GET
def checkin_scan(request: HttpRequest, shift_id: int) -> HttpResponse:
    """The phone page a scan opens: the shift, the volunteer's place on it, and the buttons
    that read the location and post the check-in or check-out."""
    shift = shift_for_checkin(shift_id)
    volunteer = volunteer_of(request.user)
    if volunteer is not None and volunteer.status != Volunteer.Status.ACTIVE:
        volunteer = None
    signup = signup_of(volunteer, shift) if volunteer is not None else None
    code = request.GET.get("c", "")[:64]
    confirmed = signup is not None and signup.status == Signup.Status.CONFIRMED
    context = {
        **_shift_context(shift),
        "volunteer": volunteer,
        "signup": signup,
        "confirmed": confirmed,
        "code": code,
        "code_ok": shift_code_valid(shift.pk, code),
        "state": _state(signup) if confirmed else "",
        "checkin_url": f"{API}/shifts/{shift.pk}/checkin",
        "checkout_url": f"{API}/shifts/{shift.pk}/checkout",
        "radius": shift.activity.checkin_radius_m or settings.VOLCITY_CHECKIN_RADIUS_M,
    }
    return render(request, "activities/checkin/scan.html", context)


def _state(signup: Signup | None) -> str:
    if signup is None or signup.checked_in_at is None:
        return "ready"
    if signup.checked_out_at is None:
        return "in"
    return "done"


@login_required
@require_GET
def my_code(request: HttpRequest) -> HttpResponse:
    """The volunteer's personal QR for a kiosk to scan; the page fetches a fresh one (htmx)
    every minute, well before the five minutes a code is good for."""
    volunteer = volunteer_of(request.user)
    if volunteer is None or volunteer.status != Volunteer.Status.ACTIVE:
        return redirect(reverse("registry:register"))
    code = volunteer_code(volunteer.number)
    context = {
        "volunteer": volunteer,
        "code": code,
        "qr": qr_svg(code),
        "refresh_in": VOLUNTEER_CODE_REFRESH_SECONDS,
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "activities/checkin/_my_code.html", context)
    return render(request, "activities/checkin/my_code.html", context)


@login_required
@require_GET
def kiosk(request: HttpRequest, shift_id: int) -> HttpResponse:
    """The staff kiosk: a scanner types the volunteer's code into the box; check in or out."""
    shift = shift_for_staff(request.user, shift_id)
    context = {
        **_shift_context(shift),
        "counts": checkin_counts(shift.pk),
        "kiosk_in_url": f"{API}/shifts/{shift.pk}/kiosk/checkin",
        "kiosk_out_url": f"{API}/shifts/{shift.pk}/kiosk/checkout",
    }
    return render(request, "activities/checkin/kiosk.html", context)
