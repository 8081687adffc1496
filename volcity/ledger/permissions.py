"""Who may read a ledger account: administrators of its region (and above); superusers."""

from __future__ import annotations

from typing import Any

from volcity.accounts.roles import ADMIN_ROLES
from volcity.accounts.scope import scope_for
from volcity.ledger.models import Account


def can_read_ledger(user: Any) -> bool:
    return not scope_for(user, ADMIN_ROLES).empty


def can_read_account(user: Any, account: Account) -> bool:
    """An account without a region (a city-wide pool) is for superusers only."""
    return scope_for(user, ADMIN_ROLES).covers_region(account.region_id)
