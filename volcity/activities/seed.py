"""Demo data of service delivery: brands, projects, activities with past and coming shifts,
sign-ups, and ten years of service records with the hour totals and stars they make.

Runs after ``registry`` (INSTALLED_APPS order) and, like it, is a bulk path (rows go in
batches, one transaction each, not through the services). What the services keep is kept here
too, computed from the rows rather than trusted:

* ``Shift.seats_taken`` equals the confirmed sign-ups' party sizes;
* ``HourTotal`` rows are summed by SQL over the records (volunteer, team and project rows with
  ``INSERT … SELECT … GROUP BY``; region rows from a ``GROUP BY region`` rolled up the region
  chain exactly as ``services.totals.owners_of`` does);
* ``StarAward`` rows (dated when the running total crossed each threshold) and
  ``Volunteer.star_level`` follow from the approved minutes with ``star_level_for``.

Service records: 3,000,000 × scale over the last ten years, spread unevenly (a few volunteers
serve a lot), mostly approved; the last ten days are mostly pending. Inserted through the
DB-API: ``executemany`` on SQLite, ``COPY`` on PostgreSQL, with a progress bar.

Demo people: ``volunteer`` has about 107 approved hours (one star), one record pending and a
confirmed place on a coming shift of team 1; ``team_leader``'s team 1 has an activity today
whose shift is in progress, some of its members checked in.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from volcity.accounts.models import RoleGrant, User
from volcity.accounts.roles import Role
from volcity.activities.demo_data import (
    BRANDS,
    GENERIC_SERVICES,
    PROJECT_SUFFIX,
    RISK_TEXT,
    RISKY_TITLES,
    ROADS,
)
from volcity.activities.models import (
    Activity,
    Brand,
    HourTotal,
    Project,
    ServiceRecord,
    Shift,
    Signup,
    StarAward,
)
from volcity.activities.services.totals import region_chain, star_level_for
from volcity.core.seeding import SeedContext, write_in_batches
from volcity.regions.models import Region
from volcity.registry.choices import TeamLevel, TeamType
from volcity.registry.models import Membership, ServiceCategory, Team, Volunteer

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


# --- Places, people -------------------------------------------------------------------------


def city_map() -> City:
    names = dict(Region.objects.values_list("code", "name"))
    villages = list(
        Region.objects.filter(level=Region.Level.VILLAGE)
        .order_by("code")
        .values_list("code", "name")
    )
    by_town: dict[str, list[tuple[str, str]]] = {}
    for code, name in villages:
        by_town.setdefault(code[:9], []).append((code, name))
    return City(villages=villages, by_town=by_town, names=names)


def team_leads() -> Leads:
    rows = (
        RoleGrant.objects.filter(role=Role.TEAM_LEADER, team_id__isnull=False)
        .order_by("team_id", "pk")
        .values_list("team_id", "user_id", "user__display_name")
    )
    by_team: dict[int, tuple[int, str]] = {}
    for team, user, name in rows:
        if team is not None:
            by_team.setdefault(team, (user, name))
    admin = (
        User.objects.filter(is_superuser=True)
        .order_by("pk")
        .values_list("pk", "display_name")
        .first()
    )
    if admin is None:
        raise RuntimeError("activities.seed needs a superuser to lead teams without a leader.")
    return Leads(by_team=by_team, fallback=(admin[0], admin[1]))


def place_in(team: Team, city: City, rng: random.Random) -> tuple[str, str]:
    """A village where the team works: its own, one of its town's, or any in the city."""
    if team.region.level == Region.Level.VILLAGE:
        return team.region_id, city.names[team.region_id]
    pool = city.by_town.get(team.region_id[:9]) if team.region.level == Region.Level.TOWN else None
    return rng.choice(pool or city.villages)


def address(region_name: str, rng: random.Random) -> str:
    return f"{region_name}{rng.choice(ROADS)}{rng.randint(1, 200)}号"


def point(rng: random.Random) -> tuple[Decimal, Decimal]:
    jitter = Decimal("0.000001")
    lat = LAT + Decimal(rng.uniform(-0.15, 0.15)).quantize(jitter)
    lng = LNG + Decimal(rng.uniform(-0.2, 0.2)).quantize(jitter)
    return lat, lng


# --- Brands and projects --------------------------------------------------------------------


def seed_brands() -> tuple[dict[str, Brand], int]:
    have = {b.code: b for b in Brand.objects.all()}
    new = [
        Brand(code=b.code, name=b.name, name_en=b.name_en, description=b.description, sort=n)
        for n, b in enumerate(BRANDS)
        if b.code not in have
    ]
    Brand.objects.bulk_create(new)
    return {b.code: b for b in Brand.objects.all()}, len(new)


def project_owners(teams: Sequence[Team]) -> list[Team]:
    """Team 1 first, then the towns' civilized-practice teams, then the villages', then the
    rest: projects belong to the teams that run programmes."""

    def rank(t: Team) -> tuple[int, int]:
        if t.pk == FIRST_TEAM:
            return (0, t.pk)
        if t.type == TeamType.CIVILIZED_PRACTICE and t.level == TeamLevel.TOWN:
            return (1, t.pk)
        if t.type == TeamType.CIVILIZED_PRACTICE:
            return (2, t.pk)
        return (3, t.pk)

    return sorted(teams, key=rank)


def seed_projects(
    ctx: SeedContext, teams: Sequence[Team], brands: dict[str, Brand], city: City, leads: Leads
) -> list[Project]:
    rng = ctx.rng_for("activities.projects")
    owners = project_owners(teams)
    categories = dict(ServiceCategory.objects.values_list("code", "id"))
    projects = []
    for n in range(ctx.count("projects", minimum=6)):
        spec = BRANDS[n % len(BRANDS)]
        team = owners[n % len(owners)]
        round_ = n // len(owners)
        where = city.names.get(team.region_id, "")
        name = f"{where}{spec.name}{PROJECT_SUFFIX}" + (f"（{round_ + 1}）" if round_ else "")
        projects.append(
            Project(
                brand=brands[spec.code],
                name=name[:80],
                team=team,
                region_id=team.region_id,
                category_id=categories.get(spec.category),
                description=spec.description,
                goals=f"全年服务群众不少于{rng.randint(2, 20) * 50}人次。",
                goal_people=rng.randint(2, 20) * 50,
                people_helped=rng.randint(0, 800),
                wishes_fulfilled=rng.randint(0, 200) if spec.code == "micro-wish" else 0,
                created_by_id=leads.of(team.pk)[0],
            )
        )
    return Project.objects.bulk_create(projects)


# --- Activities, shifts, sign-ups -----------------------------------------------------------


@dataclass
class Plan:
    activities: list[Activity] = field(default_factory=list)
    shifts: list[tuple[int, datetime.datetime, int]] = field(
        default_factory=list
    )  # (act, start, hours)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def seed_activities(
    ctx: SeedContext,
    projects: Sequence[Project],
    teams: dict[int, Team],
    city: City,
    leads: Leads,
) -> tuple[list[Activity], list[Shift]]:
    rng = ctx.rng_for("activities.activities")
    today = timezone.localdate()
    brand_specs = {b.code: b for b in BRANDS}
    codes = dict(Brand.objects.values_list("pk", "code"))
    activities: list[Activity] = []
    shift_plan: list[list[tuple[datetime.datetime, int, int]]] = []  # per activity
    for project in projects:
        spec = brand_specs[codes[project.brand_id]] if project.brand_id else BRANDS[0]
        team = teams[project.team_id]
        lead = leads.of(team.pk)[0]
        for k in range(PAST_ACTIVITIES + FUTURE_ACTIVITIES):
            future = k >= PAST_ACTIVITIES
            title = spec.activities[k % len(spec.activities)]
            region, region_name = place_in(team, city, rng)
            lat, lng = point(rng)
            risky = title in RISKY_TITLES
            activities.append(
                Activity(
                    project=project,
                    team=team,
                    title=title,
                    description=f"{spec.name}：{title}。",
                    category_id=project.category_id,
                    region_id=region,
                    address=address(region_name, rng),
                    latitude=lat,
                    longitude=lng,
                    max_party_size=3 if spec.code == "happy-hall" else 1,
                    risk_disclosure=RISK_TEXT if risky else "",
                    insured=risky or rng.random() < 0.3,
                    status=Activity.Status.PUBLISHED if future else Activity.Status.FINISHED,
                    lead_id=lead,
                    created_by_id=lead,
                    contact_phone="0536-32" + f"{rng.randrange(10000, 99999)}",
                )
            )
            hour = rng.choice((8, 9, 14, 15))
            first = (
                today + datetime.timedelta(days=rng.randint(1, 20))
                if future
                else today - datetime.timedelta(days=rng.randint(14, 730))
            )
            count = rng.randint(2, 4) if future else rng.randint(1, 3)
            shift_plan.append(
                [
                    (
                        _at(first + datetime.timedelta(weeks=w), hour),
                        rng.choice((2, 3, 4)),
                        rng.choice((5, 10, 15, 20, 30)),
                    )
                    for w in range(count)
                ]
            )
    activities = Activity.objects.bulk_create(activities)
    shifts = Shift.objects.bulk_create(
        [
            Shift(
                activity_id=a.pk,
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=hours),
                capacity=capacity,
            )
            for a, plan in zip(activities, shift_plan, strict=True)
            for start, hours, capacity in plan
        ]
    )
    return activities, shifts


def active_members() -> dict[int, list[int]]:
    """team → its active members' volunteer ids (from the registry's memberships)."""
    members: dict[int, list[int]] = {}
    for team, volunteer in (
        Membership.objects.filter(status=Membership.Status.ACTIVE, volunteer__status="active")
        .order_by("team_id", "volunteer_id")
        .values_list("team_id", "volunteer_id")
    ):
        members.setdefault(team, []).append(volunteer)
    return members


def seed_signups(
    ctx: SeedContext,
    activities: Sequence[Activity],
    shifts: Sequence[Shift],
    members: dict[int, list[int]],
    demo_volunteer: int | None,
) -> list[Signup]:
    """Members of the organising team on coming shifts, about half full; the demo volunteer on
    the first coming shift of team 1."""
    rng = ctx.rng_for("activities.signups")
    team_of = {a.pk: a.team_id for a in activities}
    now = timezone.now()
    signups: list[Signup] = []
    demo_done = demo_volunteer is None
    for shift in shifts:
        if shift.starts_at <= now:
            continue
        team = team_of[shift.activity_id]
        pool = [v for v in members.get(team, []) if v != demo_volunteer]
        chosen = rng.sample(pool, min(len(pool), shift.capacity // 2))
        if not demo_done and team == FIRST_TEAM and len(chosen) < shift.capacity:
            chosen.append(demo_volunteer)  # type: ignore[arg-type]
            demo_done = True
        signups.extend(
            Signup(
                shift_id=shift.pk,
                volunteer_id=volunteer,
                status=Signup.Status.CONFIRMED,
                party_size=1,
                risk_accepted_at=now,
                queued_at=now,
            )
            for volunteer in chosen
        )
        shift.seats_taken = len(chosen)
    Signup.objects.bulk_create(signups, batch_size=2_000)
    Shift.objects.bulk_update([s for s in shifts if s.seats_taken], ["seats_taken"], batch_size=500)
    return signups


def seed_today(
    ctx: SeedContext,
    team: Team,
    project: Project | None,
    members: dict[int, list[int]],
    leads: Leads,
    city: City,
) -> dict[str, int]:
    """Team 1's activity today, its shift in progress (started an hour ago, three hours long),
    some of its members signed up and checked in."""
    rng = ctx.rng_for("activities.today")
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    region, region_name = place_in(team, city, rng)
    lead = leads.of(team.pk)[0]
    activity = Activity.objects.create(
        project=project,
        team=team,
        title="今日文明实践：社区环境整治",
        description="清理楼道杂物、擦洗健身器材、劝导文明养犬。",
        category_id=project.category_id if project else None,
        region_id=region,
        address=address(region_name, rng),
        latitude=LAT,
        longitude=LNG,
        status=Activity.Status.PUBLISHED,
        lead_id=lead,
        created_by_id=lead,
    )
    shift = Shift.objects.create(
        activity=activity,
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=2),
        capacity=20,
    )
    pool = members.get(team.pk, [])
    chosen = pool[:8]
    signups = [
        Signup(
            shift=shift,
            volunteer_id=v,
            status=Signup.Status.CONFIRMED,
            queued_at=shift.starts_at - datetime.timedelta(days=2),
            checked_in_at=shift.starts_at + datetime.timedelta(minutes=5 + n) if n < 5 else None,
        )
        for n, v in enumerate(chosen)
    ]
    Signup.objects.bulk_create(signups)
    Shift.objects.filter(pk=shift.pk).update(
        seats_taken=len(signups), checked_in=sum(1 for s in signups if s.checked_in_at)
    )
    return {"today_signups": len(signups)}


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


# --- The step -------------------------------------------------------------------------------


def seed(ctx: SeedContext) -> dict[str, int]:
    if Project.objects.exists() or ServiceRecord.objects.exists():
        raise RuntimeError("activities.seed fills an empty service delivery: projects exist.")
    city = city_map()
    leads = team_leads()
    teams = {t.pk: t for t in Team.objects.select_related("region").order_by("pk")}
    if not teams or not city.villages:
        raise RuntimeError("activities.seed needs the regions and the registry seeded first.")
    demo_volunteer = (
        Volunteer.objects.filter(user__username=DEMO_VOLUNTEER).values_list("pk", flat=True).first()
    )
    written: dict[str, int] = {}
    with transaction.atomic():
        brands, written[Brand._meta.db_table] = seed_brands()
        projects = seed_projects(ctx, list(teams.values()), brands, city, leads)
        activities, shifts = seed_activities(ctx, projects, teams, city, leads)
        members = active_members()
        signups = seed_signups(ctx, activities, shifts, members, demo_volunteer)
        first_project = next((p for p in projects if p.team_id == FIRST_TEAM), None)
        if FIRST_TEAM in teams:
            today = seed_today(ctx, teams[FIRST_TEAM], first_project, members, leads, city)
        else:
            today = {"today_signups": 0}
    written[Project._meta.db_table] = len(projects)
    written[Activity._meta.db_table] = len(activities) + (1 if FIRST_TEAM in teams else 0)
    written[Shift._meta.db_table] = len(shifts) + (1 if FIRST_TEAM in teams else 0)
    written[Signup._meta.db_table] = len(signups) + today["today_signups"]

    works: dict[int, list[Work]] = {}
    for a in activities:
        if a.status == Activity.Status.FINISHED:
            works.setdefault(a.team_id, []).append(
                Work(a.pk, a.project_id, a.region_id, a.title, a.address)
            )
    who = servings(ctx, demo_volunteer)
    stars = Stars()
    demo = (demo_volunteer, works.get(FIRST_TEAM, [])) if demo_volunteer is not None else None
    total = sum(s.count for s in who) + (DEMO_APPROVED + 1 if demo else 0)
    with ctx.measure("activities.records") as measure:
        measure.rows = write_in_batches(
            ctx,
            record_rows(ctx, who, works, city, leads, stars, demo),
            total=total,
            label="activities service records",
            write=RecordWriter(),
            batch_size=RECORD_BATCH,
        )
    written[ServiceRecord._meta.db_table] = measure.rows
    with ctx.measure("activities.totals"), transaction.atomic():
        written[HourTotal._meta.db_table] = totals_from_records()
        written[StarAward._meta.db_table] = stars_from_totals(stars)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(ServiceRecord._meta.db_table)}")
    return written


def unseed() -> None:
    """Delete every service-delivery row (for tests that rebuild the demo city in one
    database); the audit log and status events are append-only and stay. Rows of the other
    activities areas that point at these go first."""
    from volcity.activities.models import (
        CampaignSite,
        CampaignTeam,
        Certificate,
        CheckinAttempt,
        RecordCorrection,
    )
    from volcity.activities.models_campaigns import Campaign

    with transaction.atomic():
        for model in (
            StarAward,
            HourTotal,
            Certificate,
            RecordCorrection,
            ServiceRecord,
            CheckinAttempt,
            Signup,
            Shift,
            CampaignSite,
            CampaignTeam,
            Activity,
            Campaign,
            Project,
            Brand,
        ):
            model._default_manager.all().delete()
