"""Refusals of the service-record rules that ``errors.py`` does not hold yet."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from volcity.core.errors import Conflict, DomainError, PermissionDenied


class MinutesOutOfRange(DomainError):
    code = "minutes_out_of_range"
    default_message = _("Enter between 1 minute and 24 hours.")


class DateInFuture(DomainError):
    code = "date_in_future"
    default_message = _("The day of service cannot be in the future.")


class RecordExists(Conflict):
    code = "record_exists"
    default_message = _("This volunteer already has a record for this shift.")


class NotYourRecord(PermissionDenied):
    code = "not_your_record"
    default_message = _("You can only ask to correct your own service records.")


class NothingToCorrect(DomainError):
    code = "nothing_to_correct"
    default_message = _("Change the hours, the date or the content to ask for a correction.")


class TooManyRecords(DomainError):
    code = "too_many_records"
    default_message = _("Approve at most %(limit)s records at once.")


class WrongActivity(DomainError):
    code = "wrong_activity"
    default_message = _("The activity, shift and team do not belong together.")


class OwnRecord(PermissionDenied):
    code = "own_record"
    default_message = _("Nobody decides on their own service record or its correction.")


class NotAMember(PermissionDenied):
    code = "not_a_member"
    default_message = _("You can report hours only for a team you are an active member of.")


class FieldRequired(DomainError):
    code = "required"
    default_message = _("This field is required.")
