"""Reads for check-in pages and endpoints: the shift (for a volunteer or for its staff), a
volunteer's sign-up on it, and the live counts a kiosk shows."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext

from volcity.accounts.roles import ADMIN_ROLES, Role
from volcity.accounts.scope import scope_for
from volcity.activities.errors_checkin import NotAVolunteer
from volcity.activities.models import Activity, CheckinAttempt, Shift, Signup
from volcity.activities.permissions import can_manage_activity
from volcity.activities.services.checkin import CheckinOutcome
from volcity.activities.services.totals import hours_text
from volcity.core.errors import NotFound, PermissionDenied
from volcity.registry.models import Volunteer
from volcity.registry.queries import volunteer_of

OPEN_STATUSES = (Activity.Status.PUBLISHED, Activity.Status.FINISHED)


def shift_for_checkin(shift_id: int) -> Shift:
    """A shift of a published (or finished) activity, with its activity and lead."""
    shift = (
        Shift.objects.select_related("activity__lead")
        .filter(pk=shift_id, activity__status__in=OPEN_STATUSES)
        .first()
    )
    if shift is None:
        raise NotFound()
    return shift


def shift_for_staff(actor: Any, shift_id: int) -> Shift:
    """A shift of an activity ``actor`` runs: 403 for those who run nothing, else 404."""
    if scope_for(actor, [*ADMIN_ROLES, Role.TEAM_LEADER]).empty:
        raise PermissionDenied()
    shift = Shift.objects.select_related("activity__lead").filter(pk=shift_id).first()
    if shift is None or not can_manage_activity(actor, shift.activity):
        raise NotFound()
    return shift


def signup_of(volunteer: Volunteer, shift: Shift) -> Signup | None:
    return Signup.objects.filter(shift_id=shift.pk, volunteer_id=volunteer.pk).first()


@dataclass(frozen=True)
class CheckinCounts:
    signed_up: int
    checked_in: int
    present: int
    checked_out: int
    capacity: int


def checkin_counts(shift_id: int) -> CheckinCounts:
    """The shift's counters and who is there now, in two small queries."""
    shift = Shift.objects.only("seats_taken", "checked_in", "capacity").get(pk=shift_id)
    found = Signup.objects.filter(shift_id=shift_id, checked_in_at__isnull=False).aggregate(
        present=Count("pk", filter=Q(checked_out_at__isnull=True)),
        out=Count("pk", filter=Q(checked_out_at__isnull=False)),
    )
    return CheckinCounts(
        signed_up=shift.seats_taken,
        checked_in=shift.checked_in,
        present=found["present"] or 0,
        checked_out=found["out"] or 0,
        capacity=shift.capacity,
    )


def own_volunteer(user: Any) -> Volunteer:
    """The caller's own active volunteer registration, or a refusal saying to register."""
    volunteer = volunteer_of(user)
    if volunteer is None or volunteer.status != Volunteer.Status.ACTIVE:
        raise NotAVolunteer()
    return volunteer


def outcome_message(outcome: CheckinOutcome) -> str:
    """The sentence both faces show after a check-in or check-out."""
    at = timezone.localtime(outcome.attempt.at).strftime("%H:%M")
    if outcome.kind == CheckinAttempt.Kind.CHECK_IN:
        return gettext("Checked in at %(time)s.") % {"time": at}
    if outcome.record is not None:
        return gettext(
            "Checked out at %(time)s: %(hours)s hours recorded, waiting for the leader's approval."
        ) % {"time": at, "hours": hours_text(outcome.record.minutes)}
    return gettext("Checked out at %(time)s. No time inside the shift was recorded.") % {"time": at}


def ended_shifts_with_absentees(now: datetime.datetime) -> list[Shift]:
    """Ended, not cancelled shifts that still hold a confirmed sign-up never checked in."""
    return list(
        Shift.objects.filter(
            ends_at__lte=now,
            cancelled=False,
            signups__status=Signup.Status.CONFIRMED,
            signups__checked_in_at__isnull=True,
        )
        .distinct()
        .order_by("ends_at", "pk")
    )
