"""The one scoping function: what part of the city a user may see, for which roles.

Every query a face runs for a signed-in user goes through ``visible_to``. A grant of a role
in a region covers that region and everything under it; a team role also covers its team.
Superusers (back-office operators) see everything.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet

from volcity.accounts.roles import ADMIN_ROLES, STAFF_ROLES
from volcity.regions.codes import is_within, prefix_of
from volcity.regions.queries import region_q

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Scope:
    """The regions (as code prefixes) and teams a user holds the asked-for roles in."""

    everything: bool = False
    prefixes: frozenset[str] = field(default_factory=frozenset)
    team_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def empty(self) -> bool:
        return not (self.everything or self.prefixes or self.team_ids)

    def covers_region(self, code: str | None) -> bool:
        if self.everything:
            return True
        if code is None:
            return False
        return any(is_within(code, p) for p in self.prefixes)

    def covers_team(self, team_id: int | None) -> bool:
        return self.everything or (team_id is not None and team_id in self.team_ids)

    def q(self, *, region_field: str | None = "region", team_field: str | None = None) -> Q:
        if self.everything:
            return Q()
        condition = Q(pk__in=[])
        if region_field is not None and self.prefixes:
            condition |= region_q(self.prefixes, field=region_field)
        if team_field is not None and self.team_ids:
            condition |= Q(**{f"{team_field}__in": sorted(self.team_ids)})
        return condition


def scope_for(user: Any, roles: Iterable[str] | None = None) -> Scope:
    """The scope of ``user`` over the grants of ``roles`` (default: every staff role).

    Cached on the user object for the request, keyed by the roles asked for.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return Scope()
    if user.is_superuser:
        return Scope(everything=True)
    wanted = frozenset(roles) if roles is not None else STAFF_ROLES
    cache: dict[frozenset[str], Scope] = user.__dict__.setdefault("_volcity_scopes", {})
    if wanted in cache:
        return cache[wanted]
    prefixes: set[str] = set()
    team_ids: set[int] = set()
    for role, region_id, level, team_id in user.grants.filter(role__in=wanted).values_list(
        "role", "region_id", "region__level", "team_id"
    ):
        if team_id is not None and role not in ADMIN_ROLES:
            team_ids.add(team_id)
        else:
            prefixes.add(prefix_of(region_id, level))
    scope = Scope(prefixes=frozenset(_outermost(prefixes)), team_ids=frozenset(team_ids))
    cache[wanted] = scope
    return scope


def _outermost(prefixes: set[str]) -> set[str]:
    """Drop prefixes already covered by a shorter one: fewer ranges in every query."""
    ordered = sorted(prefixes, key=len)
    kept: list[str] = []
    for p in ordered:
        if not any(p.startswith(k) for k in kept):
            kept.append(p)
    return set(kept)


def visible_to(
    user: Any,
    queryset: QuerySet[M],
    *,
    roles: Iterable[str] | None = None,
    region_field: str | None = "region",
    team_field: str | None = None,
) -> QuerySet[M]:
    """``queryset`` narrowed to what ``user`` may see through grants of ``roles``."""
    scope = scope_for(user, roles)
    if scope.everything:
        return queryset
    if scope.empty:
        return queryset.none()
    return queryset.filter(scope.q(region_field=region_field, team_field=team_field))


def clear_scope_cache(user: Any) -> None:
    user.__dict__.pop("_volcity_scopes", None)
