"""Refusals of the sign-up rules that ``errors.py`` has no class for (kept here so the shared
module stays untouched while several areas are built at once)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from volcity.core.errors import DomainError


class VolunteerNotActive(DomainError):
    code = "volunteer_not_active"
    status = 409
    default_message = _("Only an active volunteer registration can sign up for shifts.")


class GuardianRequired(DomainError):
    code = "guardian_required"
    default_message = _(
        "Volunteers under 10 years old serve only with a guardian present: confirm that a "
        "guardian will come."
    )


class ShiftNotEnded(DomainError):
    code = "shift_not_ended"
    status = 409
    default_message = _("No-shows can be marked only after the shift has ended.")


class NotAVolunteer(DomainError):
    code = "not_a_volunteer"
    status = 403
    default_message = _("Register as a volunteer first.")


class UnknownVolunteerNumber(DomainError):
    code = "unknown_volunteer_number"
    default_message = _("No registered volunteer has this number.")
