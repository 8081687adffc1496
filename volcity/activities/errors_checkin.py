"""What check-in and check-out refuse beyond ``errors.py``: the kiosk's volunteer code, the
idempotency key, the caller who is not a volunteer."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from volcity.core.errors import Conflict, DomainError


class VolunteerCodeInvalid(DomainError):
    code = "volunteer_code_invalid"
    default_message = _(
        "This volunteer code has expired or is not valid. Ask the volunteer to open a fresh code."
    )


class IdempotencyKeyInvalid(DomainError):
    code = "idempotency_key_invalid"
    default_message = _(
        "Send an idempotency key of 8 to 64 letters, digits, dots, dashes or underscores."
    )


class IdempotencyKeyReused(Conflict):
    code = "idempotency_key_reused"
    default_message = _("This idempotency key was already used for another request.")


class LocationInvalid(DomainError):
    code = "location_invalid"
    default_message = _("The location sent is not a place on Earth.")


class NotAVolunteer(DomainError):
    code = "not_a_volunteer"
    status = 403
    default_message = _("Register as a volunteer first.")
