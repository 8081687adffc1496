"""Sign-up pages: a volunteer signs up for a shift, sees and cancels their shifts and takes
a shift into their calendar (phone-first); a leader runs the shift's roster (add by volunteer
number, remove with a reason, mark no-shows), refreshed live while people check in."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from volcity.activities.errors_signups import UnknownVolunteerNumber
from volcity.activities.forms_signups import RosterAddForm, SignupForm, SignupReasonForm
from volcity.activities.ics import ics_filename, shift_ics
from volcity.activities.models import Shift, Signup
from volcity.activities.permissions import can_manage_activity
from volcity.activities.queries_signups import (
    my_signups,
    shift_get_for,
    shift_roster,
    signup_get_for,
)
from volcity.activities.services.signups import (
    needs_guardian,
    signup_add,
    signup_cancel,
    signup_create,
    signup_excuse_no_show,
    signup_remove,
    signups_mark_no_show,
)
from volcity.core.errors import DomainError, NotFound
from volcity.core.forms import form_add_domain_error
from volcity.registry.models import Volunteer
from volcity.registry.queries import volunteer_of

PAST_SHOWN = 50


def _volunteer_or_none(request: HttpRequest) -> Volunteer | None:
    volunteer = volunteer_of(request.user)
    if volunteer is None or volunteer.status == Volunteer.Status.DELETED:
        return None
    return volunteer


def _register_first(request: HttpRequest) -> HttpResponse:
    messages.info(request, _("Register as a volunteer first; then sign up for shifts."))
    return redirect("registry:register")


# --- the volunteer's pages -------------------------------------------------------------------


def _signup_form(request: HttpRequest, shift: Shift, volunteer: Volunteer) -> SignupForm:
    activity = shift.activity
    return SignupForm(
        request.POST if request.method == "POST" else None,
        max_party=activity.max_party_size,
        risky=bool(activity.risk_disclosure.strip()),
        guardian=needs_guardian(volunteer, shift),
    )


@login_required
@require_http_methods(["GET", "POST"])
def signup_create_view(request: HttpRequest, shift_id: int) -> HttpResponse:
    shift = shift_get_for(request.user, shift_id)
    volunteer = _volunteer_or_none(request)
    if volunteer is None:
        return _register_first(request)
    form = _signup_form(request, shift, volunteer)
    if request.method == "POST" and form.is_valid():
        try:
            signup = signup_create(volunteer=volunteer, shift=shift, **form.values())
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            if signup.status == Signup.Status.CONFIRMED:
                messages.success(request, _("You are signed up. See you there!"))
            else:
                messages.warning(
                    request,
                    _(
                        "This shift is full: you are on its wait-list. If a place opens up you "
                        "move up automatically and get a text message."
                    ),
                )
            return redirect("activities:my_shifts")
    context = {
        "shift": shift,
        "activity": shift.activity,
        "form": form,
        "seats_left": max(0, shift.capacity - shift.seats_taken),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "activities/signups/signup_form.html", context, status=status)


def _my_context(volunteer: Volunteer, **failed: Any) -> dict[str, Any]:
    now = timezone.now()
    notice = datetime.timedelta(hours=settings.VOLCITY_CANCEL_NOTICE_HOURS)
    upcoming = list(my_signups(volunteer, upcoming=True))
    for s in upcoming:
        s.cancellable = s.status == Signup.Status.WAITLISTED or (  # type: ignore[attr-defined]
            now <= s.shift.starts_at - notice
        )
    return {
        "volunteer": volunteer,
        "upcoming": upcoming,
        "past": list(my_signups(volunteer, upcoming=False)[:PAST_SHOWN]),
        "notice_hours": settings.VOLCITY_CANCEL_NOTICE_HOURS,
        "failed": failed,
    }


@login_required
@require_GET
def my_shifts(request: HttpRequest) -> HttpResponse:
    volunteer = _volunteer_or_none(request)
    if volunteer is None:
        return _register_first(request)
    return render(request, "activities/signups/my_shifts.html", _my_context(volunteer))


@login_required
@require_POST
def signup_cancel_view(request: HttpRequest, signup_id: int) -> HttpResponse:
    volunteer = _volunteer_or_none(request)
    signup = signup_get_for(request.user, signup_id)
    if volunteer is None or signup.volunteer_id != volunteer.pk:
        raise NotFound()
    try:
        signup_cancel(volunteer=volunteer, signup=signup)
    except DomainError as exc:
        context = _my_context(volunteer, signup=signup.pk, message=str(exc.message))
        return render(request, "activities/signups/my_shifts.html", context, status=400)
    messages.success(request, _("Your sign-up was cancelled."))
    return redirect("activities:my_shifts")


@require_GET
def shift_ics_view(request: HttpRequest, shift_id: int) -> HttpResponse:
    shift = shift_get_for(request.user, shift_id)
    url = request.build_absolute_uri(reverse("activities:signup_create", args=[shift.pk]))
    body = shift_ics(shift, url=url, host=request.get_host().split(":")[0])
    response = HttpResponse(body.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{ics_filename(shift)}"'
    return response


# --- the leader's roster -----------------------------------------------------------------------


def _managed_shift(request: HttpRequest, shift_id: int) -> Shift:
    shift = shift_get_for(request.user, shift_id)
    if not can_manage_activity(request.user, shift.activity):
        raise PermissionDenied
    return shift


def _roster_context(request: HttpRequest, shift: Shift, **failed: Any) -> dict[str, Any]:
    rows = list(shift_roster(shift))
    return {
        "shift": shift,
        "activity": shift.activity,
        "rows": rows,
        "ended": shift.ends_at <= timezone.now(),
        "add_form": failed.get("form") if failed.get("action") == "add" else RosterAddForm(),
        "failed": failed,
    }


def _roster_refused(request: HttpRequest, shift: Shift, **failed: Any) -> HttpResponse:
    return render(
        request,
        "activities/signups/roster.html",
        _roster_context(request, shift, **failed),
        status=400,
    )


@login_required
@require_GET
def shift_roster_view(request: HttpRequest, shift_id: int) -> HttpResponse:
    shift = _managed_shift(request, shift_id)
    context = _roster_context(request, shift)
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "activities/signups/partials/_roster_rows.html", context)
    return render(request, "activities/signups/roster.html", context)


@login_required
@require_POST
def signup_add_view(request: HttpRequest, shift_id: int) -> HttpResponse:
    shift = _managed_shift(request, shift_id)
    form = RosterAddForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        digits = "".join(d["number"].split())
        volunteer = (
            Volunteer.objects.exclude(status=Volunteer.Status.DELETED).filter(number=digits).first()
        )
        try:
            if volunteer is None:
                raise UnknownVolunteerNumber(field="number")
            signup = signup_add(
                actor=request.user,
                shift=shift,
                volunteer=volunteer,
                party_size=d["party_size"],
                accept_risk=d["accept_risk"],
                guardian_present=d["guardian_present"],
            )
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            if signup.status == Signup.Status.CONFIRMED:
                messages.success(request, _("The volunteer was added to the shift."))
            else:
                messages.warning(
                    request, _("The shift is full: the volunteer is on the wait-list.")
                )
            return redirect("activities:shift_roster", shift_id=shift.pk)
    return _roster_refused(request, shift, action="add", form=form)


def _managed_signup(request: HttpRequest, signup_id: int) -> Signup:
    signup = signup_get_for(request.user, signup_id)
    if not can_manage_activity(request.user, signup.shift.activity):
        raise PermissionDenied
    return signup


@login_required
@require_POST
def signup_remove_view(request: HttpRequest, signup_id: int) -> HttpResponse:
    signup = _managed_signup(request, signup_id)
    form = SignupReasonForm(request.POST)
    if form.is_valid():
        try:
            signup_remove(actor=request.user, signup=signup, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            messages.success(request, _("The volunteer was taken off the shift."))
            return redirect("activities:shift_roster", shift_id=signup.shift_id)
    return _roster_refused(request, signup.shift, action="remove", signup=signup.pk, form=form)


@login_required
@require_POST
def signup_excuse_view(request: HttpRequest, signup_id: int) -> HttpResponse:
    signup = _managed_signup(request, signup_id)
    form = SignupReasonForm(request.POST)
    if form.is_valid():
        try:
            signup_excuse_no_show(
                actor=request.user, signup=signup, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            messages.success(request, _("The no-show was excused."))
            return redirect("activities:shift_roster", shift_id=signup.shift_id)
    return _roster_refused(request, signup.shift, action="excuse", signup=signup.pk, form=form)


@login_required
@require_POST
def signups_no_show_view(request: HttpRequest, shift_id: int) -> HttpResponse:
    shift = _managed_shift(request, shift_id)
    try:
        marked = signups_mark_no_show(shift=shift, actor=request.user)
    except DomainError as exc:
        return _roster_refused(request, shift, action="no_show", message=str(exc.message))
    messages.success(
        request,
        _("%(count)s sign-ups without a check-in were marked as no-shows.") % {"count": marked},
    )
    return redirect("activities:shift_roster", shift_id=shift.pk)
