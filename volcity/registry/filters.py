"""Reading the list filters from a query string: one parser for the list pages, the exports
and anything else that takes the same parameters.

Unknown or malformed values are dropped (a filter that cannot apply filters nothing), so a
shared or hand-edited link never errors.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from volcity.registry.choices import TeamLevel, TeamType
from volcity.registry.models import Team, Volunteer
from volcity.registry.queries import AGE_BANDS, TeamFilter, VolunteerFilter

MAX_TEXT = 60


def _text(params: Mapping[str, Any], name: str, limit: int = MAX_TEXT) -> str:
    value = params.get(name) or ""
    return str(value).strip()[:limit]


def _code(params: Mapping[str, Any], name: str) -> str:
    """A catalogue or region code: letters, digits and underscores only."""
    value = _text(params, name, 30)
    return value if value.replace("_", "").isalnum() and value.isascii() else ""


def _int(params: Mapping[str, Any], name: str, *, low: int, high: int) -> int | None:
    value = _text(params, name, 20)
    if not value.isdigit():
        return None
    number = int(value)
    return number if low <= number <= high else None


def _choice(params: Mapping[str, Any], name: str, allowed: Any) -> str:
    value = _text(params, name, 30)
    return value if value in allowed else ""


def parse_volunteer_filter(params: Mapping[str, Any]) -> VolunteerFilter:
    """``q``, ``skill``, ``category``, ``region``, ``team``, ``age_band``, ``status``,
    ``star_level`` from a QueryDict (or any mapping)."""
    region = _code(params, "region")
    return VolunteerFilter(
        q=_text(params, "q"),
        skill=_code(params, "skill"),
        category=_code(params, "category"),
        region=region if region.isdigit() and len(region) in (6, 9, 12) else "",
        team=_int(params, "team", low=1, high=2**62),
        age_band=_choice(params, "age_band", AGE_BANDS),
        status=_choice(params, "status", Volunteer.Status.values),
        star_level=_int(params, "star_level", low=0, high=5),
    )


def parse_team_filter(params: Mapping[str, Any]) -> TeamFilter:
    """``q``, ``type``, ``level``, ``region``, ``status``, ``category``."""
    region = _code(params, "region")
    return TeamFilter(
        q=_text(params, "q"),
        type=_choice(params, "type", TeamType.values),
        level=_choice(params, "level", TeamLevel.values),
        region=region if region.isdigit() and len(region) in (6, 9, 12) else "",
        status=_choice(params, "status", Team.Status.values),
        category=_code(params, "category"),
    )
