"""Making registry data in tests through the services, as users would."""

from __future__ import annotations

import itertools
from typing import Any

from volcity.core.privacy import id_check_character
from volcity.registry.services import TeamIn, team_approve, team_register, volunteer_register
from volcity.registry.validation import VolunteerIn

_serial = itertools.count(100)


def id_number(birth: str = "19900307", *, sex: str = "M") -> str:
    """A valid Qingzhou ID number, new on every call (the sequence digit carries the sex)."""
    n = next(_serial)
    seq = f"{n % 100:02d}{1 if sex == 'M' else 2}"
    body = f"370781{birth}{seq}"
    return body + id_check_character(body)


_phones = itertools.count(1)


def phone() -> str:
    return f"1360000{next(_phones):04d}"


def volunteer_data(region: str, **overrides: Any) -> VolunteerIn:
    values: dict[str, Any] = {
        "name": "志愿者",
        "id_number": id_number(),
        "region": region,
        "phone": phone(),
        "skills": ["first_aid"],
        "categories": ["elderly"],
        "available_times": ["weekend_morning"],
    }
    values.update(overrides)
    return VolunteerIn(**values)


def register(region: str, **overrides: Any) -> Any:
    return volunteer_register(
        data=volunteer_data(region, **overrides), password="Volcity-test-2026"
    )


def active_team(
    actor: Any,
    region: str,
    name: str = "王府街道文明实践志愿服务队",
    level: str = "town",
    type: str = "civilized_practice",
    **kw: Any,
) -> Any:
    team = team_register(
        actor=actor, data=TeamIn(name=name, type=type, level=level, region=region, **kw)
    )
    return team_approve(actor=actor, team=team)
