"""Who may do what in a village's virtue bank. Pure predicates over the scope.

* administrators covering the village configure the bank and its catalogue;
* the village's clerk runs the counter: households, residents, deeds, postings;
* the village's committee (the review group) reviews deeds;
* clerk, committee and administrators resolve objections and see the village's records;
* residents see their own household; anyone signed in as a villager may object.
"""

from __future__ import annotations

from typing import Any

from volcity.accounts.roles import ADMIN_ROLES, Role
from volcity.accounts.scope import scope_for

CLERK_ROLES = (Role.VIRTUE_CLERK, *ADMIN_ROLES)
STAFF_ROLES = (Role.VIRTUE_CLERK, Role.VIRTUE_COMMITTEE, *ADMIN_ROLES)


def can_configure_bank(user: Any, region_code: str) -> bool:
    return scope_for(user, ADMIN_ROLES).covers_region(region_code)


def can_run_counter(user: Any, region_code: str) -> bool:
    """Register households and residents, record deeds, post points."""
    return scope_for(user, CLERK_ROLES).covers_region(region_code)


def is_clerk_of(user: Any, region_code: str) -> bool:
    return scope_for(user, [Role.VIRTUE_CLERK]).covers_region(region_code)


def is_reviewer_of(user: Any, region_code: str) -> bool:
    return scope_for(user, [Role.VIRTUE_COMMITTEE]).covers_region(region_code)


def is_volunteer_of(user: Any, region_code: str) -> bool:
    return scope_for(user, [Role.VOLUNTEER]).covers_region(region_code)


def can_see_bank(user: Any, region_code: str) -> bool:
    return scope_for(user, STAFF_ROLES).covers_region(region_code)


def can_resolve_objection(user: Any, region_code: str) -> bool:
    return can_see_bank(user, region_code)


def is_virtue_staff(user: Any) -> bool:
    return not scope_for(user, STAFF_ROLES).empty
