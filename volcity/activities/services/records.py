"""Service records: made from a check-out (or entered by the leader), then approved or
declined; never deleted. Every change moves the hour totals in the same transaction."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from volcity.activities.models import ServiceRecord, Signup
from volcity.activities.services.totals import Delta, totals_apply
from volcity.audit.services import audit_record


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
