"""Demo data of the registry: teams, a volunteer record for every volunteer account, their
memberships and team leaders, and Party members' community registrations.

Runs after ``accounts`` (INSTALLED_APPS order) and, like it, is a bulk path: rows go in with
``bulk_create`` in batches, one transaction each, not through the services. What the services
would keep is kept here too: volunteer numbers come from the same sequence (one block),
``member_count`` equals the active memberships, every leader holds a TEAM_LEADER grant.

Contract with ``volcity.accounts.seed``: the demo ``team_leader`` holds TEAM_LEADER with
team_id=1 in the first town, so team 1 is that town's civilized-practice team and
``team_leader`` is a volunteer who leads it; the demo ``volunteer`` is an active member of
their village's team. Names: ``volcity.registry.demo_data``; drawing a volunteer:
``volcity.registry.demo_volunteers``.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Count, Model, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from volcity.accounts.models import RoleGrant, User
from volcity.accounts.roles import Role
from volcity.core.seeding import SeedContext, write_in_batches
from volcity.core.sequences import sequence_take
from volcity.regions.models import Region
from volcity.registry.catalogue_data import SERVICE_CATEGORIES, SKILLS
from volcity.registry.demo_data import EMPLOYERS, Place, TownPlace, fill, team_plan
from volcity.registry.demo_volunteers import (
    FIRST_TEAM,
    TEAM_LEADER_USERNAME,
    Draft,
    Drawer,
    Joined,
    Person,
    TeamIndex,
)
from volcity.registry.models import (
    Membership,
    PartyRegistration,
    ServiceCategory,
    Skill,
    Team,
    Volunteer,
)
from volcity.registry.seed_geo import seed_coordinates
from volcity.registry.services.volunteers import NUMBER_SEQUENCE, volunteer_number_format

CONSENT_RECORDER = "city_admin"  # recorded the demo minors' guardian consent


# --- Teams ----------------------------------------------------------------------------------


def city_places() -> tuple[Place, list[TownPlace]]:
    city = Region.objects.filter(level=Region.Level.CITY).order_by("code").first()
    if city is None:
        raise RuntimeError("registry.seed needs the regions seeded first.")
    villages: dict[str, list[Place]] = {}
    for code, name, parent in (
        Region.objects.filter(level=Region.Level.VILLAGE)
        .order_by("code")
        .values_list("code", "name", "parent_id")
    ):
        villages.setdefault(parent, []).append(Place(code, name))
    towns = [
        TownPlace(Place(code, name), tuple(villages[code]))
        for code, name in Region.objects.filter(level=Region.Level.TOWN)
        .order_by("code")
        .values_list("code", "name")
        if villages.get(code)
    ]
    return Place(city.code, city.name), towns


def ensure_catalogue() -> dict[str, int]:
    """The starting skills and service categories, where missing: a flushed database (the
    PostgreSQL bench's) has lost the rows migration 0002 loaded."""
    written: dict[str, int] = {}
    catalogues: list[tuple[type[Skill] | type[ServiceCategory], list[tuple[str, str, str]]]] = [
        (Skill, SKILLS),
        (ServiceCategory, SERVICE_CATEGORIES),
    ]
    for model, rows in catalogues:
        have = set(model._default_manager.values_list("code", flat=True))
        missing: list[Model] = [
            model(code=code, name=name, name_en=name_en, sort=sort)
            for sort, (code, name, name_en) in enumerate(rows)
            if code not in have
        ]
        if missing:
            put_rows(model, missing)
            written[model._meta.db_table] = len(missing)
    return written


def put_rows(model: type[Model], objs: Sequence[Model]) -> None:
    model._default_manager.bulk_create(objs)


def seed_teams(ctx: SeedContext) -> tuple[list[Team], dict[str, int]]:
    """The teams with primary keys 1 … N in plan order (so team 1 is the first town's)."""
    if Team.objects.exists():
        raise RuntimeError("registry.seed fills an empty registry: teams already exist.")
    city, towns = city_places()
    plan = team_plan(city=city, towns=towns, total=ctx.count("teams"), rng=ctx.rng_for("teams"))
    teams = [
        Team(
            pk=n,
            name=spec.name,
            type=spec.type,
            level=spec.level,
            region_id=spec.region,
            parent_id=None if spec.parent is None else spec.parent + 1,
            status=Team.Status.ACTIVE,
        )
        for n, spec in enumerate(plan, start=1)
    ]
    categories = dict(ServiceCategory.objects.values_list("code", "id"))
    link = Team.categories.through
    links = [
        link(team_id=n, servicecategory_id=categories[code])
        for n, spec in enumerate(plan, start=1)
        for code in spec.categories
    ]
    with transaction.atomic():  # parents may follow children: foreign keys are deferred
        Team.objects.bulk_create(teams)
        link.objects.bulk_create(links)
        with connection.cursor() as cursor:  # primary keys were given: move the sequence on
            for sql in connection.ops.sequence_reset_sql(no_style(), [Team]):
                cursor.execute(sql)
    return teams, {Team._meta.db_table: len(teams), link._meta.db_table: len(links)}


# --- Volunteers -----------------------------------------------------------------------------


LINK_CHUNK = 400  # rows a statement: 800 parameters, under SQLite's 999


def insert_links(through: type[Model], pairs: Sequence[tuple[int, int]]) -> None:
    """Many-to-many link rows (two ids each) in multi-row INSERTs through the cursor.

    Measured at seed scale on SQLite, building a through-model instance and compiling it
    costs about four times the insert itself, and link rows are over half of the registry's
    rows; a multi-row INSERT is also PostgreSQL's fast path short of COPY.
    """
    quote = connection.ops.quote_name
    table = quote(through._meta.db_table)
    columns = ", ".join(quote(f.column) for f in through._meta.concrete_fields if not f.primary_key)
    head = f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608  (names from the model)
    with connection.cursor() as cursor:
        for start in range(0, len(pairs), LINK_CHUNK):
            chunk = pairs[start : start + LINK_CHUNK]
            values = ", ".join(["(%s, %s)"] * len(chunk))
            cursor.execute(head + values, [x for pair in chunk for x in pair])


def membership(volunteer: Volunteer, j: Joined) -> Membership:
    return Membership(
        volunteer_id=volunteer.pk,
        team_id=j.team,
        status=j.status,
        joined_at=j.joined_at,
        ended_at=j.ended_at,
    )


def registration(volunteer: Volunteer, employer: str, post: str) -> PartyRegistration:
    return PartyRegistration(
        volunteer_id=volunteer.pk,
        community_id=volunteer.region_id,
        employer=employer,
        service_post=post,
    )


def volunteer_people() -> list[Person]:
    """Every account holding VOLUNTEER, and the demo team leader, in account order."""
    first_villages = dict(
        Region.objects.filter(level=Region.Level.VILLAGE)
        .order_by("-code")
        .values_list("parent_id", "code")
    )
    holders = RoleGrant.objects.filter(role=Role.VOLUNTEER).values("user_id")
    rows = (
        User.objects.filter(pk__in=holders) | User.objects.filter(username=TEAM_LEADER_USERNAME)
    ).order_by("pk")
    people = []
    for pk, username, name, home, level, birth in rows.values_list(
        "pk", "username", "display_name", "home_region_id", "home_region__level", "birth_date"
    ):
        # Residence is a village: someone at a town lives in its first village.
        region = home if level == Region.Level.VILLAGE else first_villages.get(home)
        if region is not None:
            people.append(Person(pk, username, name, region, birth))
    return people


@dataclass
class Leaders:
    """One leader per team, drawn uniformly from its active members (reservoir sampling);
    demo logins are kept out of the draw, except team_leader for team 1."""

    rng: random.Random
    seen: dict[int, int] = field(default_factory=dict)
    chosen: dict[int, tuple[int, int]] = field(default_factory=dict)  # team → (membership, user)

    def offer(self, draft: Draft, membership: Membership) -> None:
        if membership.status != Membership.Status.ACTIVE:
            return
        user, team = draft.person.user_id, membership.team_id
        if draft.person.username == TEAM_LEADER_USERNAME and team == FIRST_TEAM:
            self.chosen[team] = (membership.pk, user)
            self.seen[team] = -1  # decided
        elif draft.is_demo_login or self.seen.get(team) == -1:
            return
        elif draft.volunteer.status == Volunteer.Status.ACTIVE:
            self.seen[team] = self.seen.get(team, 0) + 1
            if self.rng.random() * self.seen[team] < 1:
                self.chosen[team] = (membership.pk, user)


def seed_volunteers(ctx: SeedContext, teams: list[Team]) -> tuple[dict[str, int], Leaders]:
    people = volunteer_people()
    with transaction.atomic():  # one block of numbers for everyone
        first = sequence_take(NUMBER_SEQUENCE, max(1, len(people)))
    consent_by = User.objects.filter(username=CONSENT_RECORDER).values_list("pk", flat=True)
    skill_ids = dict(Skill.objects.order_by("sort", "code").values_list("code", "id"))
    category_ids = dict(ServiceCategory.objects.order_by("sort", "code").values_list("code", "id"))
    drawer = Drawer(
        rng=ctx.rng_for("registry.volunteers"),
        seed=ctx.seed,
        index=TeamIndex.of(teams),
        skills=list(skill_ids),
        categories=list(category_ids),
        employers=[fill(e, settings.VOLCITY_CITY_NAME) for e in EMPLOYERS],
        consent_by=consent_by.first(),
        now=timezone.now(),
        today=timezone.localdate(),
    )
    skill_link, category_link = Volunteer.skills.through, Volunteer.categories.through
    leaders = Leaders(ctx.rng_for("registry.leaders"))
    written: dict[str, int] = {}

    def put(model: type[Model], objs: Sequence[Model]) -> int:
        model._default_manager.bulk_create(objs)
        table = model._meta.db_table
        written[table] = written.get(table, 0) + len(objs)
        return len(objs)

    def link(through: type[Model], pairs: list[tuple[int, int]]) -> int:
        insert_links(through, pairs)
        table = through._meta.db_table
        written[table] = written.get(table, 0) + len(pairs)
        return len(pairs)

    def drafts() -> Iterator[Draft]:
        for n, person in enumerate(people):
            yield drawer.draw(n, person, volunteer_number_format(first + n))

    def write(batch: list[Draft]) -> int:
        rows = put(Volunteer, [d.volunteer for d in batch])  # primary keys come back
        skills = [(d.volunteer.pk, skill_ids[c]) for d in batch for c in d.skills]
        categories = [(d.volunteer.pk, category_ids[c]) for d in batch for c in d.categories]
        joined = [(d, membership(d.volunteer, j)) for d in batch for j in d.teams]
        party = [registration(d.volunteer, *d.party) for d in batch if d.party is not None]
        rows += link(skill_link, skills) + link(category_link, categories)
        rows += put(Membership, [m for _d, m in joined]) + put(PartyRegistration, party)
        for draft, m in joined:
            leaders.offer(draft, m)
        return rows

    with ctx.measure("registry.volunteers") as measure:
        measure.rows = write_in_batches(
            ctx, drafts(), total=len(people), label="registry volunteers", write=write
        )
    return written, leaders


# --- Leaders, member counts -----------------------------------------------------------------


def seed_leaders(chosen: dict[int, tuple[int, int]], teams: list[Team]) -> dict[str, int]:
    """Mark each team's leader and grant them TEAM_LEADER there (team 1's grant exists)."""
    regions = {t.pk: t.region_id for t in teams}
    held = set(RoleGrant.objects.filter(role=Role.TEAM_LEADER).values_list("user_id", "team_id"))
    grants = [
        RoleGrant(user_id=user, role=Role.TEAM_LEADER, region_id=regions[team], team_id=team)
        for team, (_membership, user) in sorted(chosen.items())
        if (user, team) not in held
    ]
    memberships = sorted(membership for membership, _user in chosen.values())
    with transaction.atomic():
        for start in range(0, len(memberships), 500):
            Membership.objects.filter(pk__in=memberships[start : start + 500]).update(
                is_leader=True
            )
        RoleGrant.objects.bulk_create(grants)
    return {RoleGrant._meta.db_table: len(grants)}


def count_members() -> None:
    """``member_count``: the active memberships of each team, as the services keep it."""
    active = (
        Membership.objects.filter(team=OuterRef("pk"), status=Membership.Status.ACTIVE)
        .order_by()
        .values("team")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Team.objects.update(member_count=Coalesce(Subquery(active), 0))


def home_the_team_leader() -> None:
    """The demo team leader lives where they volunteer: their first town's first village."""
    user = User.objects.filter(username=TEAM_LEADER_USERNAME).first()
    volunteer = Volunteer.objects.filter(user=user).values_list("region_id", flat=True).first()
    if user is not None and volunteer is not None and user.home_region_id != volunteer:
        User.objects.filter(pk=user.pk).update(home_region_id=volunteer)


def seed(ctx: SeedContext) -> dict[str, int]:
    catalogue = ensure_catalogue()
    teams, written = seed_teams(ctx)
    written.update(catalogue)
    volunteers, leaders = seed_volunteers(ctx, teams)
    written.update(volunteers)
    written.update(seed_leaders(leaders.chosen, teams))
    with transaction.atomic():
        count_members()
        home_the_team_leader()
    seed_coordinates()  # team bases and volunteers' homes, for dispatch distances
    return written
