"""The codes a roster cell may hold, and their names: a cell may give a code (``first_aid``)
or its name in Chinese or English (急救, First aid). Read once per file."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Model, TextChoices
from django.utils import translation

from volcity.regions.models import Region
from volcity.regions.queries import region_q
from volcity.registry.choices import AvailableTime, PoliticalStatus, TeamLevel, TeamType
from volcity.registry.models import ServiceCategory, Skill

LANGUAGES = ("zh-hans", "en")
# Cells listing several values: 、 , ， ; ； / | or line breaks between them.
_SEPARATORS = re.compile(r"[、,，;；/|\n]+")


def split_list(text: str) -> list[str]:
    return [part.strip() for part in _SEPARATORS.split(text) if part.strip()]


def _key(text: str) -> str:
    return "".join(text.split()).lower()


@dataclass(frozen=True)
class Entry:
    code: str
    zh: str
    en: str


class CodeList:
    """One list of codes with their names; ``resolve`` maps a code or a name to the code."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries = tuple(entries)
        self._names: dict[str, str] = {}
        for e in self.entries:
            for alias in (e.code, e.zh, e.en):
                self._names.setdefault(_key(alias), e.code)

    def resolve(self, text: str) -> str:
        """The code for ``text``; unknown text comes back as given, for the validator to name."""
        return self._names.get(_key(text), text.strip())

    def resolve_all(self, text: str) -> list[str]:
        return [self.resolve(part) for part in split_list(text)]


def _catalogue(model: type[Model]) -> CodeList:
    rows = model._default_manager.order_by("sort", "code").values_list("code", "name", "name_en")
    return CodeList(Entry(code, zh, en) for code, zh, en in rows)


def _choices(choices: type[TextChoices]) -> CodeList:
    labels: dict[str, dict[str, str]] = {}
    for language in LANGUAGES:
        with translation.override(language):
            labels[language] = {value: str(label) for value, label in choices.choices}
    return CodeList(Entry(v, labels["zh-hans"][v], labels["en"][v]) for v in choices.values)


@dataclass(frozen=True)
class Codes:
    skills: CodeList
    categories: CodeList
    times: CodeList
    political: CodeList
    team_types: CodeList
    team_levels: CodeList

    @classmethod
    def load(cls) -> Codes:
        return cls(
            skills=_catalogue(Skill),
            categories=_catalogue(ServiceCategory),
            times=_choices(AvailableTime),
            political=_choices(PoliticalStatus),
            team_types=_choices(TeamType),
            team_levels=_choices(TeamLevel),
        )


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    level: int
    path: str
    parent_name: str


def places_under(prefixes: Iterable[str], *, levels: Iterable[int]) -> list[Place]:
    """Regions of these levels under any of the prefixes (a scope's or a region's), by code."""
    wanted = set(prefixes)
    if not wanted:
        return []
    rows = (
        Region.objects.filter(region_q(wanted, field="code"), level__in=list(levels))
        .order_by("code")
        .values_list("code", "name", "level", "path", "parent__name")
    )
    return [Place(c, n, lv, p, pn or "") for c, n, lv, p, pn in rows]


def by_name(places: Iterable[Place]) -> dict[str, list[str]]:
    """Name → codes (a name may be used in two towns)."""
    found: dict[str, list[str]] = {}
    for place in places:
        found.setdefault(_key(place.name), []).append(place.code)
    return found


def name_key(text: str) -> str:
    return _key(text)
