"""Errors of the registry, each with a stable code."""

from django.utils.translation import gettext_lazy as _

from volcity.core.errors import Conflict, DomainError, PermissionDenied


class AlreadyVolunteer(Conflict):
    code = "already_volunteer"
    default_message = _("This person is already registered as a volunteer.")


class NotAllowed(PermissionDenied):
    code = "registry_forbidden"


class TeamNotActive(DomainError):
    code = "team_not_active"
    status = 409
    default_message = _("This team is not active: it takes no new members.")


class VolunteerNotActive(DomainError):
    code = "volunteer_not_active"
    status = 409
    default_message = _("The volunteer's registration is not active yet.")


class MembershipExists(Conflict):
    code = "membership_exists"
    default_message = _("The volunteer already belongs to this team or has a request open.")


class NotAPartyMember(DomainError):
    code = "not_a_party_member"
    default_message = _("Only Party members register with their home community this way.")


class SignupThrottled(DomainError):
    code = "registration_throttled"
    status = 429
    default_message = _("Too many registrations from this address. Try again in an hour.")
