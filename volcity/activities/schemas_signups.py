"""Schemas of the sign-up endpoints."""

from __future__ import annotations

import datetime

from ninja import Schema

from volcity.activities.models import Shift, Signup
from volcity.core.privacy import mask_phone


class SignupIn(Schema):
    party_size: int = 1
    accept_risk: bool = False
    guardian_present: bool = False


class RosterAddIn(SignupIn):
    number: str


class SignupReasonIn(Schema):
    reason: str = ""


class ShiftBrief(Schema):
    id: int
    activity: int
    title: str
    address: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    capacity: int
    seats_taken: int
    seats_waiting: int
    cancelled: bool


class SignupOut(Schema):
    id: int
    shift: ShiftBrief
    status: str
    status_label: str
    party_size: int
    guardian_present: bool
    risk_accepted_at: datetime.datetime | None
    queued_at: datetime.datetime | None
    created_at: datetime.datetime
    cancelled_at: datetime.datetime | None
    checked_in_at: datetime.datetime | None
    checked_out_at: datetime.datetime | None
    message: str = ""


class RosterRowOut(Schema):
    id: int
    volunteer_number: str
    name: str
    phone: str
    status: str
    party_size: int
    guardian_present: bool
    queued_at: datetime.datetime | None
    checked_in_at: datetime.datetime | None
    checked_out_at: datetime.datetime | None


class RosterOut(Schema):
    shift: ShiftBrief
    items: list[RosterRowOut]


class NoShowsOut(Schema):
    marked: int
    shift: ShiftBrief


class OpenShiftsOut(Schema):
    items: list[ShiftBrief]
    next: str | None


def shift_brief(shift: Shift) -> ShiftBrief:
    return ShiftBrief(
        id=shift.pk,
        activity=shift.activity_id,
        title=shift.activity.title,
        address=shift.activity.address,
        starts_at=shift.starts_at,
        ends_at=shift.ends_at,
        capacity=shift.capacity,
        seats_taken=shift.seats_taken,
        seats_waiting=shift.seats_waiting,
        cancelled=shift.cancelled,
    )


def signup_out(signup: Signup) -> SignupOut:
    return SignupOut(
        id=signup.pk,
        shift=shift_brief(signup.shift),
        status=signup.status,
        status_label=str(signup.get_status_display()),
        party_size=signup.party_size,
        guardian_present=signup.guardian_present,
        risk_accepted_at=signup.risk_accepted_at,
        queued_at=signup.queued_at,
        created_at=signup.created_at,
        cancelled_at=signup.cancelled_at,
        checked_in_at=signup.checked_in_at,
        checked_out_at=signup.checked_out_at,
    )


def roster_row(signup: Signup) -> RosterRowOut:
    user = signup.volunteer.user
    return RosterRowOut(
        id=signup.pk,
        volunteer_number=signup.volunteer.number,
        name=user.display_name,
        phone=mask_phone(user.phone) if user.phone else "",
        status=signup.status,
        party_size=signup.party_size,
        guardian_present=signup.guardian_present,
        queued_at=signup.queued_at,
        checked_in_at=signup.checked_in_at,
        checked_out_at=signup.checked_out_at,
    )
