"""Ten years of service records for the demo city, drawn in bulk, and the hour totals and
stars computed from them by SQL (the ``activities`` seed step; see ``seed.py``). Also the
constants and shapes the step shares."""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone

from volcity.activities.demo_data import (
    GENERIC_SERVICES,
)
from volcity.activities.models import (
    HourTotal,
    ServiceRecord,
    StarAward,
)
from volcity.activities.services.totals import region_chain, star_level_for
from volcity.core.seeding import SeedContext
from volcity.registry.models import Membership, Volunteer

DEMO_VOLUNTEER = "volunteer"
TEAM_LEADER = "team_leader"
FIRST_TEAM = 1
YEARS = 10
PAST_ACTIVITIES, FUTURE_ACTIVITIES = 8, 2  # per project
RECORD_BATCH = 5_000
MINUTES = (60, 90, 120, 120, 150, 180, 180, 240, 300, 480)
LINKED_SHARE = 0.7  # records of a team with activities that name one of them
DEMO_APPROVED, DEMO_MINUTES = 40, 160  # the demo volunteer: 40 × 160 min ≈ 106.7 h (1 star)
LAT, LNG = Decimal("36.6965"), Decimal("118.4798")  # Qingzhou
RECORD_COLUMNS = (
    "volunteer_id",
    "activity_id",
    "team_id",
    "project_id",
    "region_id",
    "title",
    "served_on",
    "place",
    "content",
    "minutes",
    "lead_name",
    "status",
    "source",
    "flagged",
    "flag_reason",
    "recorded_by_id",
    "created_at",
    "decided_by_id",
    "decided_at",
    "decline_reason",
)
APPROVED, PENDING, DECLINED = (
    ServiceRecord.Status.APPROVED.value,
    ServiceRecord.Status.PENDING.value,
    ServiceRecord.Status.DECLINED.value,
)


@dataclass(frozen=True)
class Work:
    """What a record names when it comes from an activity (or a leader's entry)."""

    activity: int | None
    project: int | None
    region: str
    title: str
    place: str


@dataclass
class City:
    villages: list[tuple[str, str]]  # (code, name)
    by_town: dict[str, list[tuple[str, str]]]  # town prefix → villages
    names: dict[str, str]  # region code → name


@dataclass
class Leads:
    """Each team's leader (user id and name), a fallback for teams without one."""

    by_team: dict[int, tuple[int, str]]
    fallback: tuple[int, str]

    def of(self, team: int) -> tuple[int, str]:
        return self.by_team.get(team, self.fallback)


@dataclass
class Stars:
    """Star crossings found while the records are drawn: volunteer → [(level, day, minutes)]."""

    thresholds: list[int] = field(
        default_factory=lambda: [h * 60 for h in settings.VOLCITY_STAR_THRESHOLDS]
    )
    awards: dict[int, list[tuple[int, datetime.date, int]]] = field(default_factory=dict)

    def add(self, volunteer: int, approved: list[tuple[datetime.date, int]]) -> None:
        if sum(m for _d, m in approved) < self.thresholds[0]:
            return
        running, level, found = 0, 0, []
        for day, minutes in sorted(approved):
            running += minutes
            while level < len(self.thresholds) and running >= self.thresholds[level]:
                level += 1
                found.append((level, day, running))
        self.awards[volunteer] = found


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


# --- Service records ------------------------------------------------------------------------


class RecordWriter:
    """Rows of RECORD_COLUMNS into the record table by the database's bulk path."""

    def __init__(self) -> None:
        self.table = connection.ops.quote_name(ServiceRecord._meta.db_table)
        self.columns = ", ".join(connection.ops.quote_name(c) for c in RECORD_COLUMNS)
        self.sqlite = connection.vendor == "sqlite"

    def __call__(self, rows: list[tuple[Any, ...]]) -> int:
        with connection.cursor() as wrapper:
            if self.sqlite:
                marks = ", ".join(["%s"] * len(RECORD_COLUMNS))
                sql = f"INSERT INTO {self.table} ({self.columns}) VALUES ({marks})"  # noqa: S608
                wrapper.executemany(sql, rows)
            else:
                with wrapper.cursor.copy(f"COPY {self.table} ({self.columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
        return len(rows)


class Days:
    """Per served day, the values of its date columns as the database takes them (adapted
    once per day, not once per row)."""

    def __init__(self) -> None:
        self.cache: dict[datetime.date, tuple[Any, Any, Any]] = {}
        self.sqlite = connection.vendor == "sqlite"

    def __call__(self, day: datetime.date) -> tuple[Any, Any, Any]:
        found = self.cache.get(day)
        if found is None:
            created = _at(day, 20)
            decided = created + datetime.timedelta(days=1, hours=-10)
            if self.sqlite:
                ops = connection.ops
                found = (
                    ops.adapt_datefield_value(day),
                    ops.adapt_datetimefield_value(created),
                    ops.adapt_datetimefield_value(decided),
                )
            else:
                found = (day, created, decided)
            self.cache[day] = found
        return found


def allocate(total: int, people: int, rng: random.Random) -> list[int]:
    """``total`` records over ``people``, unevenly (Pareto weights): a few serve a lot."""
    if people == 0:
        return []
    weights = [min(rng.paretovariate(1.6), 80.0) for _ in range(people)]
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    for i in rng.sample(range(people), total - sum(counts)):
        counts[i] += 1
    return counts


@dataclass
class Serving:
    volunteer: int
    team: int
    village: str
    count: int


def servings(ctx: SeedContext, demo_volunteer: int | None) -> list[Serving]:
    """Who serves and with which team: each active volunteer with an active membership, with
    their first team; the demo volunteer is drawn apart."""
    first_team: dict[int, int] = {}
    for volunteer, team in (
        Membership.objects.filter(status=Membership.Status.ACTIVE)
        .order_by("volunteer_id", "pk")
        .values_list("volunteer_id", "team_id")
    ):
        first_team.setdefault(volunteer, team)
    people = [
        (pk, region)
        for pk, region in Volunteer.objects.filter(status="active")
        .order_by("pk")
        .values_list("pk", "region_id")
        if pk in first_team and pk != demo_volunteer
    ]
    demo_rows = DEMO_APPROVED + 1 if demo_volunteer is not None else 0
    total = max(0, ctx.count("service_records") - demo_rows)
    counts = allocate(total, len(people), ctx.rng_for("activities.records.allocate"))
    return [
        Serving(pk, first_team[pk], region, n)
        for (pk, region), n in zip(people, counts, strict=True)
        if n
    ]


def record_rows(
    ctx: SeedContext,
    who: list[Serving],
    works: dict[int, list[Work]],
    city: City,
    leads: Leads,
    stars: Stars,
    demo: tuple[int, list[Work]] | None,
) -> Iterator[tuple[Any, ...]]:
    rng = ctx.rng_for("activities.records")
    today = timezone.localdate()
    span = 365 * YEARS
    days = Days()
    leader = ServiceRecord.Source.LEADER.value

    def row(
        v: int, team: int, work: Work, day: datetime.date, minutes: int, status: str
    ) -> tuple[Any, ...]:
        lead_id, lead_name = leads.of(team)
        served, created, decided = days(day)
        done = status != PENDING
        return (
            v,
            work.activity,
            team,
            work.project,
            work.region,
            work.title,
            served,
            work.place,
            work.title,
            minutes,
            lead_name,
            status,
            leader,
            False,
            "",
            lead_id,
            created,
            lead_id if done else None,
            decided if done else None,
            "时长与签到记录不符" if status == DECLINED else "",
        )

    for s in who:
        mine = works.get(s.team)
        approved: list[tuple[datetime.date, int]] = []
        home = Work(None, None, s.village, "", city.names.get(s.village, ""))
        # Oldest first: records are entered after the service, so a volunteer's record ids
        # follow the dates, and "newest first" (by id) lists the latest service first.
        agos = sorted((rng.randint(1, span) for _ in range(s.count)), reverse=True)
        for ago in agos:
            day = today - datetime.timedelta(days=ago)
            minutes = rng.choice(MINUTES)
            r = rng.random()
            if ago <= 10:
                status = PENDING if r < 0.7 else APPROVED
            else:
                status = APPROVED if r < 0.97 else DECLINED
            if mine and rng.random() < LINKED_SHARE:
                work = rng.choice(mine)
            else:
                work = Work(None, None, home.region, rng.choice(GENERIC_SERVICES), home.place)
            if status == APPROVED:
                approved.append((day, minutes))
            yield row(s.volunteer, s.team, work, day, minutes, status)
        stars.add(s.volunteer, approved)
    if demo is not None:
        volunteer, team1_works = demo
        approved = []
        for n in reversed(range(DEMO_APPROVED)):  # oldest first: ids follow the dates
            day = today - datetime.timedelta(days=14 + n * 9)
            work = (
                team1_works[n % len(team1_works)]
                if team1_works
                else Work(
                    None, None, city.villages[0][0], GENERIC_SERVICES[n % 10], city.villages[0][1]
                )
            )
            approved.append((day, DEMO_MINUTES))
            yield row(volunteer, FIRST_TEAM, work, day, DEMO_MINUTES, APPROVED)
        work = (
            team1_works[0] if team1_works else Work(None, None, city.villages[0][0], "清扫街道", "")
        )
        yield row(volunteer, FIRST_TEAM, work, today - datetime.timedelta(days=3), 120, PENDING)
        stars.add(volunteer, approved)


# --- Totals and stars -----------------------------------------------------------------------


def _sums(status_param: str) -> str:
    return (
        f"COALESCE(SUM(CASE WHEN status = {status_param} THEN minutes ELSE 0 END), 0), "
        f"COALESCE(SUM(CASE WHEN status = {status_param} THEN 1 ELSE 0 END), 0)"
    )


def totals_from_records() -> int:
    """Rebuild every HourTotal from the records by aggregate SQL; returns rows written."""
    quote = connection.ops.quote_name
    totals, records = quote(HourTotal._meta.db_table), quote(ServiceRecord._meta.db_table)
    sums = f"{_sums('%s')}, {_sums('%s')}"
    params = [APPROVED, APPROVED, PENDING, PENDING]
    HourTotal.objects.all().delete()
    with connection.cursor() as cursor:
        for kind, column, where in (
            (HourTotal.Kind.VOLUNTEER, "volunteer_id", ""),
            (HourTotal.Kind.TEAM, "team_id", ""),
            (HourTotal.Kind.PROJECT, "project_id", "WHERE project_id IS NOT NULL"),
        ):
            cursor.execute(
                f"INSERT INTO {totals} (kind, ref, minutes_approved, records_approved,"  # noqa: S608
                f" minutes_pending, records_pending, no_shows)"
                f" SELECT %s, {column}, {sums}, 0 FROM {records} {where} GROUP BY {column}",
                [kind.value, *params],
            )
        cursor.execute(
            f"SELECT region_id, {sums} FROM {records} GROUP BY region_id",  # noqa: S608
            params,
        )
        by_region = cursor.fetchall()
    rolled: dict[int, list[int]] = {}
    for region, *values in by_region:
        for ref in region_chain(region):  # the region, its town, the city: as owners_of does
            into = rolled.setdefault(ref, [0, 0, 0, 0])
            for i, v in enumerate(values):
                into[i] += int(v)
    HourTotal.objects.bulk_create(
        [
            HourTotal(
                kind=HourTotal.Kind.REGION,
                ref=ref,
                minutes_approved=v[0],
                records_approved=v[1],
                minutes_pending=v[2],
                records_pending=v[3],
            )
            for ref, v in sorted(rolled.items())
        ]
    )
    return HourTotal.objects.count()


def stars_from_totals(stars: Stars) -> int:
    """StarAward rows and ``Volunteer.star_level`` from the approved totals."""
    minutes = dict(
        HourTotal.objects.filter(
            kind=HourTotal.Kind.VOLUNTEER, minutes_approved__gte=stars.thresholds[0]
        ).values_list("ref", "minutes_approved")
    )
    awards = []
    levels: dict[int, list[int]] = {}
    for volunteer, total in minutes.items():
        level = star_level_for(total)
        found = stars.awards.get(volunteer, [])
        if len(found) != level:
            raise RuntimeError(f"star crossings of volunteer {volunteer} disagree with its total")
        levels.setdefault(level, []).append(volunteer)
        awards += [
            StarAward(
                volunteer_id=volunteer,
                level=lv,
                earned_at=_at(day, 21),
                minutes_at_award=at_award,
            )
            for lv, day, at_award in found
        ]
    StarAward.objects.all().delete()
    StarAward.objects.bulk_create(awards, batch_size=2_000)
    Volunteer.objects.exclude(star_level=0).update(star_level=0)
    for level, ids in levels.items():
        for start in range(0, len(ids), 500):
            Volunteer.objects.filter(pk__in=ids[start : start + 500]).update(star_level=level)
    return len(awards)
