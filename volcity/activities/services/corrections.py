"""Corrections of service records: the volunteer asks, a leader or administrator reviews.

A correction is never a silent edit: accepting it changes the record with an audit entry
listing each value before and after, and moves the hour totals by the difference (on the
approved or the pending side, as the record stands). A declined record whose correction is
accepted is reinstated as approved.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from volcity.activities.errors import RecordLocked
from volcity.activities.errors_records import (
    DateInFuture,
    MinutesOutOfRange,
    NothingToCorrect,
    NotYourRecord,
)
from volcity.activities.models import RecordCorrection, ServiceRecord
from volcity.activities.services.records import check_can_decide, record_locked
from volcity.activities.services.totals import Delta, totals_apply
from volcity.audit.services import audit_record
from volcity.core.lifecycle import ReasonRequired, transition_apply
from volcity.registry.models import Volunteer
from volcity.timebank.services.credits import credits_earn_for_record


def correction_request(
    *,
    volunteer: Volunteer,
    record: ServiceRecord,
    minutes: int | None = None,
    served_on: datetime.date | None = None,
    content: str = "",
    reason: str,
) -> RecordCorrection:
    """The volunteer asks to change the minutes, the date or the content of their own record.
    One correction waits per record at a time."""
    if record.volunteer_id != volunteer.pk:
        raise NotYourRecord()
    if not (reason or "").strip():
        raise ReasonRequired(field="reason")
    if minutes is not None and not 1 <= minutes <= 24 * 60:
        raise MinutesOutOfRange(field="minutes")
    if served_on is not None and served_on > timezone.localdate():
        raise DateInFuture(field="served_on")
    content = (content or "").strip()
    with transaction.atomic():
        locked = record_locked(record.pk)
        new_minutes = minutes if minutes is not None and minutes != locked.minutes else None
        new_day = served_on if served_on is not None and served_on != locked.served_on else None
        new_content = content if content and content != locked.content else ""
        if new_minutes is None and new_day is None and not new_content:
            raise NothingToCorrect(field="minutes")
        if RecordCorrection.objects.filter(
            record=locked, status=RecordCorrection.Status.PENDING
        ).exists():
            raise RecordLocked(field="record")
        try:
            with transaction.atomic():
                correction = RecordCorrection.objects.create(
                    record=locked,
                    requested_by=volunteer.user,
                    minutes=new_minutes,
                    served_on=new_day,
                    content=new_content,
                    reason=reason.strip(),
                )
        except IntegrityError:
            raise RecordLocked(field="record") from None
        audit_record(
            "activities.correction.requested",
            obj=correction,
            actor=volunteer.user,
            region_id=locked.region_id,
            changes={
                "record": locked.pk,
                "minutes": new_minutes,
                "served_on": new_day.isoformat() if new_day else None,
                "content": bool(new_content),
            },
        )
    return correction


def _correction_locked(correction: RecordCorrection) -> RecordCorrection:
    return RecordCorrection.objects.select_for_update().get(pk=correction.pk)


def correction_accept(*, actor: Any, correction: RecordCorrection) -> RecordCorrection:
    """Apply the correction to its record, audited before and after; totals follow."""
    with transaction.atomic():
        record = record_locked(correction.record_id)
        check_can_decide(actor, record)
        locked = _correction_locked(correction)
        locked.reviewed_by = actor if getattr(actor, "is_authenticated", False) else None
        locked.reviewed_at = timezone.now()
        transition_apply(locked, "accept", actor=actor, extra_fields=["reviewed_by", "reviewed_at"])
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        old_minutes = record.minutes
        if locked.minutes is not None and locked.minutes != record.minutes:
            before["minutes"], after["minutes"] = record.minutes, locked.minutes
            record.minutes = locked.minutes
        if locked.served_on is not None and locked.served_on != record.served_on:
            before["served_on"] = record.served_on.isoformat()
            after["served_on"] = locked.served_on.isoformat()
            record.served_on = locked.served_on
        if locked.content and locked.content != record.content:
            before["content"], after["content"] = record.content, locked.content
            record.content = locked.content
        if after:
            record.save(update_fields=list(after))
        audit_record(
            "activities.record.corrected",
            obj=record,
            actor=actor,
            changes={"correction": locked.pk, "before": before, "after": after},
        )
        diff = record.minutes - old_minutes
        if record.status == ServiceRecord.Status.APPROVED:
            totals_apply(record, Delta(minutes_approved=diff))
            credits_earn_for_record(
                record=record, minutes=diff, key=f"timebank:correction:{locked.pk}", actor=actor
            )
        elif record.status == ServiceRecord.Status.PENDING:
            totals_apply(record, Delta(minutes_pending=diff))
        else:
            record.decided_by = locked.reviewed_by
            record.decided_at = locked.reviewed_at
            transition_apply(
                record,
                "reinstate",
                actor=actor,
                reason=locked.reason,
                extra_fields=["decided_by", "decided_at"],
            )
            totals_apply(record, Delta(minutes_approved=record.minutes, records_approved=1))
            credits_earn_for_record(
                record=record,
                minutes=record.minutes,
                key=f"timebank:correction:{locked.pk}",
                actor=actor,
            )
    return locked


def correction_reject(*, actor: Any, correction: RecordCorrection, reason: str) -> RecordCorrection:
    """Refuse the correction, with a reason; the record stays as it was."""
    with transaction.atomic():
        record = record_locked(correction.record_id)
        check_can_decide(actor, record)
        locked = _correction_locked(correction)
        locked.reviewed_by = actor if getattr(actor, "is_authenticated", False) else None
        locked.reviewed_at = timezone.now()
        transition_apply(
            locked,
            "reject",
            actor=actor,
            reason=reason or "",
            extra_fields=["reviewed_by", "reviewed_at"],
        )
    return locked
