"""Seed-scale figures: volunteer accounts written by seed_demo, and a scoped first page.

1. ``seed_demo``'s volunteer accounts (user + VOLUNTEER grant, names drawn, ID numbers
   generated and sealed with AES-GCM + HMAC, ORM ``bulk_create`` in batches) against the
   raw limit: the very rows it wrote, read back, deleted, the tables vacuumed, then inserted
   again through the DB-API cursor in batches of the same size, one transaction each:
   ``executemany`` on SQLite; on PostgreSQL ``COPY`` (there ``executemany`` is slower than
   the ORM's multi-row INSERTs, so it is no limit; it is reported as ``extra``). Every
   insert starts from the same table state (demo staff only).
   A third pass, ORM ``bulk_create`` of the same rows, is reported as ``extra``, to show how
   much of the gap is the ORM and how much is making the rows.
2. The first page (50 rows, keyset) of ``visible_to(town_admin, User.objects.all())``, a fresh
   scope each run as on a new request, against a plain cursor read of 50 rows by primary-key
   range. ``extra`` also times the scoped page's own SQL through a plain cursor.
"""

from __future__ import annotations

import datetime
import sys
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, transaction
from django.db.models import Max, Model

from bench.harness import Figure, latency_figure, throughput_figure, timed
from volcity.accounts.models import RoleGrant, User
from volcity.accounts.scope import clear_scope_cache, visible_to
from volcity.accounts.seed import DEMO_ACCOUNTS
from volcity.core.pagination import keyset_page
from volcity.core.privacy import id_check_character, seal_id_number
from volcity.core.seeding import (
    DEFAULT_BATCH_SIZE,
    StepResult,
    batched,
    make_context,
    run_seed,
    seed_steps,
)

SEED = 7
QUERY_RUNS = 200
WARMUP_RUNS = 10
PAGE = 50


def _columns(model: type[Model]) -> list[str]:
    return [f.column for f in model._meta.concrete_fields]


def _quoted(names: Iterable[str]) -> str:
    return ", ".join(connection.ops.quote_name(n) for n in names)


def _read(model: type[Model], where: str, param: int) -> list[tuple[Any, ...]]:
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {_quoted(_columns(model))} FROM {table} WHERE {where} ORDER BY id", [param]
        )
        return cursor.fetchall()


def _delete_volunteers(after_id: int) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM accounts_rolegrant WHERE user_id > %s", [after_id])
        cursor.execute("DELETE FROM accounts_user WHERE id > %s", [after_id])
    with connection.cursor() as cursor:  # outside a transaction, as VACUUM requires
        if connection.vendor == "sqlite":
            cursor.execute("VACUUM")
        else:
            cursor.execute("VACUUM ANALYZE accounts_user")
            cursor.execute("VACUUM ANALYZE accounts_rolegrant")


def _insert_sql(model: type[Model]) -> str:
    columns = _columns(model)
    marks = ", ".join(["%s"] * len(columns))
    table = connection.ops.quote_name(model._meta.db_table)
    return f"INSERT INTO {table} ({_quoted(columns)}) VALUES ({marks})"


def _insert_executemany(
    users: Sequence[tuple[Any, ...]], grants: Sequence[tuple[Any, ...]]
) -> None:
    user_sql, grant_sql = _insert_sql(User), _insert_sql(RoleGrant)
    for user_batch, grant_batch in zip(
        batched(users, DEFAULT_BATCH_SIZE), batched(grants, DEFAULT_BATCH_SIZE), strict=True
    ):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(user_sql, user_batch)
            cursor.executemany(grant_sql, grant_batch)


def _copy_sql(model: type[Model]) -> str:
    table = connection.ops.quote_name(model._meta.db_table)
    return f"COPY {table} ({_quoted(_columns(model))}) FROM STDIN"


def _insert_copy(users: Sequence[tuple[Any, ...]], grants: Sequence[tuple[Any, ...]]) -> None:
    """PostgreSQL's bulk-load path: COPY through psycopg, same batches and transactions."""
    user_sql, grant_sql = _copy_sql(User), _copy_sql(RoleGrant)
    for user_batch, grant_batch in zip(
        batched(users, DEFAULT_BATCH_SIZE), batched(grants, DEFAULT_BATCH_SIZE), strict=True
    ):
        with transaction.atomic(), connection.cursor() as wrapper:
            cursor = wrapper.cursor  # the psycopg cursor under Django's wrapper
            for sql, batch in ((user_sql, user_batch), (grant_sql, grant_batch)):
                with cursor.copy(sql) as copy:
                    for row in batch:
                        copy.write_row(row)


def _aware(value: Any) -> Any:
    if isinstance(value, datetime.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=datetime.UTC)
    return value


def _orm_insert(users: Sequence[tuple[Any, ...]], grants: Sequence[tuple[Any, ...]]) -> None:
    user_names = [f.attname for f in User._meta.concrete_fields]
    grant_names = [f.attname for f in RoleGrant._meta.concrete_fields]
    for user_batch, grant_batch in zip(
        batched(users, DEFAULT_BATCH_SIZE), batched(grants, DEFAULT_BATCH_SIZE), strict=True
    ):
        with transaction.atomic():
            User.objects.bulk_create(
                [User(**dict(zip(user_names, map(_aware, row), strict=True))) for row in user_batch]
            )
            RoleGrant.objects.bulk_create(
                [
                    RoleGrant(**dict(zip(grant_names, map(_aware, row), strict=True)))
                    for row in grant_batch
                ]
            )


def _seal_seconds_per_row(samples: int = 2000) -> float:
    numbers = []
    for n in range(samples):
        first17 = f"370781{19600101 + n % 28:08d}{n % 1000:03d}"
        numbers.append(first17 + id_check_character(first17))
    return timed(lambda: [seal_id_number(x) for x in numbers]) / samples


def bench_volunteer_accounts(scale: float) -> tuple[Figure, list[StepResult]]:
    ctx = make_context(scale=scale, seed=SEED, progress=sys.stderr.isatty(), stdout=sys.stdout)
    # Up to accounts only: the figure deletes and rewrites the volunteers' accounts, which the
    # later steps (the registry, …) point at; they run once the rows are back, same ids.
    all_steps = seed_steps()
    cut = [s.label for s in all_steps].index("accounts") + 1
    steps = run_seed(ctx, all_steps[:cut])
    measure = ctx.measures["accounts.volunteers"]
    staff = [a.username for a in DEMO_ACCOUNTS]
    last_staff_id = User.objects.filter(username__in=staff).aggregate(m=Max("id"))["m"]
    users = _read(User, "id > %s", last_staff_id)
    grants = _read(RoleGrant, "user_id > %s", last_staff_id)
    if len(users) + len(grants) != measure.rows or len(users) != len(grants):
        raise RuntimeError("volunteer rows read back do not match the rows seed_demo wrote")

    extra: dict[str, Any] = {}
    if connection.vendor == "postgresql":
        # executemany is not PostgreSQL's limit (ORM multi-row INSERTs beat it): COPY is.
        _delete_volunteers(last_staff_id)
        extra["executemany_rows_per_s"] = round(
            measure.rows / timed(lambda: _insert_executemany(users, grants)), 1
        )
        baseline, insert_raw = "COPY FROM STDIN (psycopg)", _insert_copy
    else:
        baseline, insert_raw = "cursor.executemany", _insert_executemany
    _delete_volunteers(last_staff_id)
    raw_seconds = timed(lambda: insert_raw(users, grants))
    _delete_volunteers(last_staff_id)
    orm_seconds = timed(lambda: _orm_insert(users, grants))

    steps += run_seed(ctx, all_steps[cut:])
    rows = measure.rows
    seal = _seal_seconds_per_row()
    figure = throughput_figure(
        "seed_demo volunteer accounts (user + grant) vs raw bulk insert",
        rows=rows,
        ours_seconds=measure.seconds,
        raw_seconds=raw_seconds,
        scale=scale,
        ours_seconds_total=round(measure.seconds, 3),
        baseline_seconds_total=round(raw_seconds, 3),
        orm_bulk_create_same_rows_per_s=round(rows / orm_seconds, 1),
        seal_id_number_us_per_person=round(seal * 1e6, 1),
        seal_share_of_ours=round(seal * len(users) / measure.seconds, 3),
        volunteers=len(users),
        baseline_method=baseline,
        **extra,
    )
    return figure, steps


def bench_scoped_page(scale: float) -> Figure:
    town_admin = User.objects.get(username="town_admin")
    base = User.objects.all()

    def ours() -> int:
        clear_scope_cache(town_admin)  # a new request: the scope is looked up again
        page = keyset_page(visible_to(town_admin, base, region_field="home_region"), limit=PAGE)
        return len(page.items)

    scoped = visible_to(town_admin, base, region_field="home_region").order_by("pk")[: PAGE + 1]
    scoped_sql, scoped_params = scoped.query.sql_with_params()
    first_id = User.objects.order_by("id").values_list("id", flat=True).first() or 0
    table = connection.ops.quote_name(User._meta.db_table)
    range_sql = (
        f"SELECT {_quoted(_columns(User))} FROM {table} WHERE id >= %s AND id < %s ORDER BY id"
    )

    def raw() -> int:
        with connection.cursor() as cursor:
            cursor.execute(range_sql, [first_id, first_id + PAGE])
            return len(cursor.fetchall())

    def scoped_sql_only() -> int:
        with connection.cursor() as cursor:
            cursor.execute(scoped_sql, scoped_params)
            return len(cursor.fetchall())

    if ours() != PAGE or raw() != PAGE:
        raise RuntimeError("the scoped page or the raw range did not return 50 rows")
    for _ in range(WARMUP_RUNS):
        ours(), raw(), scoped_sql_only()
    ours_s: list[float] = []
    raw_s: list[float] = []
    sql_s: list[float] = []
    for _ in range(QUERY_RUNS):  # interleaved, so a busy moment hits all three alike
        ours_s.append(timed(ours))
        raw_s.append(timed(raw))
        sql_s.append(timed(scoped_sql_only))
    sql_s.sort()
    return latency_figure(
        "visible_to(town_admin) first page (50, keyset) vs pk-range read",
        ours=ours_s,
        raw=raw_s,
        rows=PAGE,
        scale=scale,
        scoped_sql_via_cursor_p50_ms=round(sql_s[len(sql_s) // 2] * 1000, 3),
        users_in_table=User.objects.count(),
        users_in_scope=visible_to(town_admin, base, region_field="home_region").count(),
    )


def run(scale: float) -> tuple[list[Figure], dict[str, Any]]:
    accounts, steps = bench_volunteer_accounts(scale)
    page = bench_scoped_page(scale)
    seed_steps = {
        s.label: {
            "rows": s.total,
            "seconds": round(s.seconds, 3),
            "rows_per_s": round(s.total / s.seconds, 1) if s.seconds else None,
        }
        for s in steps
    }
    return [accounts, page], {"seed_steps": seed_steps}
