"""Volunteer list and search pages at seed scale: p95 and p50 against the raw limit.

Ours, for each figure: what the staff volunteer list builds for one request: a fresh scope
lookup (as on a new request), ``keyset_page(volunteer_list_for(actor, filter), limit=50)``
with the model instances built, and each row as the page shows it (number, name, masked
mobile, residence name, status label, stars: the related user and region included).

1. the first page for ``town_admin`` (their town) and 2. for ``city_admin`` (the city);
3. ``city_admin`` filtering by a town and a skill;
4. ``city_admin`` searching a whole mobile number (exact) and 5. a name (prefix), the name
   being the whole name of a volunteer in the middle of the table, as staff type it.

Raw limit, measured in the same run, interleaved: a plain cursor reading 50 volunteers by
primary-key range joined to their users and regions, the same columns the page's query
selects. ``extra`` adds the page's own SQL through a plain cursor (the plan without the ORM),
the rows matching, the query plan, and p95 against the issue's target (100 ms at seed scale).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Model, QuerySet

from bench.harness import Figure, latency_figure, percentile, timed
from volcity.accounts.models import User
from volcity.accounts.scope import clear_scope_cache
from volcity.core.pagination import keyset_page
from volcity.core.privacy import mask_phone
from volcity.regions.models import Region
from volcity.registry.models import Volunteer
from volcity.registry.queries import VolunteerFilter, volunteer_list_for

QUERY_RUNS = 200
WARMUP_RUNS = 10
PAGE = 50
TARGET_P95_MS = 100.0
SKILL = "first_aid"


@dataclass(frozen=True)
class Case:
    name: str
    actor: str  # a demo login
    filter: VolunteerFilter


def cases() -> list[Case]:
    town = (
        Region.objects.filter(level=Region.Level.TOWN)
        .order_by("code")
        .values_list("code", flat=True)[0]
    )
    ids = Volunteer.objects.order_by("pk").values_list("pk", flat=True)
    middle = Volunteer.objects.select_related("user").get(pk=ids[ids.count() // 2])
    return [
        Case("first page, town_admin", "town_admin", VolunteerFilter()),
        Case("first page, city_admin", "city_admin", VolunteerFilter()),
        Case("town + skill, city_admin", "city_admin", VolunteerFilter(region=town, skill=SKILL)),
        Case(
            "mobile (exact), city_admin", "city_admin", VolunteerFilter(q=middle.user.phone or "")
        ),
        Case(
            "name (prefix), city_admin", "city_admin", VolunteerFilter(q=middle.user.display_name)
        ),
    ]


def page_rows(actor: User, flt: VolunteerFilter) -> list[tuple[Any, ...]]:
    clear_scope_cache(actor)  # a new request: the scope is looked up again
    page = keyset_page(volunteer_list_for(actor, flt), limit=PAGE)
    return [
        (
            v.pk,
            v.number,
            v.user.display_name,
            mask_phone(v.user.phone) if v.user.phone else "—",
            v.region.name,
            v.get_status_display(),
            v.star_level,
        )
        for v in page.items
    ]


def _qualified(model: type[Model], alias: str) -> list[str]:
    quote = connection.ops.quote_name
    return [f"{alias}.{quote(f.column)}" for f in model._meta.concrete_fields]


def raw_range_reader() -> Callable[[], int]:
    """50 volunteers by primary-key range, joined to users and regions, same columns."""
    quote = connection.ops.quote_name
    columns = ", ".join(
        _qualified(Volunteer, "v") + _qualified(User, "u") + _qualified(Region, "r")
    )
    sql = (
        f"SELECT {columns} FROM {quote(Volunteer._meta.db_table)} v"
        f" JOIN {quote(User._meta.db_table)} u ON u.id = v.user_id"
        f" JOIN {quote(Region._meta.db_table)} r ON r.code = v.region_id"
        " WHERE v.id >= %s AND v.id < %s ORDER BY v.id"
    )
    first = Volunteer.objects.order_by("pk").values_list("pk", flat=True).first() or 0

    def read() -> int:
        with connection.cursor() as cursor:
            cursor.execute(sql, [first, first + PAGE])
            return len(cursor.fetchall())

    return read


def sql_reader(qs: QuerySet[Volunteer]) -> Callable[[], int]:
    sql, params = qs.query.sql_with_params()

    def read() -> int:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return len(cursor.fetchall())

    return read


def query_plan(qs: QuerySet[Volunteer]) -> list[str]:
    if connection.vendor == "postgresql":
        text = qs.explain(analyze=True, buffers=True)
    else:
        text = qs.explain()
    return [line.rstrip() for line in text.splitlines() if line.strip()]


def bench_case(case: Case, scale: float, raw: Callable[[], int]) -> Figure:
    actor = User.objects.get(username=case.actor)
    page_qs = volunteer_list_for(actor, case.filter).order_by("pk")[: PAGE + 1]
    own_sql = sql_reader(page_qs)
    rows = len(page_rows(actor, case.filter))
    if raw() != PAGE or rows == 0:
        raise RuntimeError(f"{case.name}: the page or the raw range read came back short")
    for _ in range(WARMUP_RUNS):
        page_rows(actor, case.filter), raw(), own_sql()
    ours_s: list[float] = []
    raw_s: list[float] = []
    sql_s: list[float] = []
    for _ in range(QUERY_RUNS):  # interleaved, so a busy moment hits all three alike
        ours_s.append(timed(lambda: page_rows(actor, case.filter)))
        raw_s.append(timed(raw))
        sql_s.append(timed(own_sql))
    ours_p95 = percentile(ours_s, 95) * 1000
    return latency_figure(
        f"registry search: {case.name} (50, keyset) vs pk-range read",
        ours=ours_s,
        raw=raw_s,
        rows=rows,
        scale=scale,
        p95_ratio=round(percentile(raw_s, 95) * 1000 / ours_p95, 4),
        target_p95_ms=TARGET_P95_MS,
        meets_target=ours_p95 < TARGET_P95_MS,
        page_sql_via_cursor_p50_ms=round(percentile(sql_s, 50) * 1000, 3),
        page_sql_via_cursor_p95_ms=round(percentile(sql_s, 95) * 1000, 3),
        matching=volunteer_list_for(actor, case.filter).count(),
        volunteers_in_table=Volunteer.objects.count(),
        query_plan=query_plan(page_qs),
    )


def run(scale: float) -> tuple[list[Figure], dict[str, Any]]:
    raw = raw_range_reader()
    return [bench_case(case, scale, raw) for case in cases()], {}
