"""Asking for a role, and deciding on the request. Status changes go through lifecycle."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from volcity.accounts.errors import GrantNotAllowed
from volcity.accounts.models import RoleRequest, User
from volcity.accounts.permissions import can_grant_role
from volcity.accounts.roles import ADMIN_ROLES, ROLE_LEVEL, TEAM_ROLES, Role
from volcity.accounts.services.roles import role_grant
from volcity.audit.services import audit_record
from volcity.core.errors import Conflict, DomainError, PermissionDenied
from volcity.core.lifecycle import transition_apply
from volcity.regions.models import Region

# Roles a person may ask for themselves; administrator roles are given, not asked for.
REQUESTABLE = frozenset(Role.values) - ADMIN_ROLES - TEAM_ROLES


def role_request_create(*, user: User, role: str, region: Region, note: str = "") -> RoleRequest:
    if role not in REQUESTABLE:
        raise DomainError(
            _("This role cannot be asked for; an administrator grants it."),
            code="role_not_requestable",
            field="role",
        )
    level = ROLE_LEVEL[role]
    if level is not None and region.level != level:
        raise DomainError(
            _("This role is granted at another level of region."),
            code="grant_level_mismatch",
            field="region",
        )
    if user.grants.filter(role=role, region=region).exists():
        raise Conflict(_("You already hold this role here."), code="grant_exists", field="role")
    try:
        with transaction.atomic():
            request = RoleRequest.objects.create(
                user=user, role=role, region=region, note=note.strip()[:200]
            )
            audit_record(
                "accounts.rolerequest.created",
                obj=request,
                actor=user,
                changes={"role": role, "region": region.code},
            )
    except IntegrityError:
        raise Conflict(
            _("You have already asked for this role here."), code="request_pending", field="role"
        ) from None
    return request


def role_request_approve(*, actor: Any, request: RoleRequest) -> RoleRequest:
    if not can_grant_role(actor, request.role, request.region_id):
        raise GrantNotAllowed()
    with transaction.atomic():
        transition_apply(request, "approve", actor=actor)
        role_grant(actor=actor, user=request.user, role=request.role, region=request.region)
    return request


def role_request_decline(*, actor: Any, request: RoleRequest, reason: str) -> RoleRequest:
    if not can_grant_role(actor, request.role, request.region_id):
        raise GrantNotAllowed()
    return transition_apply(request, "decline", actor=actor, reason=reason)


def role_request_withdraw(*, user: User, request: RoleRequest) -> RoleRequest:
    if request.user_id != user.pk:
        raise PermissionDenied()
    return transition_apply(request, "withdraw", actor=user)
