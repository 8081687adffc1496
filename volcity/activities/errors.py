"""What the service-delivery rules refuse, each with a stable code."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from volcity.core.errors import Conflict, DomainError, PermissionDenied


class NotAllowed(PermissionDenied):
    default_message = _("Only the team's leaders or the region's administrators may do this.")


class ActivityNotOpen(DomainError):
    code = "activity_not_open"
    status = 409
    default_message = _("This activity is not open for sign-up.")


class ShiftFull(DomainError):
    code = "shift_full"
    status = 409
    default_message = _("This shift is full.")


class ShiftOver(DomainError):
    code = "shift_over"
    status = 409
    default_message = _("This shift has already ended.")


class AlreadySignedUp(Conflict):
    code = "already_signed_up"
    default_message = _("You are already signed up for this shift.")


class OverlappingShift(Conflict):
    code = "overlapping_shift"
    default_message = _("You are signed up for another shift at the same time.")


class OutsideAgeLimit(DomainError):
    code = "outside_age_limit"
    default_message = _("This activity is not open to volunteers of your age.")


class MissingSkill(DomainError):
    code = "missing_skill"
    default_message = _("This activity needs a skill you have not registered.")


class OutsideAudience(DomainError):
    code = "outside_audience"
    default_message = _("This activity is open only to residents of another area.")


class RiskNotAccepted(DomainError):
    code = "risk_not_accepted"
    default_message = _("Read the risks of this activity and confirm that you accept them.")


class PartyTooLarge(DomainError):
    code = "party_too_large"
    default_message = _("The party is larger than this activity allows.")


class CancelTooLate(DomainError):
    code = "cancel_too_late"
    status = 409
    default_message = _(
        "The shift starts too soon to cancel here; ask the activity lead to release your place."
    )


class CheckinCodeInvalid(DomainError):
    code = "checkin_code_invalid"
    default_message = _("This check-in code has expired or is not valid. Scan the code again.")


class TooFarAway(DomainError):
    code = "too_far_away"
    default_message = _("You are too far from the activity's place to check in.")


class LocationRequired(DomainError):
    code = "location_required"
    default_message = _("Allow the page to read your location so the check-in can be confirmed.")


class CheckinWindowClosed(DomainError):
    code = "checkin_window_closed"
    status = 409
    default_message = _("Check-in is not open for this shift now.")


class AlreadyCheckedIn(Conflict):
    code = "already_checked_in"
    default_message = _("You have already checked in for this shift.")


class NotCheckedIn(Conflict):
    code = "not_checked_in"
    default_message = _("Check in before you check out.")


class AlreadyCheckedOut(Conflict):
    code = "already_checked_out"
    default_message = _("You have already checked out of this shift.")


class NotSignedUp(DomainError):
    code = "not_signed_up"
    status = 409
    default_message = _("You are not signed up for this shift.")


class EntryPeriodOver(DomainError):
    code = "entry_period_over"
    default_message = _("Service records must be entered within %(days)s working days.")


class HoursOverShift(DomainError):
    code = "hours_over_shift"
    default_message = _("The hours are longer than the shift.")


class RecordLocked(Conflict):
    code = "record_locked"
    default_message = _("This record has a correction waiting for review.")


class InsuranceRequired(DomainError):
    code = "insurance_required"
    default_message = _("An activity with risks needs accident insurance before it is published.")


class NoRecords(DomainError):
    code = "no_records"
    default_message = _("There are no approved service records to certify.")
