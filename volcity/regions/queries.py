"""Reads of the region tree."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db.models import Q, QuerySet

from volcity.core.errors import NotFound
from volcity.regions.codes import descendant_range, prefix_for_code
from volcity.regions.models import Region


def region_q(prefixes: Iterable[str], *, field: str = "region") -> Q:
    """A filter for rows whose region code lies under any of these prefixes.

    ``field`` names the foreign key to Region (its ``_id`` column holds the code) or, when it
    ends in ``_code``, a plain code column. An empty ``prefixes`` matches nothing.
    """
    column = field if field.endswith(("_id", "_code", "code")) else f"{field}_id"
    wanted = set(prefixes)
    if settings.VOLCITY_CITY_CODE in wanted:
        # The whole city is every row that has a region: a cheaper filter than a range, so a
        # page ordered by key can walk the key index instead of sorting the whole city.
        return Q(**{f"{column}__isnull": False})
    condition = Q(pk__in=[])
    for prefix in sorted(wanted):
        low, high = descendant_range(prefix)
        # gte/lte rather than __range: foreign keys accept only comparison lookups.
        condition |= Q(**{f"{column}__gte": low, f"{column}__lte": high})
    return condition


def region_code_q(code: str, *, field: str = "region") -> Q:
    """Rows at or under the region with this code (any level), as a filter typed by a person."""
    return region_q([prefix_for_code(code)], field=field)


def region_children(region: Region | None) -> QuerySet[Region]:
    if region is None:
        return Region.objects.filter(level=Region.Level.CITY)
    return Region.objects.filter(parent=region).order_by("code")


def region_get(code: str) -> Region:
    try:
        return Region.objects.get(pk=code)
    except Region.DoesNotExist:
        raise NotFound(field="region") from None


def region_city() -> Region | None:
    return Region.objects.filter(level=Region.Level.CITY).order_by("code").first()


def region_ancestors(region: Region) -> list[Region]:
    """The chain from the city down to this region, in one query."""
    codes = [region.path[:n].ljust(12, "0") for n in (6, 9, 12) if n <= len(region.path)]
    found = {r.code: r for r in Region.objects.filter(code__in=codes)}
    return [found[c] for c in codes if c in found]
