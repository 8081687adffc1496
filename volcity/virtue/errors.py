"""What the virtue bank's rules refuse, each with a stable code."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from volcity.core.errors import Conflict, DomainError, PermissionDenied
from volcity.core.photos import PhotoInvalid  # noqa: F401 - re-exported


class NotAllowed(PermissionDenied):
    default_message = _("Only the village's virtue-bank staff may do this.")


class NotAVillage(DomainError):
    code = "not_a_village"
    default_message = _("A virtue bank belongs to one village or community.")


class BankInactive(DomainError):
    code = "bank_inactive"
    status = 409
    default_message = _("This village's virtue bank is not open.")


class InvalidSetting(DomainError):
    code = "invalid_setting"
    default_message = _("This value is not allowed.")


class CataloguePublished(Conflict):
    code = "catalogue_published"
    default_message = _(
        "A published catalogue is never changed, so that old deeds keep their rules. "
        "Make a new draft version from it and publish that."
    )


class DraftExists(Conflict):
    code = "draft_exists"
    default_message = _("This bank already has a draft version; edit that one.")


class CatalogueEmpty(DomainError):
    code = "catalogue_empty"
    default_message = _("Add at least one deed before publishing.")


class EffectiveInPast(DomainError):
    code = "effective_in_past"
    default_message = _(
        "A new catalogue can take effect today or later, and not before the one in force: "
        "changing the rules of days already past would rewrite history."
    )


class ItemCodeTaken(Conflict):
    code = "item_code_taken"
    default_message = _("This catalogue already has a deed with this code.")


class PointsZero(DomainError):
    code = "points_zero"
    default_message = _("A deed is worth a whole number of points other than zero.")


class LimitIncoherent(DomainError):
    code = "limit_incoherent"
    default_message = _("Give both a number and a period for a limit, or neither.")


class NoCatalogue(DomainError):
    code = "no_catalogue"
    default_message = _("No published deed catalogue was in force on that day.")


class UnknownItem(DomainError):
    code = "unknown_item"
    default_message = _("The catalogue in force on that day has no such deed.")


class LimitReached(DomainError):
    code = "limit_reached"
    status = 409
    default_message = _("This deed has reached its limit for the period.")


class DateInFuture(DomainError):
    code = "date_in_future"
    default_message = _("The deed cannot be dated in the future.")


class HouseholdNumberTaken(Conflict):
    code = "household_number_taken"
    default_message = _("This village already has a household with this number.")


class HouseholdInactive(DomainError):
    code = "household_inactive"
    status = 409
    default_message = _("This household is no longer active.")


class ResidentHasHousehold(Conflict):
    code = "resident_has_household"
    default_message = _("This login already belongs to a member of a household.")


class NotYourHousehold(PermissionDenied):
    code = "not_your_household"
    default_message = _("Residents report deeds of their own household only.")


class TooManyPhotos(DomainError):
    code = "too_many_photos"
    default_message = _("At most %(count)s photos per deed.")


class NotInReviewGroup(PermissionDenied):
    code = "not_in_review_group"
    default_message = _("Only members of this village's review group review deeds.")


class OwnClaim(PermissionDenied):
    code = "own_claim"
    default_message = _(
        "Nobody reviews a deed they reported or one of their own household's deeds."
    )


class AlreadyReviewed(Conflict):
    code = "already_reviewed"
    default_message = _("You have already reviewed this deed.")


class NotSubmitted(Conflict):
    code = "not_submitted"
    default_message = _("This deed is no longer waiting for review.")


class ReasonRequired(DomainError):
    code = "reason_required"
    default_message = _("Give a reason.")


class NoticeClosed(DomainError):
    code = "notice_closed"
    status = 409
    default_message = _(
        "The public notice of this deed has closed; objections are no longer taken."
    )


class NotOnNotice(DomainError):
    code = "not_on_notice"
    status = 409
    default_message = _("This deed is not on public notice.")


class NotAVillager(PermissionDenied):
    code = "not_a_villager"
    default_message = _("Only people of this village may object to its deeds.")


class ObjectionClosed(Conflict):
    code = "objection_closed"
    default_message = _("This objection has already been resolved.")


class NotApproved(DomainError):
    code = "not_approved"
    status = 409
    default_message = _("Points are posted only after the review group approves the deed.")


class NoticeRunning(DomainError):
    code = "notice_running"
    status = 409
    default_message = _("The public notice has not ended yet; points post after it.")


class ObjectionOpen(DomainError):
    code = "objection_open"
    status = 409
    default_message = _("An objection is open; resolve it before the points are posted.")


class AlreadyPosted(Conflict):
    code = "already_posted"
    default_message = _("The points of this deed have already been posted.")


class ClaimRejected(DomainError):
    code = "claim_rejected"
    status = 409
    default_message = _("This deed was rejected; nothing is posted.")
