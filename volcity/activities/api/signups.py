"""Sign-ups over the API: a volunteer signs up, cancels and lists their own; a leader reads
the roster, adds by volunteer number, removes, marks no-shows; anyone who may see a shift
downloads its calendar file."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Status

from volcity.activities.errors import NotAllowed
from volcity.activities.errors_signups import UnknownVolunteerNumber
from volcity.activities.ics import ics_filename, shift_ics
from volcity.activities.models import Shift, Signup
from volcity.activities.permissions import can_manage_activity
from volcity.activities.queries_signups import (
    my_signups,
    open_shifts_for,
    own_volunteer,
    shift_get_for,
    shift_roster,
    signup_get_for,
)
from volcity.activities.schemas_signups import (
    NoShowsOut,
    OpenShiftsOut,
    RosterAddIn,
    RosterOut,
    SignupIn,
    SignupOut,
    SignupReasonIn,
    roster_row,
    shift_brief,
    signup_out,
)
from volcity.activities.services.signups import (
    signup_add,
    signup_cancel,
    signup_create,
    signup_excuse_no_show,
    signup_remove,
    signups_mark_no_show,
)
from volcity.core.api_auth import api_user
from volcity.core.errors import NotFound
from volcity.registry.models import Volunteer

router = Router(tags=["activities: sign-ups"])


def _managed_shift(actor: Any, shift_id: int) -> Shift:
    shift = shift_get_for(actor, shift_id)
    if not can_manage_activity(actor, shift.activity):
        raise NotAllowed()
    return shift


def _managed_signup(actor: Any, signup_id: int) -> Signup:
    signup = signup_get_for(actor, signup_id)
    if not can_manage_activity(actor, signup.shift.activity):
        raise NotAllowed()
    return signup


def _out(signup: Signup, *, placed: bool = False) -> SignupOut:
    fresh = Signup.objects.select_related("shift__activity").get(pk=signup.pk)
    out = signup_out(fresh)
    if placed:
        out.message = (
            _("You are signed up.")
            if fresh.status == Signup.Status.CONFIRMED
            else _(
                "This shift is full: you are on its wait-list and move up automatically when "
                "a place opens."
            )
        )
    return out


@router.post("/shifts/{shift_id}/signups", response={201: SignupOut})
def signup_create_api(request: HttpRequest, shift_id: int, payload: SignupIn) -> Status[SignupOut]:
    """Sign up for a shift (with `party_size` people in all). A full shift answers 201 with
    `status: "waitlisted"`: the caller is on the wait-list and is confirmed (and texted)
    when a place opens."""
    actor = api_user(request)
    volunteer = own_volunteer(actor)
    shift = shift_get_for(actor, shift_id)
    signup = signup_create(
        volunteer=volunteer,
        shift=shift,
        party_size=payload.party_size,
        accept_risk=payload.accept_risk,
        guardian_present=payload.guardian_present,
    )
    return Status(201, _out(signup, placed=True))


@router.delete("/signups/{signup_id}", response=SignupOut)
def signup_cancel_api(request: HttpRequest, signup_id: int) -> SignupOut:
    """Cancel one's own sign-up (confirmed places up to `VOLCITY_CANCEL_NOTICE_HOURS` before
    the start; wait-list places at any time)."""
    actor = api_user(request)
    volunteer = own_volunteer(actor)
    signup = signup_get_for(actor, signup_id)
    if signup.volunteer_id != volunteer.pk:
        raise NotFound()
    return _out(signup_cancel(volunteer=volunteer, signup=signup))


@router.get("/me/signups", response=list[SignupOut])
def my_signups_api(request: HttpRequest, upcoming: bool = True) -> list[SignupOut]:
    """The caller's sign-ups: upcoming (confirmed and wait-listed) or, with
    `upcoming=false`, the latest 200 past ones."""
    volunteer = own_volunteer(api_user(request))
    return [signup_out(s) for s in my_signups(volunteer, upcoming=upcoming)[:200]]


@router.get("/me/open-shifts", response=OpenShiftsOut)
def open_shifts_api(
    request: HttpRequest, after: str | None = None, limit: int = 50
) -> OpenShiftsOut:
    """Shifts the caller may sign up for, soonest first; pass `next` back as `after`."""
    volunteer = own_volunteer(api_user(request))
    page = open_shifts_for(volunteer, after=after, limit=limit)
    return OpenShiftsOut(items=[shift_brief(s) for s in page.items], next=page.next)


@router.get("/shifts/{shift_id}/roster", response=RosterOut)
def shift_roster_api(request: HttpRequest, shift_id: int) -> RosterOut:
    """Everyone on the shift with status, party size, masked phone and check-in times."""
    shift = _managed_shift(api_user(request), shift_id)
    return RosterOut(shift=shift_brief(shift), items=[roster_row(s) for s in shift_roster(shift)])


@router.post("/shifts/{shift_id}/roster", response={201: SignupOut})
def signup_add_api(request: HttpRequest, shift_id: int, payload: RosterAddIn) -> Status[SignupOut]:
    """A leader adds a person by their volunteer number (wait-listed when the shift is full)."""
    actor = api_user(request)
    shift = _managed_shift(actor, shift_id)
    digits = "".join(payload.number.split())
    volunteer = (
        Volunteer.objects.exclude(status=Volunteer.Status.DELETED).filter(number=digits).first()
    )
    if volunteer is None:
        raise UnknownVolunteerNumber(field="number")
    signup = signup_add(
        actor=actor,
        shift=shift,
        volunteer=volunteer,
        party_size=payload.party_size,
        accept_risk=payload.accept_risk,
        guardian_present=payload.guardian_present,
    )
    return Status(201, _out(signup))


@router.post("/signups/{signup_id}/remove", response=SignupOut)
def signup_remove_api(request: HttpRequest, signup_id: int, payload: SignupReasonIn) -> SignupOut:
    """A leader takes a person off the shift, with a reason."""
    actor = api_user(request)
    signup = _managed_signup(actor, signup_id)
    return _out(signup_remove(actor=actor, signup=signup, reason=payload.reason))


@router.post("/signups/{signup_id}/excuse", response=SignupOut)
def signup_excuse_api(request: HttpRequest, signup_id: int, payload: SignupReasonIn) -> SignupOut:
    """A leader takes back a no-show, with a reason."""
    actor = api_user(request)
    signup = _managed_signup(actor, signup_id)
    return _out(signup_excuse_no_show(actor=actor, signup=signup, reason=payload.reason))


@router.post("/shifts/{shift_id}/no-shows", response=NoShowsOut)
def signups_no_show_api(request: HttpRequest, shift_id: int) -> NoShowsOut:
    """After the shift: every confirmed sign-up without a check-in becomes a no-show."""
    actor = api_user(request)
    shift = _managed_shift(actor, shift_id)
    marked = signups_mark_no_show(shift=shift, actor=actor)
    return NoShowsOut(marked=marked, shift=shift_brief(shift))


@router.get("/shifts/{shift_id}/ics")
def shift_ics_api(request: HttpRequest, shift_id: int) -> HttpResponse:
    """The shift as an iCalendar file (`text/calendar`)."""
    shift = shift_get_for(api_user(request), shift_id)
    url = request.build_absolute_uri(reverse("activities:signup_create", args=[shift.pk]))
    body = shift_ics(shift, url=url, host=request.get_host().split(":")[0])
    response = HttpResponse(body.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{ics_filename(shift)}"'
    return response
