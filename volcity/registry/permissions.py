"""Who may do what in the registry. Pure predicates over the scope."""

from __future__ import annotations

from typing import Any

from volcity.accounts.roles import ADMIN_ROLES, Role
from volcity.accounts.scope import scope_for


def can_manage_volunteers_in(user: Any, region_code: str) -> bool:
    """Administrators register, correct and suspend volunteers of their regions."""
    return scope_for(user, ADMIN_ROLES).covers_region(region_code)


def can_view_volunteer(user: Any, volunteer: Any) -> bool:
    if getattr(user, "pk", None) == volunteer.user_id:
        return True
    if can_manage_volunteers_in(user, volunteer.region_id):
        return True
    team_ids = scope_for(user, [Role.TEAM_LEADER]).team_ids
    return (
        bool(team_ids)
        and volunteer.memberships.filter(
            team_id__in=team_ids, status__in=["applied", "invited", "active"]
        ).exists()
    )


def can_lead_team(user: Any, team: Any) -> bool:
    """A team's leaders, and administrators of its region, run its membership."""
    return scope_for(user, [Role.TEAM_LEADER]).covers_team(team.pk) or scope_for(
        user, ADMIN_ROLES
    ).covers_region(team.region_id)


def can_decide_team(user: Any, team: Any) -> bool:
    """Registration, suspension and dissolution: administrators of the team's region, or the
    leaders of its parent team."""
    if scope_for(user, ADMIN_ROLES).covers_region(team.region_id):
        return True
    return team.parent_id is not None and scope_for(user, [Role.TEAM_LEADER]).covers_team(
        team.parent_id
    )


def can_register_team_in(user: Any, region_code: str) -> bool:
    """Administrators register teams in their regions; team leaders register sub-teams."""
    return scope_for(user, ADMIN_ROLES).covers_region(region_code) or bool(
        scope_for(user, [Role.TEAM_LEADER]).team_ids
    )
