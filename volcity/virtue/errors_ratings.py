"""What the rankings, lists, ratings and bank sharing refuse, each with a stable code."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from volcity.core.errors import Conflict, DomainError, PermissionDenied


class NotAllowedRatings(PermissionDenied):
    default_message = _("Only the village's virtue-bank clerk or administrators may do this.")


class BadPeriod(DomainError):
    code = "bad_period"
    default_message = _("Choose a month as YYYY-MM or a quarter as YYYY-Q1 … YYYY-Q4.")


class QuarterNotOver(DomainError):
    code = "quarter_not_over"
    status = 409
    default_message = _("A quarter's lists are published after the quarter has ended.")


class AlreadyPublished(Conflict):
    code = "already_published"
    default_message = _(
        "This quarter's lists are already published; a published list never changes."
    )


class NotBlackListEntry(DomainError):
    code = "not_black_list"
    status = 409
    default_message = _("Only an entry of the black list may be withdrawn.")


class AlreadyWithdrawn(Conflict):
    code = "already_withdrawn"
    default_message = _("This entry has already been withdrawn.")


class ReasonMissing(DomainError):
    code = "reason_required"
    default_message = _("Give a reason.")


class GradesOutOfOrder(DomainError):
    code = "grades_out_of_order"
    default_message = _("Grade thresholds must fall from AAA to B, and be at most 100.")


class ThresholdInvalid(DomainError):
    code = "invalid_setting"
    default_message = _("The black-list threshold is a whole number of points of at least 1.")


class AsOfInFuture(DomainError):
    code = "as_of_in_future"
    default_message = _("A rating is computed as of today or a day already past.")


class UnknownPartner(DomainError):
    code = "unknown_partner"
    default_message = _("This is not one of the partner banks.")


class ResidentNotOfHousehold(DomainError):
    code = "resident_not_of_household"
    default_message = _("The person giving consent must be a member of the household.")


class ConsentExists(Conflict):
    code = "consent_exists"
    default_message = _("This household's consent for this bank is already in force.")


class ConsentRevoked(Conflict):
    code = "consent_revoked"
    default_message = _("This consent has already been revoked.")


class NotYourConsent(PermissionDenied):
    code = "not_your_household"
    default_message = _("Only the household itself or the village's clerk may do this.")
