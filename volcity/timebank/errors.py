"""What the time bank's rules refuse, each with a stable code."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from volcity.core.errors import Conflict, DomainError, PermissionDenied


class NotAllowed(PermissionDenied):
    default_message = _("Only the service centre's staff of the volunteer's region may do this.")


class TimeBankOff(Conflict):
    code = "timebank_off"
    default_message = _("The time bank is switched off in this city.")


class MinutesInvalid(DomainError):
    code = "minutes_invalid"
    default_message = _("Give a whole number of minutes greater than zero.")


class NotEnoughCredits(Conflict):
    code = "not_enough_credits"
    default_message = _(
        "Not enough hour credits: %(available)s hours are available, the service needs "
        "%(needed)s hours."
    )


class ServiceNotAllowed(DomainError):
    code = "service_not_allowed"
    default_message = _(
        "Hour credits pay only for the services listed (help at home, accompanying to "
        "hospital …); they are never paid out as cash."
    )


class BeneficiaryUnder60(DomainError):
    code = "beneficiary_under_60"
    default_message = _(
        "A family member may receive services paid with hour credits only when aged 60 or "
        "over on the day of the service."
    )


class NotYourFamily(DomainError):
    code = "not_your_family"
    default_message = _("This person is not a registered family member of this volunteer.")


class FamilyInvalid(DomainError):
    code = "family_invalid"
    default_message = _("This value is not allowed.")


class TooManyFamilyMembers(Conflict):
    code = "too_many_family_members"
    default_message = _("A volunteer may register at most %(n)s family members.")


class DateOutOfRange(DomainError):
    code = "date_out_of_range"
    default_message = _("The day of the service must lie within %(days)s days of today.")


class VolunteerNotActive(Conflict):
    code = "volunteer_not_active"
    default_message = _("This volunteer's registration was deleted; credits cannot be used.")


class NotYourSpend(PermissionDenied):
    code = "not_your_spend"
    default_message = _("Only the volunteer whose credits pay may confirm this.")
