"""Forgotten check-outs, closed by the system (``activities_housekeeping``): the check-out is
set to the shift's end and the record flagged for the leader's look."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from volcity.activities.models import CheckinAttempt, Signup
from volcity.activities.services.checkin import (
    AUTO_KEY_PREFIX,
    OUT,
)
from volcity.activities.services.records import record_create_from_signup
from volcity.audit.services import audit_record


def checkout_due_before(now: datetime.datetime) -> datetime.datetime:
    """Sign-ups checked in before this (and on shifts that ended before it) are overdue."""
    return now - datetime.timedelta(hours=settings.VOLCITY_AUTO_CHECKOUT_HOURS)


def checkouts_close_forgotten(*, now: datetime.datetime | None = None) -> int:
    """Close every check-out forgotten for ``VOLCITY_AUTO_CHECKOUT_HOURS`` after both the
    check-in and the shift's end: out at the shift's end (never before the check-in),
    marked automatic, with a service record flagged for the leader's look. Returns how many.

    One transaction per sign-up, so a long backlog never holds many locks; safe to run again
    (a closed one is skipped, and its attempt key ``auto-out-<id>`` is unique).
    """
    now = now or timezone.now()
    due = checkout_due_before(now)
    ids = list(
        Signup.objects.filter(
            checked_in_at__isnull=False,
            checked_out_at__isnull=True,
            checked_in_at__lte=due,
            shift__ends_at__lte=due,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    closed = 0
    for pk in ids:
        with transaction.atomic():
            signup = (
                Signup.objects.select_for_update(of=("self",))
                .select_related("shift__activity__lead")
                .filter(pk=pk, checked_in_at__isnull=False, checked_out_at__isnull=True)
                .first()
            )
            if signup is None:
                continue
            assert signup.checked_in_at is not None  # noqa: S101 - filtered above
            shift = signup.shift
            signup.checked_out_at = max(shift.ends_at, signup.checked_in_at)
            signup.checkout_auto = True
            signup.save(update_fields=["checked_out_at", "checkout_auto"])
            CheckinAttempt.objects.create(
                key=f"{AUTO_KEY_PREFIX}{signup.pk}", signup=signup, kind=OUT, at=now
            )
            record = record_create_from_signup(signup=signup, actor=None, auto=True)
            audit_record(
                "activities.checkout.closed_automatically",
                obj=signup,
                actor=None,
                region_id=shift.activity.region_id,
                changes={
                    "shift": shift.pk,
                    "checked_out_at": signup.checked_out_at.isoformat(),
                    "record": record.pk if record is not None else None,
                },
            )
            closed += 1
    return closed
