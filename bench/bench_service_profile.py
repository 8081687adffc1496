"""A volunteer reading their service profile at seed scale: p95 against the raw limit.

Ours, for one request: the volunteer's hour totals, star level and progress to the next star
(``volcity.activities.queries_records.my_hours``) and the first page (20) of their records,
newest first (``my_records``), each row built as the page shows it (date, title, place, hours,
status). Two volunteers: one with the median number of records, and the busiest one (the
records are spread unevenly by the seed, so the busiest holds hundreds at seed scale).

Raw limit, in the same run, interleaved: a bare primary-key read of one ``HourTotal`` row
through a plain cursor. ``extra`` holds p95 against the target (20 ms at 3,000,000 records),
the records in the table and of the volunteer, and the query plan of the records page.

The records come from ``seed_demo``'s ``activities`` step (3,000,000 × scale over ten years):
``python -m bench --scale 1`` builds the full table.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.db.models import Count

from bench.harness import Figure, latency_figure, percentile, timed
from volcity.activities.models import HourTotal, ServiceRecord
from volcity.activities.services.totals import hours_text
from volcity.registry.models import Volunteer

QUERY_RUNS = 300
WARMUP_RUNS = 20
PAGE = 20
TARGET_P95_MS = 20.0


def _profile_reader() -> tuple[Callable[[Volunteer], int], str]:
    """The real profile queries when the records area provides them; else the same reads
    written here (HourTotal row, star awards, the records index), and which one it is."""
    try:
        from volcity.activities.queries_records import my_hours, my_records
    except ImportError:  # pragma: no cover - the records area not there yet
        my_hours = my_records = None  # type: ignore[assignment]

    if my_hours is not None and my_records is not None:

        def real(volunteer: Volunteer) -> int:
            hours = my_hours(volunteer)
            page = my_records(volunteer, limit=PAGE)
            rows = [
                (r.served_on, r.title, r.place, hours_text(r.minutes), r.get_status_display())
                for r in page.items
            ]
            shown = (hours.hours_approved, hours.star_level, hours.progress_percent)
            return len(rows) if shown else 0

        return real, "queries_records.my_hours + my_records"

    from volcity.activities.models import StarAward
    from volcity.core.pagination import keyset_page

    def direct(volunteer: Volunteer) -> int:  # pragma: no cover - fallback
        total = HourTotal.objects.filter(kind="v", ref=volunteer.pk).first()
        list(StarAward.objects.filter(volunteer_id=volunteer.pk).order_by("level"))
        page = keyset_page(
            ServiceRecord.objects.filter(volunteer_id=volunteer.pk), limit=PAGE, descending=True
        )
        rows = [(r.served_on, r.title, hours_text(r.minutes)) for r in page.items]
        return len(rows) if total is not None else 0

    return direct, "HourTotal + StarAward + records index (direct)"


def _raw_reader() -> tuple[Callable[[], int], int]:
    table = connection.ops.quote_name(HourTotal._meta.db_table)
    pk = HourTotal.objects.order_by("pk").values_list("pk", flat=True).first()
    if pk is None:
        raise RuntimeError("no hour totals: was the activities seed run?")
    sql = (
        f"SELECT id, kind, ref, minutes_approved, records_approved, minutes_pending,"  # noqa: S608
        f" records_pending FROM {table} WHERE id = %s"
    )

    def raw() -> int:
        with connection.cursor() as cursor:
            cursor.execute(sql, [pk])
            return len(cursor.fetchall())

    return raw, pk


def _volunteers() -> list[tuple[str, Volunteer, int]]:
    counts = list(
        ServiceRecord.objects.values("volunteer_id")
        .annotate(n=Count("pk"))
        .order_by("n", "volunteer_id")
        .values_list("volunteer_id", "n")
    )
    if not counts:
        raise RuntimeError("no service records: was the activities seed run?")
    median_id, median_n = counts[len(counts) // 2]
    busiest_id, busiest_n = counts[-1]
    get = Volunteer.objects.select_related("user", "region").get
    return [
        ("median volunteer", get(pk=median_id), median_n),
        ("busiest volunteer", get(pk=busiest_id), busiest_n),
    ]


def _plan(volunteer: Volunteer) -> str:
    qs = ServiceRecord.objects.filter(volunteer_id=volunteer.pk).order_by("-pk")[: PAGE + 1]
    try:
        return qs.explain()
    except Exception as exc:  # noqa: BLE001 - a plan is extra information only
        return f"(no plan: {exc})"


def bench_case(
    label: str,
    volunteer: Volunteer,
    records: int,
    read: Callable[[Volunteer], int],
    how: str,
    scale: float,
) -> Figure:
    raw, _pk = _raw_reader()
    if read(volunteer) < 1 or raw() != 1:
        raise RuntimeError("the profile or the raw read returned nothing")
    for _ in range(WARMUP_RUNS):
        read(volunteer)
        raw()
    ours_s: list[float] = []
    raw_s: list[float] = []
    for _ in range(QUERY_RUNS):  # interleaved, so a busy moment hits both alike
        ours_s.append(timed(lambda: read(volunteer)))
        raw_s.append(timed(raw))
    p95_ms = percentile(ours_s, 95) * 1000
    return latency_figure(
        f"service profile ({label}): totals + stars + first 20 records vs HourTotal pk read",
        ours=ours_s,
        raw=raw_s,
        rows=PAGE,
        scale=scale,
        profile_reads=how,
        target_p95_ms=TARGET_P95_MS,
        meets_target=p95_ms < TARGET_P95_MS,
        records_in_table=ServiceRecord.objects.count(),
        records_of_volunteer=records,
        records_page_plan=_plan(volunteer),
    )


def run(scale: float) -> tuple[list[Figure], dict[str, Any]]:
    read, how = _profile_reader()
    figures = [
        bench_case(label, volunteer, n, read, how, scale) for label, volunteer, n in _volunteers()
    ]
    return figures, {"service_profile_reads": how}
