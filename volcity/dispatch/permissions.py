"""Who may do what in the order loop. Pure predicates over the scope.

* the centre (dispatchers and administrators whose scope covers the order's handling region)
  reviews, dispatches, pools, re-dispatches, cancels and follows up;
* a team leader of the assigned team, or the assigned volunteer, accepts, declines, turns the
  order into an activity and completes it; the leader of an eligible team takes from the pool;
* the resident who placed the order sees it, cancels it before it is accepted, and rates it;
* menus and the duty roster are kept by administrators (and dispatchers) of their region.
"""

from __future__ import annotations

from typing import Any

from volcity.accounts.roles import ADMIN_ROLES, Role
from volcity.accounts.scope import scope_for

CENTRE_ROLES = (Role.DISPATCHER, *ADMIN_ROLES)


def is_centre_of(user: Any, region_code: str | None) -> bool:
    return scope_for(user, CENTRE_ROLES).covers_region(region_code)


def is_centre_staff(user: Any) -> bool:
    return not scope_for(user, CENTRE_ROLES).empty


def can_handle_order(user: Any, order: Any) -> bool:
    """Review, dispatch, pool, re-dispatch, cancel and follow up: the handling centre."""
    return is_centre_of(user, order.handling_region_id)


def is_team_leader_of(user: Any, team_id: int | None) -> bool:
    return team_id is not None and _leads(user, team_id)


def _leads(user: Any, team_id: int) -> bool:
    if getattr(user, "is_superuser", False):
        return False
    return team_id in scope_for(user, [Role.TEAM_LEADER]).team_ids


def is_assignee(user: Any, order: Any) -> bool:
    """The leader of the assigned team, or the assigned volunteer."""
    if order.assigned_volunteer_id is not None:
        volunteer = order.assigned_volunteer
        if volunteer is not None and volunteer.user_id == getattr(user, "pk", None):
            return True
    return order.assigned_team_id is not None and _leads(user, order.assigned_team_id)


def is_resident_of_order(user: Any, order: Any) -> bool:
    return order.created_by_id is not None and order.created_by_id == getattr(user, "pk", None)


def can_see_order(user: Any, order: Any) -> bool:
    return (
        can_handle_order(user, order)
        or is_centre_of(user, order.region_id)
        or is_assignee(user, order)
        or is_resident_of_order(user, order)
    )


def can_see_contact(user: Any, order: Any) -> bool:
    """The phone in full: the centre, the resident, and the assignee once they have accepted."""
    if can_handle_order(user, order) or is_centre_of(user, order.region_id):
        return True
    if is_resident_of_order(user, order):
        return True
    return is_assignee(user, order) and order.status in ("accepted", "completed", "rated")


def led_team_ids(user: Any) -> set[int]:
    if getattr(user, "is_superuser", False):
        return set()
    return set(scope_for(user, [Role.TEAM_LEADER]).team_ids)


def can_keep_menu(user: Any, region_code: str) -> bool:
    return scope_for(user, ADMIN_ROLES).covers_region(region_code)


def can_keep_roster(user: Any, region_code: str) -> bool:
    return is_centre_of(user, region_code)
