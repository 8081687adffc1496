"""Refusals of the order loop, each with a stable code and the field it concerns."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from volcity.core.errors import DomainError, NotFound
from volcity.core.photos import PhotoInvalid  # noqa: F401 - re-exported


class OrderNotFound(NotFound):
    default_message = _("No such order, or it is outside your scope.")


class NotAllowed(DomainError):
    code = "dispatch_not_allowed"
    status = 403
    default_message = _("You may not do this with this order.")


class OutOfScope(DomainError):
    code = "dispatch_out_of_scope"
    status = 403
    default_message = _(
        "Dispatching outside your scope is not allowed: pick a team or volunteer of your area."
    )


class AlreadyTaken(DomainError):
    code = "order_already_taken"
    status = 409
    default_message = _("This order has already been taken by someone else.")


class WrongStatus(DomainError):
    code = "order_wrong_status"
    status = 409
    default_message = _("The order is not at a stage where this can be done.")


class NotCompleted(DomainError):
    code = "order_not_completed"
    status = 409
    default_message = _("Only a completed order can be rated.")


class LocationRequired(DomainError):
    code = "order_location_required"
    default_message = _(
        "We cannot reach an order without a location: use your location or pick your village."
    )


class LocationUnreachable(DomainError):
    code = "order_location_unreachable"
    default_message = _("This location is not a reachable place: check the coordinates.")


class FieldRequired(DomainError):
    code = "field_required"
    default_message = _("This field is required.")


class InvalidValue(DomainError):
    code = "invalid_value"
    default_message = _("This value is not valid.")


class ItemUnavailable(DomainError):
    code = "order_item_unavailable"
    default_message = _("This service is not on the menu of your area.")


class BadTimeRange(DomainError):
    code = "order_bad_time_range"
    default_message = _("The end of the wanted time must be after its start, and in the future.")


class ReasonRequired(DomainError):
    code = "reason_required"
    default_message = _("Give a reason for this change.")


class NotEligible(DomainError):
    code = "order_team_not_eligible"
    status = 403
    default_message = _("Your team does not provide this service in this area.")


class RatingOutOfRange(DomainError):
    code = "order_rating_out_of_range"
    default_message = _("Give a rating from 1 to 5 stars.")


class NotYourOrder(DomainError):
    code = "order_not_yours"
    status = 403
    default_message = _("Only the resident who placed the order can rate it.")


class TooManyPhotos(DomainError):
    code = "too_many_photos"
    default_message = _("At most %(count)s photos per order.")


class DuplicateName(DomainError):
    code = "duplicate_name"
    status = 409
    default_message = _("This name is already used here.")


class BadShift(DomainError):
    code = "duty_bad_shift"
    default_message = _("A duty shift needs a dispatcher or a team, and must end after it starts.")


class NotInArea(DomainError):
    code = "dispatch_not_in_area"
    default_message = _("This team or person does not work in this area: pick one of the area's.")


class NoTeamToRecord(DomainError):
    code = "dispatch_volunteer_without_team"
    default_message = _(
        "This volunteer belongs to no active team, so their hours could not be recorded: "
        "dispatch to a team instead."
    )
