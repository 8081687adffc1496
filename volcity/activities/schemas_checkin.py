"""Check-in API schemas."""

from __future__ import annotations

import datetime

from ninja import Schema
from pydantic import Field


class CheckinIn(Schema):
    """A volunteer's scan: the shift's code, where the phone is, and a key for retries."""

    code: str = Field(max_length=64)
    latitude: float | None = None
    longitude: float | None = None
    idempotency_key: str = Field(max_length=64)


class KioskIn(Schema):
    """Staff scanned a volunteer's personal code."""

    volunteer_code: str = Field(max_length=200)
    idempotency_key: str = Field(max_length=64)


class CountsOut(Schema):
    signed_up: int
    checked_in: int
    present: int
    checked_out: int
    capacity: int


class CheckinOut(Schema):
    signup_id: int
    shift_id: int
    kind: str  # "in" or "out"
    at: datetime.datetime
    checked_in_at: datetime.datetime | None
    checked_out_at: datetime.datetime | None
    distance_m: int | None
    via_kiosk: bool
    replayed: bool
    record_id: int | None
    minutes: int | None
    message: str


class KioskOut(CheckinOut):
    volunteer_number: str
    volunteer_name: str
    counts: CountsOut


class CheckinCodeOut(Schema):
    code: str
    url: str
    seconds_left: int
    window_seconds: int


class VolunteerCodeOut(Schema):
    code: str
    number: str
    valid_seconds: int
    refresh_seconds: int
