"""API shapes of service records, hours and stars, corrections."""

from __future__ import annotations

import datetime

from ninja import Schema

from volcity.activities.models import RecordCorrection, ServiceRecord
from volcity.activities.queries_records import MyHours
from volcity.activities.services.totals import hours_text


class StarOut(Schema):
    level: int
    earned_at: datetime.datetime


class HoursOut(Schema):
    minutes_approved: int
    minutes_pending: int
    hours_approved: str
    hours_pending: str
    records_approved: int
    records_pending: int
    star_level: int
    next_star_hours: int | None
    progress_percent: int
    stars: list[StarOut]


def hours_out(h: MyHours) -> HoursOut:
    return HoursOut(
        minutes_approved=h.minutes_approved,
        minutes_pending=h.minutes_pending,
        hours_approved=h.hours_approved,
        hours_pending=h.hours_pending,
        records_approved=h.records_approved,
        records_pending=h.records_pending,
        star_level=h.star_level,
        next_star_hours=h.next_threshold,
        progress_percent=h.progress_percent,
        stars=[StarOut(level=s.level, earned_at=s.earned_at) for s in h.stars],
    )


class RecordOut(Schema):
    id: int
    volunteer_number: str
    volunteer_name: str
    team: int
    team_name: str
    activity: int | None
    region: str
    title: str
    served_on: datetime.date
    place: str
    content: str
    minutes: int
    hours: str
    status: str
    source: str
    flagged: bool
    flag_reason: str
    decline_reason: str
    correction_waiting: bool
    created_at: datetime.datetime
    decided_at: datetime.datetime | None


def record_out(r: ServiceRecord) -> RecordOut:
    """``r`` with its volunteer, user and team loaded (the list queries select them)."""
    return RecordOut(
        id=r.pk,
        volunteer_number=r.volunteer.number,
        volunteer_name=r.volunteer.user.display_name,
        team=r.team_id,
        team_name=r.team.name,
        activity=r.activity_id,
        region=r.region_id,
        title=r.title,
        served_on=r.served_on,
        place=r.place,
        content=r.content,
        minutes=r.minutes,
        hours=hours_text(r.minutes),
        status=r.status,
        source=r.source,
        flagged=r.flagged,
        flag_reason=r.flag_reason,
        decline_reason=r.decline_reason,
        correction_waiting=bool(getattr(r, "correction_waiting", False)),
        created_at=r.created_at,
        decided_at=r.decided_at,
    )


class RecordPage(Schema):
    items: list[RecordOut]
    next: str | None


class RecordIn(Schema):
    """A leader's entry: the volunteer by number, the team, optionally the activity/shift."""

    volunteer: str
    team: int
    activity: int | None = None
    shift: int | None = None
    title: str = ""
    served_on: datetime.date
    minutes: int
    place: str = ""
    content: str = ""


class ReasonIn(Schema):
    reason: str


class BulkApproveIn(Schema):
    records: list[int]


class BulkApproveOut(Schema):
    approved: list[int]


class CorrectionIn(Schema):
    """What to change (any of minutes, served_on, content) and why."""

    minutes: int | None = None
    served_on: datetime.date | None = None
    content: str = ""
    reason: str


class CorrectionOut(Schema):
    id: int
    record: int
    status: str
    minutes: int | None
    served_on: datetime.date | None
    content: str
    reason: str
    created_at: datetime.datetime
    reviewed_at: datetime.datetime | None
    record_minutes: int
    record_served_on: datetime.date
    record_status: str


def correction_out(c: RecordCorrection) -> CorrectionOut:
    return CorrectionOut(
        id=c.pk,
        record=c.record_id,
        status=c.status,
        minutes=c.minutes,
        served_on=c.served_on,
        content=c.content,
        reason=c.reason,
        created_at=c.created_at,
        reviewed_at=c.reviewed_at,
        record_minutes=c.record.minutes,
        record_served_on=c.record.served_on,
        record_status=c.record.status,
    )


class CorrectionPage(Schema):
    items: list[CorrectionOut]
    next: str | None
