"""Who may do what in the time bank. Pure predicates over the scope.

* a volunteer sees their own credits, registers family members and confirms spends;
* the service centre's staff of the volunteer's region record spends: the administrators of
  the region (village, town, city), the station keepers of the Lei Feng stations there and
  the dispatchers of the order loop (who send the help-at-home and escort services);
* administrators see the overview of their regions.
"""

from __future__ import annotations

from typing import Any

from volcity.accounts.roles import ADMIN_ROLES, Role
from volcity.accounts.scope import scope_for

STAFF_ROLES = (*ADMIN_ROLES, Role.STATION_KEEPER, Role.DISPATCHER)


def can_record_spend(user: Any, region_code: str) -> bool:
    return scope_for(user, STAFF_ROLES).covers_region(region_code)


def is_timebank_staff(user: Any) -> bool:
    return not scope_for(user, STAFF_ROLES).empty


def can_see_overview(user: Any) -> bool:
    return not scope_for(user, ADMIN_ROLES).empty
