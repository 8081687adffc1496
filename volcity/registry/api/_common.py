"""What the registry's endpoints share: who is calling, their own volunteer, the staff check,
the throttle on anonymous registration."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja.errors import AuthenticationError, HttpError
from ninja.utils import check_csrf

from volcity.accounts.roles import ADMIN_ROLES, Role
from volcity.accounts.scope import scope_for
from volcity.accounts.services import api_token_authenticate
from volcity.core.api_auth import api_user
from volcity.core.errors import DomainError, PermissionDenied
from volcity.registry.models import Volunteer
from volcity.registry.queries import volunteer_of


class NotAVolunteer(DomainError):
    code = "not_a_volunteer"
    status = 403
    default_message = _("Register as a volunteer first.")


def caller_or_none(request: HttpRequest) -> Any:
    """The signed-in caller of an endpoint declared with ``auth=None``, or None.

    The same rules as the API's authenticators: a bearer token must be valid (a bad one is
    refused, never taken as anonymous); a session needs the CSRF token on unsafe methods.
    """
    header = request.headers.get("Authorization", "")
    scheme, _sep, token = header.partition(" ")
    if header and scheme.lower() == "bearer":
        user = api_token_authenticate(token.strip())
        if user is None:
            raise AuthenticationError()
        request.user = user
        return user
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    if check_csrf(request) is not None:
        raise HttpError(403, "CSRF check Failed")
    return user


def own_volunteer(actor: Any) -> Volunteer:
    """The caller's own volunteer registration, or a refusal naming what to do first."""
    volunteer = volunteer_of(actor)
    if volunteer is None or volunteer.status == Volunteer.Status.DELETED:
        raise NotAVolunteer()
    return volunteer


def require_registry_staff(request: HttpRequest) -> Any:
    """Administrators and team leaders: those who find volunteers in lists."""
    actor = api_user(request)
    if scope_for(actor, [*ADMIN_ROLES, Role.TEAM_LEADER]).empty:
        raise PermissionDenied()
    return actor
