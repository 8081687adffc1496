"""Keyset pagination: stable pages over growing tables, no OFFSET scans.

A page is asked for with ``after`` (the last key the client saw) and ``limit``; the answer
carries ``next`` (the key to ask with for the next page, or null at the end).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db.models import Model, QuerySet, Subquery

M = TypeVar("M", bound=Model)
MAX_LIMIT = 200
DEFAULT_LIMIT = 50


@dataclass(frozen=True)
class Page(Generic[M]):
    items: list[M]
    next: str | None


def keyset_page(
    queryset: QuerySet[M],
    *,
    key: str = "pk",
    after: str | None = None,
    limit: int = DEFAULT_LIMIT,
    descending: bool = False,
) -> Page[M]:
    """One page of ``queryset`` ordered by the unique ``key`` field."""
    limit = max(1, min(int(limit), MAX_LIMIT))
    order = f"-{key}" if descending else key
    qs = queryset.order_by(order)
    if after not in (None, ""):
        qs = qs.filter(**{f"{key}__{'lt' if descending else 'gt'}": after})
    # Two steps in one statement: the keys of the page first (the filter and the order alone,
    # which an index serves), then the rows with their joins for just those keys. Without it
    # SQLite joins and sorts every row in scope before taking the first page.
    keys = qs.values(key)[: limit + 1]
    rows = list(queryset.filter(**{f"{key}__in": Subquery(keys)}).order_by(order))
    more = len(rows) > limit
    rows = rows[:limit]
    last: Any = getattr(rows[-1], "pk" if key == "pk" else key) if rows and more else None
    return Page(items=rows, next=str(last) if last is not None else None)
