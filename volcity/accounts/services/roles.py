"""Granting and revoking roles."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from volcity.accounts.errors import GrantLevelMismatch, GrantNotAllowed, TeamRequired
from volcity.accounts.models import RoleGrant, User
from volcity.accounts.permissions import can_grant_role
from volcity.accounts.roles import ROLE_LEVEL, TEAM_ROLES, Role
from volcity.accounts.scope import clear_scope_cache
from volcity.audit.services import audit_record
from volcity.core.errors import Conflict, DomainError
from volcity.regions.models import Region


def _same_grants(
    user: User, role: str, region: Region | None, team_id: int | None
) -> QuerySet[RoleGrant]:
    """The grants that count as "this role here": by team for team roles, else by region."""
    grants = RoleGrant.objects.filter(user=user, role=role)
    if team_id is not None:
        return grants.filter(team_id=team_id)
    return grants.filter(region=region, team_id__isnull=True)


def role_grant(
    *, actor: Any, user: User, role: str, region: Region, team_id: int | None = None
) -> RoleGrant:
    if role not in Role.values:
        raise DomainError(_("Choose a role from the list."), code="invalid", field="role")
    level = ROLE_LEVEL[role]
    if level is not None and region.level != level:
        raise GrantLevelMismatch(field="region")
    if role in TEAM_ROLES and team_id is None:
        raise TeamRequired(field="team")
    if not can_grant_role(actor, role, region.code):
        raise GrantNotAllowed(field="role")
    with transaction.atomic():
        if _same_grants(user, role, region, team_id).exists():
            raise Conflict(
                _("This person already holds this role here."), code="grant_exists", field="role"
            )
        grant = RoleGrant.objects.create(
            user=user,
            role=role,
            region=region,
            team_id=team_id,
            granted_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit_record(
            "accounts.role.granted",
            obj=user,
            region_id=region.code,
            actor=actor,
            changes={"role": role, "region": region.code, "team": team_id},
        )
    clear_scope_cache(user)
    return grant


def role_revoke(*, actor: Any, grant: RoleGrant) -> None:
    if not can_grant_role(actor, grant.role, grant.region_id):
        raise GrantNotAllowed(field="role")
    with transaction.atomic():
        audit_record(
            "accounts.role.revoked",
            obj=grant.user,
            region_id=grant.region_id,
            actor=actor,
            changes={"role": grant.role, "region": grant.region_id, "team": grant.team_id},
        )
        grant.delete()
    clear_scope_cache(grant.user)


def role_assign(
    *, user: User, role: str, region: Region, team_id: int | None = None, because: str
) -> RoleGrant:
    """A grant that follows from a rule another service already checked (registering as a
    volunteer gives the volunteer role; being made a team's leader gives the team-leader role).
    Idempotent: an existing grant is returned as it is."""
    with transaction.atomic():
        found = _same_grants(user, role, region, team_id).first()
        if found is not None:
            return found
        grant = RoleGrant.objects.create(user=user, role=role, region=region, team_id=team_id)
        audit_record(
            "accounts.role.assigned",
            obj=user,
            region_id=region.code,
            changes={"role": role, "region": region.code, "team": team_id, "because": because},
        )
    clear_scope_cache(user)
    return grant


def role_unassign(
    *, user: User, role: str, team_id: int | None = None, region: Region | None = None, because: str
) -> None:
    """Remove a rule-given grant (a leader who steps down loses the team-leader role)."""
    with transaction.atomic():
        for grant in _same_grants(user, role, region, team_id):
            audit_record(
                "accounts.role.unassigned",
                obj=user,
                region_id=grant.region_id,
                changes={"role": role, "team": team_id, "because": because},
            )
            grant.delete()
    clear_scope_cache(user)
