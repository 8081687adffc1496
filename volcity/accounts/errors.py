"""Errors of accounts and roles, each with a stable code."""

from django.utils.translation import gettext_lazy as _

from volcity.core.errors import Conflict, DomainError, PermissionDenied


class LoginFailed(DomainError):
    code = "login_failed"
    status = 401
    default_message = _("The account or password is wrong.")


class LoginThrottled(DomainError):
    code = "login_throttled"
    status = 429
    default_message = _("Too many failed attempts. Wait a few minutes and try again.")


class LoginCodeInvalid(DomainError):
    code = "login_code_invalid"
    status = 401
    default_message = _("The code is wrong or has expired. Ask for a new one.")


class LoginCodeTooSoon(DomainError):
    code = "login_code_too_soon"
    status = 429
    default_message = _("A code was sent a moment ago. Wait a minute before asking again.")


class DuplicateIdNumber(Conflict):
    code = "id_number_taken"
    default_message = _("This ID number is already registered to another account.")


class DuplicatePhone(Conflict):
    code = "phone_taken"
    default_message = _("This mobile number is already used by another account.")


class DuplicateUsername(Conflict):
    code = "username_taken"
    default_message = _("This username is already taken.")


class GrantNotAllowed(PermissionDenied):
    code = "grant_not_allowed"
    default_message = _("You may not grant this role in this region.")


class GrantLevelMismatch(DomainError):
    code = "grant_level_mismatch"
    default_message = _("This role is granted at another level of region.")


class TeamRequired(DomainError):
    code = "team_required"
    default_message = _("A team leader role needs a team.")


class RevealNotAllowed(PermissionDenied):
    code = "reveal_not_allowed"
    default_message = _("You may not see this person's personal data in full.")
