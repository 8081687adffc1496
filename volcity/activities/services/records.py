"""Service records: made from a check-out (or entered by the leader), then approved or
declined; never deleted. Every change moves the hour totals in the same transaction."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from volcity.accounts.sms import sms_send
from volcity.activities.errors import EntryPeriodOver, HoursOverShift, NotAllowed
from volcity.activities.errors_records import (
    DateInFuture,
    FieldRequired,
    MinutesOutOfRange,
    NotAMember,
    OwnRecord,
    RecordExists,
    TooManyRecords,
    WrongActivity,
)
from volcity.activities.models import Activity, ServiceRecord, Shift, Signup
from volcity.activities.permissions import can_decide_record, can_run_team_work
from volcity.activities.services.totals import Delta, totals_apply
from volcity.activities.workdays import entry_deadline
from volcity.audit.services import audit_record
from volcity.core.errors import NotFound
from volcity.core.lifecycle import transition_apply
from volcity.registry.errors import VolunteerNotActive
from volcity.registry.models import Membership, Team, Volunteer
from volcity.timebank.services.credits import credits_earn_for_record


def served_minutes(signup: Signup) -> int:
    """Whole minutes between check-in and check-out that fall inside the shift."""
    shift = signup.shift
    if signup.checked_in_at is None or signup.checked_out_at is None:
        return 0
    start = max(signup.checked_in_at, shift.starts_at)
    end = min(signup.checked_out_at, shift.ends_at)
    return max(0, int((end - start).total_seconds() // 60))


def record_create_from_signup(
    *, signup: Signup, actor: Any, auto: bool = False
) -> ServiceRecord | None:
    """The Pending record of a checked-out sign-up (None when no minute fell in the shift).

    Called by the check-out services inside their transaction. ``auto`` marks a check-out the
    system closed because the volunteer forgot: the record is flagged for the leader's look.
    """
    minutes = served_minutes(signup)
    if minutes < 1:
        return None
    shift = signup.shift
    activity = shift.activity
    with transaction.atomic():
        record = ServiceRecord.objects.create(
            volunteer_id=signup.volunteer_id,
            activity=activity,
            signup=signup,
            team_id=activity.team_id,
            project_id=activity.project_id,
            region_id=activity.region_id,
            title=activity.title,
            served_on=timezone.localtime(shift.starts_at).date(),
            place=activity.address,
            content=(activity.description or activity.title)[:500],
            minutes=minutes,
            started_at=max(signup.checked_in_at, shift.starts_at),  # type: ignore[type-var]
            ended_at=min(signup.checked_out_at, shift.ends_at),  # type: ignore[type-var]
            lead_name=activity.lead.display_name,
            source=ServiceRecord.Source.AUTO_CHECKOUT if auto else ServiceRecord.Source.CHECKIN,
            flagged=auto,
            flag_reason=gettext("Check-out was forgotten and closed automatically.")
            if auto
            else "",
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        totals_apply(record, Delta(minutes_pending=minutes, records_pending=1))
        audit_record(
            "activities.record.created",
            obj=record,
            actor=actor,
            region_id=record.region_id,
            changes={"minutes": minutes, "source": record.source, "signup": signup.pk},
        )
    return record


# ---------------------------------------------------------------- entry by a leader, or oneself

MAX_BULK = 200


def _required(value: str, field: str, fallback: str = "") -> str:
    text = (value or "").strip() or fallback.strip()
    if not text:
        raise FieldRequired(field=field)
    return text


def _check_day_and_minutes(served_on: datetime.date, minutes: int) -> None:
    """The rules every entered record follows: 1..1440 minutes, a past day, within the
    entry period of ``VOLCITY_RECORD_ENTRY_WORKING_DAYS`` working days."""
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= 24 * 60:
        raise MinutesOutOfRange(field="minutes")
    today = timezone.localdate()
    if served_on > today:
        raise DateInFuture(field="served_on")
    if today > entry_deadline(served_on):
        days = settings.VOLCITY_RECORD_ENTRY_WORKING_DAYS
        raise EntryPeriodOver(EntryPeriodOver.default_message % {"days": days}, field="served_on")


def _active_volunteer(volunteer: Volunteer) -> Volunteer:
    """The volunteer's row, locked (entries for one person run one at a time)."""
    locked = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    if locked.status != Volunteer.Status.ACTIVE:
        raise VolunteerNotActive(field="volunteer")
    return locked


def record_enter(
    *,
    actor: Any,
    volunteer: Volunteer,
    activity: Activity | None = None,
    team: Team,
    served_on: datetime.date,
    minutes: int,
    content: str,
    place: str,
    title: str,
    shift: Shift | None = None,
) -> ServiceRecord:
    """A leader enters a record of service (a volunteer without a phone, a paper sign-in
    sheet): Pending, to be approved by someone else. Refused after the entry period."""
    if shift is not None:
        activity = activity or shift.activity
        if shift.activity_id != activity.pk:
            raise WrongActivity(field="shift")
    if activity is not None and activity.team_id != team.pk:
        raise WrongActivity(field="activity")
    region_id = activity.region_id if activity is not None else team.region_id
    if not can_run_team_work(actor, team.pk, region_id):
        raise NotAllowed()
    title = _required(title, "title", activity.title if activity else "")
    place = _required(place, "place", activity.address if activity else "")
    _check_day_and_minutes(served_on, minutes)
    started_at = None
    if shift is not None:
        if timezone.localtime(shift.starts_at).date() != served_on:
            raise WrongActivity(
                gettext_lazy("The date is not the day of the shift."), field="served_on"
            )
        if minutes > shift.minutes:
            raise HoursOverShift(field="minutes")
        started_at = shift.starts_at
    with transaction.atomic():
        _active_volunteer(volunteer)
        if shift is not None:
            taken = ServiceRecord.objects.filter(
                volunteer=volunteer,
                activity_id=shift.activity_id,
                status__in=[ServiceRecord.Status.PENDING, ServiceRecord.Status.APPROVED],
            ).filter(Q(signup__shift=shift) | Q(started_at=shift.starts_at))
            if taken.exists():
                raise RecordExists(field="shift")
        record = ServiceRecord.objects.create(
            volunteer=volunteer,
            activity=activity,
            team=team,
            project_id=activity.project_id if activity is not None else None,
            region_id=region_id,
            title=title[:80],
            served_on=served_on,
            place=place[:120],
            content=(content or "").strip(),
            minutes=minutes,
            started_at=started_at,
            ended_at=started_at + datetime.timedelta(minutes=minutes) if started_at else None,
            lead_name=activity.lead.display_name if activity is not None else "",
            source=ServiceRecord.Source.LEADER,
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        totals_apply(record, Delta(minutes_pending=minutes, records_pending=1))
        audit_record(
            "activities.record.entered",
            obj=record,
            actor=actor,
            region_id=region_id,
            changes={
                "minutes": minutes,
                "served_on": served_on.isoformat(),
                "volunteer": volunteer.number,
                "shift": shift.pk if shift is not None else None,
            },
        )
    return record


def record_report_self(
    *,
    volunteer: Volunteer,
    team: Team,
    served_on: datetime.date,
    minutes: int,
    title: str,
    place: str,
    content: str = "",
) -> ServiceRecord:
    """A volunteer reports hours they served for one of their teams: Pending, flagged for a
    leader's look, and counted only once a leader approves."""
    if not Membership.objects.filter(
        volunteer=volunteer, team=team, status=Membership.Status.ACTIVE
    ).exists():
        raise NotAMember(field="team")
    title = _required(title, "title")
    place = _required(place, "place")
    _check_day_and_minutes(served_on, minutes)
    with transaction.atomic():
        _active_volunteer(volunteer)
        record = ServiceRecord.objects.create(
            volunteer=volunteer,
            team=team,
            region_id=team.region_id,
            title=title[:80],
            served_on=served_on,
            place=place[:120],
            content=(content or "").strip(),
            minutes=minutes,
            source=ServiceRecord.Source.SELF,
            flagged=True,
            flag_reason=gettext("Reported by the volunteer: check with the team."),
            recorded_by=volunteer.user,
        )
        totals_apply(record, Delta(minutes_pending=minutes, records_pending=1))
        audit_record(
            "activities.record.reported",
            obj=record,
            actor=volunteer.user,
            changes={"minutes": minutes, "served_on": served_on.isoformat()},
        )
    return record


# ---------------------------------------------------------------- deciding


def record_locked(record_id: int) -> ServiceRecord:
    """The record under a row lock, with its volunteer (for the own-record check)."""
    return (
        ServiceRecord.objects.select_for_update(of=("self",))
        .select_related("volunteer")
        .get(pk=record_id)
    )


def check_can_decide(actor: Any, record: ServiceRecord) -> None:
    if getattr(actor, "pk", None) is not None and record.volunteer.user_id == actor.pk:
        raise OwnRecord()
    if not can_decide_record(actor, record):
        raise NotAllowed()


def _approve(actor: Any, record: ServiceRecord) -> ServiceRecord:
    check_can_decide(actor, record)
    record.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    record.decided_at = timezone.now()
    transition_apply(record, "approve", actor=actor, extra_fields=["decided_by", "decided_at"])
    m = record.minutes
    totals_apply(
        record,
        Delta(minutes_approved=m, records_approved=1, minutes_pending=-m, records_pending=-1),
    )
    credits_earn_for_record(
        record=record, minutes=m, key=f"timebank:record:{record.pk}", actor=actor
    )
    return record


def record_approve(*, actor: Any, record: ServiceRecord) -> ServiceRecord:
    """Approve a Pending record: its minutes move from pending to approved (stars follow)."""
    with transaction.atomic():
        return _approve(actor, record_locked(record.pk))


def records_approve_many(*, actor: Any, record_ids: list[int]) -> list[ServiceRecord]:
    """A leader's bulk approval: every record is checked; all are approved or none."""
    ids = sorted({int(i) for i in record_ids})
    if not ids:
        raise FieldRequired(gettext_lazy("Choose the records to approve."), field="record_ids")
    if len(ids) > MAX_BULK:
        raise TooManyRecords(
            TooManyRecords.default_message % {"limit": MAX_BULK}, field="record_ids"
        )
    with transaction.atomic():
        records = list(
            ServiceRecord.objects.select_for_update(of=("self",))
            .select_related("volunteer")
            .filter(pk__in=ids)
            .order_by("pk")
        )
        if len(records) != len(ids):
            raise NotFound(field="record_ids")
        return [_approve(actor, r) for r in records]


def _notify_declined(record: ServiceRecord) -> None:
    phone = Volunteer.objects.filter(pk=record.volunteer_id).values_list("user__phone", flat=True)
    number = phone.first()
    if number:
        sms_send(
            number,
            gettext("Your service record of %(date)s (%(title)s) was declined: %(reason)s")
            % {
                "date": record.served_on.isoformat(),
                "title": record.title,
                "reason": record.decline_reason,
            },
        )


def record_decline(*, actor: Any, record: ServiceRecord, reason: str) -> ServiceRecord:
    """Decline a Pending record, with a reason the volunteer is told by SMS. It is kept."""
    with transaction.atomic():
        locked = record_locked(record.pk)
        check_can_decide(actor, locked)
        locked.decided_by = actor if getattr(actor, "is_authenticated", False) else None
        locked.decided_at = timezone.now()
        locked.decline_reason = (reason or "").strip()[:200]
        transition_apply(
            locked,
            "decline",
            actor=actor,
            reason=reason or "",
            extra_fields=["decided_by", "decided_at", "decline_reason"],
            notify=_notify_declined,
        )
        totals_apply(locked, Delta(minutes_pending=-locked.minutes, records_pending=-1))
    return locked
