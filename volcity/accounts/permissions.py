"""Pure predicates about accounts and roles."""

from __future__ import annotations

from typing import Any

from volcity.accounts.roles import ADMIN_ROLES, GRANTABLE_BY, Role
from volcity.accounts.scope import scope_for


def is_admin(user: Any) -> bool:
    return not scope_for(user, ADMIN_ROLES).empty


def is_staff_member(user: Any) -> bool:
    return not scope_for(user).empty


def can_grant_role(user: Any, role: str, region_code: str) -> bool:
    """An administrator grants roles their level allows, within their own regions."""
    if getattr(user, "is_superuser", False):
        return True
    for admin_role in (Role.CITY_ADMIN, Role.TOWN_ADMIN, Role.VILLAGE_ADMIN):
        if role in GRANTABLE_BY[admin_role] and scope_for(user, [admin_role]).covers_region(
            region_code
        ):
            return True
    return False


def can_manage_user(user: Any, target: Any) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    if target.is_superuser:
        return False
    return scope_for(user, ADMIN_ROLES).covers_region(target.home_region_id)


def can_reveal_personal_data(user: Any, target: Any) -> bool:
    """Needs the explicit permission and an administrator grant covering the person."""
    if getattr(user, "is_superuser", False):
        return True
    return bool(
        user.is_authenticated
        and user.has_perm("accounts.reveal_personal_data")
        and can_manage_user(user, target)
    )


def can_read_audit(user: Any) -> bool:
    return is_admin(user)
