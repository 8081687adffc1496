"""Dispatch at seed scale: suggestions for an order, and the live board with 10,000 open orders,
each against a bare indexed read of the same tables in the same run.

Set-up (not timed): a menu item of the first town needing first aid (its town teams listed),
and ``BOARD_ORDERS`` open orders spread over the city's villages (statuses and urgencies drawn,
created over the last three days, dispatched and accepted ones assigned to volunteers of their
town, so volunteers carry load), written with ``bulk_create``.

1. **suggestions**: ours, ``suggestions_for(order)`` (teams and volunteers ranked by distance,
   skills, availability and load: the candidate boxes, load, shifts, on-call) for an approved
   order at the first town's first village. Raw: the bare nearest-N query on the same table and
   index, through a plain cursor: active volunteers in a 3 km box around the order, nearest 10
   by squared degrees.
2. **live board**: ours, what the page computes for the city dispatcher: a fresh scope lookup,
   ``board_page`` (first 50: most urgent, then oldest) and ``board_counts`` (by status and
   urgency, overdue). Raw: the same 50 orders read by primary key with their service and
   village names through a plain cursor.

p50 over ``RUNS`` interleaved runs after warm-ups; ``extra`` has p95 against the issue's
targets (50 ms, 100 ms) and ``meets_target``.
"""

from __future__ import annotations

import datetime
import math
import random
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from bench.harness import Figure, latency_figure, percentile, timed

RUNS = 200
WARMUP = 10
BOARD_ORDERS = 10_000
SUGGEST_TARGET_MS = 50.0
BOARD_TARGET_MS = 100.0
BOX_KM = 3.0


def _setup() -> tuple[Any, Any]:
    """The menu item, the open orders; returns (an approved order, the dispatcher)."""
    from volcity.accounts.models import User
    from volcity.dispatch.models import Order, ServiceCategory, ServiceItem
    from volcity.regions.models import Region
    from volcity.regions.queries import region_q
    from volcity.registry.models import Skill, Team, Volunteer

    rng = random.Random("bench.dispatch")
    town = Region.objects.filter(level=Region.Level.TOWN).order_by("code").first()
    if town is None:
        raise RuntimeError("no towns: was the city seeded?")
    category, _ = ServiceCategory.objects.get_or_create(region=town, name="助老助残")
    item, _ = ServiceItem.objects.get_or_create(category=category, name="测速服务")
    item.skills.set(Skill.objects.filter(code="first_aid"))
    in_town = region_q([town.path], field="region")
    item.teams.set(Team.objects.filter(in_town, status="active").order_by("pk")[:20])
    villages = [
        (code, parent, lat or Decimal("36.69"), lng or Decimal("118.48"))
        for code, parent, lat, lng in Region.objects.filter(level=Region.Level.VILLAGE).values_list(
            "code", "parent_id", "latitude", "longitude"
        )
    ]
    by_town: dict[str, list[int]] = {}
    for vid, region in Volunteer.objects.filter(status="active").values_list("id", "region_id"):
        by_town.setdefault(region[:9], []).append(vid)
    now = timezone.now()
    statuses = ["submitted", "approved", "pooled", "dispatched", "accepted"]
    urgencies = ["normal"] * 7 + ["urgent"] * 2 + ["emergency"]
    orders = []
    for n in range(BOARD_ORDERS):
        code, parent, lat, lng = rng.choice(villages)
        status = rng.choice(statuses)
        created = now - datetime.timedelta(minutes=rng.randrange(3 * 24 * 60))
        start = created + datetime.timedelta(hours=rng.randrange(1, 48))
        assignee = None
        if status in ("dispatched", "accepted") and by_town.get(code[:9]):
            assignee = rng.choice(by_town[code[:9]])
        elif status in ("dispatched", "accepted"):
            status = "approved"
        orders.append(
            Order(
                number=f"B{n:09d}",
                item=item,
                region_id=code,
                address="测速地址",
                latitude=Decimal(lat) + Decimal(rng.randint(-300, 300)) / 100_000,
                longitude=Decimal(lng) + Decimal(rng.randint(-300, 300)) / 100_000,
                wanted_from=start,
                wanted_until=start + datetime.timedelta(hours=2),
                urgency=rng.choice(urgencies),
                contact_name="测速",
                contact_phone_cipher="x",
                contact_phone_masked="139****0000",
                channel="phone",
                status=status,
                handling_region_id=parent,
                assigned_volunteer_id=assignee,
                reviewed_at=created if status != "submitted" else None,
                dispatched_at=created if status in ("dispatched", "accepted") else None,
                accepted_at=created if status == "accepted" else None,
                accept_by=created + datetime.timedelta(hours=2)
                if status in ("dispatched", "pooled")
                else None,
            )
        )
    with transaction.atomic():
        made = Order.objects.bulk_create(orders, batch_size=2_000)
        # created_at is auto_now_add: spread the orders over three days, an hour bucket each.
        ids = [o.pk for o in made]
        for bucket in range(72):
            Order.objects.filter(pk__in=ids[bucket::72]).update(
                created_at=now - datetime.timedelta(hours=bucket, minutes=bucket % 7)
            )
    first_village = next(v for v in sorted(villages) if v[1] == town.code)
    target = Order.objects.create(
        number="BTARGET",
        item=item,
        region_id=first_village[0],
        address="测速目标",
        latitude=first_village[2],
        longitude=first_village[3],
        wanted_from=now + datetime.timedelta(hours=3),
        wanted_until=now + datetime.timedelta(hours=5),
        contact_name="测速",
        contact_phone_cipher="x",
        contact_phone_masked="139****0000",
        channel="call",
        status="approved",
        handling_region=town,
    )
    dispatcher = User.objects.get(username="dispatcher")
    return target, dispatcher


def _nearest_raw(order: Any) -> Any:
    from volcity.registry.models import Volunteer

    table = connection.ops.quote_name(Volunteer._meta.db_table)
    lat, lng = float(order.latitude), float(order.longitude)
    dlat = BOX_KM / 111.2
    dlng = BOX_KM / (111.2 * math.cos(math.radians(lat)))
    sql = (
        f"SELECT id, home_latitude, home_longitude FROM {table}"  # noqa: S608
        " WHERE home_latitude BETWEEN %s AND %s AND home_longitude BETWEEN %s AND %s"
        " AND status = 'active'"
        " ORDER BY (home_latitude - %s) * (home_latitude - %s)"
        " + (home_longitude - %s) * (home_longitude - %s) LIMIT 10"
    )
    params = [lat - dlat, lat + dlat, lng - dlng, lng + dlng, lat, lat, lng, lng]

    def raw() -> int:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return len(cursor.fetchall())

    return raw


def bench_suggestions(order: Any, scale: float) -> Figure:
    from volcity.dispatch.models import Order
    from volcity.dispatch.suggest import suggestions_for

    raw = _nearest_raw(order)

    def ours() -> int:
        fresh = Order.objects.select_related("item__category").get(pk=order.pk)
        return len(suggestions_for(fresh))

    found = ours()
    if found < 1 or raw() < 1:
        raise RuntimeError("no suggestions or no volunteers near the bench order")
    for _ in range(WARMUP):
        ours()
        raw()
    ours_s, raw_s = [], []
    for _ in range(RUNS):
        ours_s.append(timed(ours))
        raw_s.append(timed(raw))
    p95 = percentile(ours_s, 95) * 1000
    return latency_figure(
        "dispatch suggestions (teams + volunteers ranked) vs bare nearest-10 box query",
        ours=ours_s,
        raw=raw_s,
        rows=found,
        scale=scale,
        target_p95_ms=SUGGEST_TARGET_MS,
        meets_target=p95 < SUGGEST_TARGET_MS,
        p95_ratio=round(percentile(raw_s, 95) / percentile(ours_s, 95), 4),
    )


def bench_board(user: Any, scale: float) -> Figure:
    from volcity.accounts.scope import clear_scope_cache
    from volcity.dispatch.models import Order, ServiceItem
    from volcity.dispatch.queries_board import BoardFilter, board_counts, board_page
    from volcity.regions.models import Region

    def ours() -> int:
        clear_scope_cache(user)
        page = board_page(user, BoardFilter())
        board_counts(user, BoardFilter())
        return len(page.rows)

    ids = [r.id for r in board_page(user, BoardFilter()).rows]
    q = connection.ops.quote_name
    sql = (
        f"SELECT o.id, o.number, o.urgency, o.status, o.created_at, o.accept_by, i.name, r.name"  # noqa: S608
        f" FROM {q(Order._meta.db_table)} o"
        f" JOIN {q(ServiceItem._meta.db_table)} i ON i.id = o.item_id"
        f" JOIN {q(Region._meta.db_table)} r ON r.code = o.region_id"
        f" WHERE o.id IN ({', '.join(['%s'] * len(ids))})"
    )

    def raw() -> int:
        with connection.cursor() as cursor:
            cursor.execute(sql, ids)
            return len(cursor.fetchall())

    if ours() != len(ids) or raw() != len(ids):
        raise RuntimeError("the board and the raw read disagree")
    for _ in range(WARMUP):
        ours()
        raw()
    ours_s, raw_s = [], []
    for _ in range(RUNS):
        ours_s.append(timed(ours))
        raw_s.append(timed(raw))
    p95 = percentile(ours_s, 95) * 1000
    open_orders = Order.objects.filter(status__in=Order.OPEN).count()
    return latency_figure(
        f"live board first page + counts ({open_orders:,} open orders) vs pk read of its rows",
        ours=ours_s,
        raw=raw_s,
        rows=len(ids),
        scale=scale,
        open_orders=open_orders,
        target_p95_ms=BOARD_TARGET_MS,
        meets_target=p95 < BOARD_TARGET_MS,
        p95_ratio=round(percentile(raw_s, 95) / percentile(ours_s, 95), 4),
    )


def run(scale: float) -> tuple[list[Figure], dict[str, Any]]:
    order, dispatcher = _setup()
    figures = [bench_suggestions(order, scale), bench_board(dispatcher, scale)]
    return figures, {"dispatch_board_orders": BOARD_ORDERS}


def main(argv: list[str] | None = None) -> int:
    """Standalone: recreate the bench database, seed it at ``--scale``, run these figures."""
    import argparse
    import os
    from io import StringIO

    from bench.harness import (
        bench_database_url,
        parse_scale,
        prepare_environment,
        remove_sqlite_file,
    )

    parser = argparse.ArgumentParser(prog="python -m bench.bench_dispatch", description=__doc__)
    parser.add_argument("--scale", default="0.05")
    args = parser.parse_args(argv)
    scale = parse_scale(args.scale)
    url = bench_database_url(os.environ)
    prepare_environment(os.environ, url)
    remove_sqlite_file(url)
    import django

    django.setup()
    from django.core.management import call_command

    from bench.harness import fresh_database, print_table

    fresh_database()
    call_command("seed_demo", scale=str(scale), no_progress=True, stdout=StringIO())
    figures, _extra = run(scale)
    print_table(figures)
    for f in figures:
        print(f.name, {k: v for k, v in f.extra.items() if k != "query_plan"})
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main())
