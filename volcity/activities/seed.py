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
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from volcity.accounts.models import RoleGrant, User
from volcity.accounts.roles import Role
from volcity.activities.demo_data import (
    BRANDS,
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
from volcity.activities.seed_records import (
    DEMO_APPROVED,
    DEMO_VOLUNTEER,
    FIRST_TEAM,
    FUTURE_ACTIVITIES,
    LAT,
    LNG,
    PAST_ACTIVITIES,
    RECORD_BATCH,
    City,
    Leads,
    RecordWriter,
    Stars,
    Work,
    _at,
    record_rows,
    servings,
    stars_from_totals,
    totals_from_records,
)
from volcity.core.seeding import SeedContext, write_in_batches
from volcity.regions.models import Region
from volcity.registry.choices import TeamLevel, TeamType
from volcity.registry.models import Membership, ServiceCategory, Team, Volunteer

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
