"""Choices offered on the menu and roster forms, each bounded and scoped to the person asking:
the centres they keep, the dispatchers they may put on duty, the teams they may name.

Teams are picked by name from a search list; the value sent back is ``"<name> #<id>"``, read
by :func:`team_id_of` (a bare id is accepted too)."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Q

from volcity.accounts.models import User
from volcity.accounts.roles import Role
from volcity.accounts.scope import scope_for
from volcity.dispatch.permissions import CENTRE_ROLES
from volcity.regions.models import Region
from volcity.registry.models import Team

MAX_TEAMS = 20
MAX_PEOPLE = 200
_TEAM_REF = re.compile(r"(?:^|#)\s*(\d{1,12})\s*$")


def team_id_of(text: Any) -> int | None:
    """``"青州义工 #12"`` or ``"12"`` → 12; anything else → None."""
    found = _TEAM_REF.search(str(text or "").strip())
    return int(found.group(1)) if found else None


def centre_regions(user: Any, roles: Any = CENTRE_ROLES) -> list[Region]:
    """The city and towns whose centre ``user`` works for through ``roles`` (by default as a
    dispatcher or administrator; the menu page asks for administrators only)."""
    scope = scope_for(user, roles)
    if scope.empty:
        return []
    regions = Region.objects.filter(level__in=[1, 2]).order_by("code")[:200]
    return [r for r in regions if scope.covers_region(r.code)]


def dispatchers_for(user: Any) -> list[User]:
    """Active dispatchers whose grant lies in ``user``'s centre scope, by name."""
    scope = scope_for(user, CENTRE_ROLES)
    if scope.empty:
        return []
    grants = Q(grants__role=Role.DISPATCHER) & scope.q(region_field="grants__region")
    return list(
        User.objects.filter(grants, is_active=True)
        .distinct()
        .order_by("display_name", "username")[:MAX_PEOPLE]
    )


def teams_matching(user: Any, text: str, *, roles: Any = CENTRE_ROLES) -> list[Team]:
    """Active teams in ``user``'s scope (through ``roles``) whose name holds ``text``, or whose
    id it is."""
    scope = scope_for(user, roles)
    text = (text or "").strip()
    if scope.empty or not text:
        return []
    wanted = Q(name__icontains=text)
    ref = team_id_of(text)
    if ref is not None:
        wanted |= Q(pk=ref)
    return list(
        Team.objects.filter(wanted, scope.q(region_field="region"), status=Team.Status.ACTIVE)
        .select_related("region")
        .order_by("name", "id")[:MAX_TEAMS]
    )
