"""Checking the rows of a team roster: the rules of ``services.teams.team_clean`` with the
lists read once per file instead of once per row.

A parent team is named, not numbered: it must be one active team whose region contains the
new team's region. Teams named in the same file cannot be each other's parents (they are
created waiting for approval, and a parent must be active).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext_lazy as _

from volcity.accounts.roles import ADMIN_ROLES
from volcity.accounts.scope import scope_for
from volcity.regions.codes import prefix_of
from volcity.regions.models import Region
from volcity.registry.choices import TEAM_LEVEL_REGION, TeamLevel, TeamType
from volcity.registry.imports.codes import Codes, Place, by_name, name_key, places_under
from volcity.registry.imports.columns import TEAM_COLUMNS
from volcity.registry.imports.reading import DataRow, RowResult, add_reason
from volcity.registry.models import Team

TEAM_TWICE = _("The same team name and region are also on row %(row)d.")
TEAM_TAKEN = _("A team with this name already exists in this region.")
OUTSIDE = _("This region is outside the region of this import (%(region)s).")
AMBIGUOUS_REGION = _("Several regions have this name: give its code (see the Codes sheet).")
NO_REGION = _("Choose a region of the city.")
WRONG_LEVEL = _("A team of this level belongs to a region of the same level.")
NO_PARENT = _("No such parent team.")
PARENT_ELSEWHERE = _("The parent team's region must contain this team's region.")
PARENT_AMBIGUOUS = _("Several active teams above this region have this name.")


class TeamChecker:
    columns = TEAM_COLUMNS

    def __init__(self, *, owner: Any, region: Region) -> None:
        self.codes = Codes.load()
        self.scope = scope_for(owner, ADMIN_ROLES)
        self.region = region
        self.prefix = prefix_of(region.code, region.level)
        city = places_under([prefix_of(region.code, 1)], levels=[1, 2, 3])
        self.places: dict[str, Place] = {p.code: p for p in city}
        self.names_here = by_name(p for p in city if p.code.startswith(self.prefix))
        self.names_city = by_name(city)
        # Possible parents: active teams, by name → [(id, region path)].
        self.parents: dict[str, list[tuple[int, str]]] = {}
        for pk, name, path in Team.objects.filter(status=Team.Status.ACTIVE).values_list(
            "pk", "name", "region__path"
        ):
            self.parents.setdefault(name_key(name), []).append((pk, path))
        self.seen: dict[tuple[str, str], int] = {}

    def _region(self, text: str) -> tuple[Place | None, Any]:
        if not text:
            return None, NO_REGION
        if text.isdigit():
            place = self.places.get(text)
            return (place, None) if place is not None else (None, NO_REGION)
        key = name_key(text)
        for names in (self.names_here, self.names_city):
            codes = names.get(key)
            if codes:
                if len(codes) > 1:
                    return None, AMBIGUOUS_REGION
                return self.places[codes[0]], None
        return None, NO_REGION

    def _parent(self, text: str, place: Place | None) -> tuple[int | None, Any]:
        if not text:
            return None, None
        candidates = self.parents.get(name_key(text), [])
        if not candidates:
            return None, NO_PARENT
        if place is None:
            return None, None  # the region's own error is enough
        above = [pk for pk, path in candidates if place.code.startswith(path)]
        if not above:
            return None, PARENT_ELSEWHERE
        if len(above) > 1:
            return None, PARENT_AMBIGUOUS
        return above[0], None

    def _first(self, row: DataRow) -> tuple[RowResult, dict[str, Any]]:
        f = row.fields
        reasons: dict[str, list[Any]] = {k: list(v) for k, v in row.cell_errors.items()}
        name = " ".join(f.get("name", "").split())
        if not name:
            add_reason(reasons, "name", _("Enter the team's name."))
        elif len(name) > 80:
            add_reason(reasons, "name", _("The name is too long: at most 80 characters."))
        team_type = self.codes.team_types.resolve(f.get("type", ""))
        if team_type not in TeamType.values:
            add_reason(reasons, "type", _("Choose a team type from the list."))
        level = self.codes.team_levels.resolve(f.get("level", ""))
        if level not in TeamLevel.values:
            add_reason(reasons, "level", _("Choose a level from the list."))
        place, problem = self._region(f.get("region", ""))
        if problem is not None and "region" not in reasons:
            add_reason(reasons, "region", problem)
        if place is not None:
            if not (place.code.startswith(self.prefix) and self.scope.covers_region(place.code)):
                add_reason(reasons, "region", OUTSIDE % {"region": self.region.name})
            elif level in TeamLevel.values and place.level != TEAM_LEVEL_REGION[TeamLevel(level)]:
                add_reason(reasons, "region", WRONG_LEVEL)
        parent, problem = self._parent(f.get("parent", ""), place)
        if problem is not None:
            add_reason(reasons, "parent", problem)
        categories = self.codes.categories.resolve_all(f.get("categories", ""))
        known = {e.code for e in self.codes.categories.entries}
        unknown = [c for c in categories if c not in known]
        if unknown:
            add_reason(
                reasons,
                "categories",
                _("Unknown service category: %(codes)s.") % {"codes": ", ".join(unknown)},
            )
        if place is not None and name:
            first = self.seen.setdefault((place.code, name), row.number)
            if first != row.number:
                add_reason(reasons, "name", TEAM_TWICE % {"row": first})
        staged = {
            "row": row.number,
            "name": name,
            "type": team_type,
            "level": level,
            "region": place.code if place is not None else "",
            "parent": parent,
            "categories": sorted(set(categories)),
            "description": f.get("description", "").strip(),
            "contact_phone": f.get("contact_phone", "").strip()[:20],
        }
        return RowResult(row=row, reasons=reasons), staged

    def check_chunk(self, rows: Sequence[DataRow]) -> list[RowResult]:
        firsts = [self._first(row) for row in rows]
        names = {s["name"] for _r, s in firsts if s["name"]}
        taken = set(Team.objects.filter(name__in=names).values_list("region_id", "name"))
        results = []
        for result, staged in firsts:
            if (staged["region"], staged["name"]) in taken:
                add_reason(result.reasons, "name", TEAM_TAKEN)
            if result.ok:
                result.staged = staged
            results.append(result)
        return results
