"""The registry's demo data: teams, a volunteer for every volunteer account, memberships,
leaders, Party registrations; deterministic per seed; scoped like real data."""

from __future__ import annotations

import random
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from volcity.accounts.models import RoleGrant, User
from volcity.accounts.roles import Role
from volcity.core.models import NumberSequence
from volcity.regions.models import Region
from volcity.registry.catalogue_data import SERVICE_CATEGORIES, SKILLS
from volcity.registry.choices import PARTY_STATUSES, TeamLevel, TeamType
from volcity.registry.demo_data import (
    PROFESSIONAL_TEAMS,
    Place,
    TownPlace,
    team_floor,
    team_plan,
)
from volcity.registry.models import (
    Membership,
    PartyRegistration,
    ServiceCategory,
    Skill,
    Team,
    Volunteer,
)
from volcity.registry.queries import VolunteerFilter, volunteer_list_for

SCALE = 0.0005  # 80 volunteer accounts
SEED = 7
FIRST_TOWN = "370781001000"


def seed_demo(seed: int = SEED) -> None:
    call_command("seed_demo", scale=SCALE, seed=seed, stdout=StringIO(), stderr=StringIO())


@pytest.fixture
def seeded(db: None) -> None:
    seed_demo()


def wipe() -> None:
    """Back to an empty database (the audit log is append-only and stays)."""
    from volcity.core.seeding import unseed_domains

    unseed_domains(after="volcity.registry")
    PartyRegistration.objects.all().delete()
    Membership.objects.all().delete()
    Volunteer.objects.all().delete()
    Team.objects.update(parent=None)
    Team.objects.all().delete()
    NumberSequence.objects.all().delete()
    RoleGrant.objects.all().delete()
    User.objects.all().delete()
    for level in (Region.Level.VILLAGE, Region.Level.TOWN, Region.Level.CITY):
        Region.objects.filter(level=level).delete()


def snapshot() -> dict[str, list[Any]]:
    """The registry by natural keys (numbers, names), without timestamps."""
    teams = [
        (t.pk, t.name, t.type, t.level, t.region_id, t.parent_id, t.member_count,
         sorted(c.code for c in t.categories.all()))
        for t in Team.objects.prefetch_related("categories").order_by("pk")
    ]  # fmt: skip
    volunteers = [
        (v.number, v.user.username, v.region_id, v.status, v.political_status, v.star_level,
         v.available_times, v.emergency_name, v.guardian_name,
         sorted(s.code for s in v.skills.all()), sorted(c.code for c in v.categories.all()))
        for v in Volunteer.objects.select_related("user")
        .prefetch_related("skills", "categories")
        .order_by("number")
    ]  # fmt: skip
    memberships = sorted(
        Membership.objects.values_list("volunteer__number", "team_id", "status", "is_leader")
    )
    party = sorted(
        PartyRegistration.objects.values_list("volunteer__number", "employer", "service_post")
    )
    return {"teams": teams, "volunteers": volunteers, "memberships": memberships, "party": party}


def test_the_seventeen_municipal_professional_teams_are_a_filter_away(seeded: None) -> None:
    professional = Team.objects.filter(type=TeamType.PROFESSIONAL, level=TeamLevel.MUNICIPAL)
    assert professional.count() == len(PROFESSIONAL_TEAMS) == 17
    assert set(professional.values_list("region_id", flat=True)) == {"370781000000"}
    assert "青州市医疗卫生志愿服务队" in set(professional.values_list("name", flat=True))
    assert Team.objects.filter(name="青州阳光社工服务中心").exists()
    assert not Team.objects.exclude(status=Team.Status.ACTIVE).exists()


def test_every_town_has_its_practice_team_and_village_teams_under_it(seeded: None) -> None:
    towns = Region.objects.filter(level=Region.Level.TOWN)
    practice = Team.objects.filter(type=TeamType.CIVILIZED_PRACTICE)
    assert {t.region_id for t in practice.filter(level=TeamLevel.TOWN)} == {t.code for t in towns}
    villages = practice.filter(level=TeamLevel.VILLAGE).select_related("parent")
    assert villages.count() >= towns.count()
    for team in villages:
        assert team.parent is not None and team.parent.level == TeamLevel.TOWN
        assert team.region_id.startswith(team.parent.region_id[:9])


def test_team_one_is_the_first_towns_team_led_by_the_demo_team_leader(seeded: None) -> None:
    team = Team.objects.get(pk=1)
    assert (team.region_id, team.type, team.level) == (
        FIRST_TOWN,
        TeamType.CIVILIZED_PRACTICE,
        TeamLevel.TOWN,
    )
    leader = User.objects.get(username="team_leader")
    membership = Membership.objects.get(volunteer__user=leader, team=team)
    assert membership.status == Membership.Status.ACTIVE and membership.is_leader
    assert list(leader.grants.values_list("role", "team_id")) == [(Role.TEAM_LEADER, 1)]
    assert Membership.objects.filter(team=team, is_leader=True).count() == 1
    assert membership.volunteer.region_id.startswith(FIRST_TOWN[:9])
    assert leader.home_region_id == membership.volunteer.region_id


def test_every_volunteer_account_is_a_volunteer_with_a_14_digit_number(seeded: None) -> None:
    accounts = set(RoleGrant.objects.filter(role=Role.VOLUNTEER).values_list("user_id", flat=True))
    records = dict(Volunteer.objects.values_list("user_id", "number"))
    assert len(accounts) == 80 + 1  # the volunteers and the demo volunteer
    assert accounts <= set(records)
    numbers = sorted(records.values())
    assert len(set(numbers)) == len(numbers)
    assert all(len(n) == 14 and n.isdigit() and n.startswith("370781") for n in numbers)
    # One block from the sequence the services use: the next registration follows on.
    serials = [int(n[6:]) for n in numbers]
    assert serials == list(range(1, len(numbers) + 1))
    assert NumberSequence.objects.get(name="volunteer_number").next_value == len(numbers) + 1


def test_volunteers_live_in_their_accounts_home_village(seeded: None) -> None:
    for v in Volunteer.objects.select_related("user", "region"):
        assert v.region.level == Region.Level.VILLAGE
        assert v.user.home_region_id == v.region_id


def test_demo_volunteer_is_an_active_member_of_their_village_team(seeded: None) -> None:
    volunteer = Volunteer.objects.get(user__username="volunteer")
    assert volunteer.status == Volunteer.Status.ACTIVE
    home = Membership.objects.get(volunteer=volunteer, team__region=volunteer.region)
    assert home.status == Membership.Status.ACTIVE and not home.is_leader
    assert home.team.level == TeamLevel.VILLAGE


def test_member_count_equals_active_memberships(seeded: None) -> None:
    counted = Team.objects.annotate(
        active=Count("memberships", filter=Q(memberships__status=Membership.Status.ACTIVE))
    )
    assert all(t.member_count == t.active for t in counted)
    assert sum(t.member_count for t in counted) > 0


def test_each_team_with_members_has_one_leader_holding_the_team_role(seeded: None) -> None:
    demo_logins = {"team_leader", "volunteer"}  # kept out of the draw (their grants are fixed)
    for team in Team.objects.filter(member_count__gt=0):
        active = set(
            team.memberships.filter(status=Membership.Status.ACTIVE).values_list(
                "volunteer__user__username", flat=True
            )
        )
        leaders = list(Membership.objects.filter(team=team, is_leader=True))
        assert len(leaders) == (0 if active <= demo_logins - {"team_leader"} else 1)
        for leader in leaders:
            assert leader.status == Membership.Status.ACTIVE
            assert RoleGrant.objects.filter(
                user=leader.volunteer.user_id,
                role=Role.TEAM_LEADER,
                team_id=team.pk,
                region=team.region_id,
            ).exists()
    assert not Membership.objects.filter(is_leader=True, team__member_count=0).exists()
    assert not RoleGrant.objects.filter(user__username="volunteer", role=Role.TEAM_LEADER).exists()


def test_memberships_average_about_one_and_a_third_and_mostly_active(seeded: None) -> None:
    volunteers = Volunteer.objects.count()
    memberships = Membership.objects.count()
    active = Membership.objects.filter(status=Membership.Status.ACTIVE).count()
    assert 1.0 <= memberships / volunteers <= 1.6
    assert active / memberships > 0.75


def test_minors_are_active_only_with_consent_recorded(seeded: None) -> None:
    for v in Volunteer.objects.exclude(guardian_name=""):
        if v.status == Volunteer.Status.ACTIVE:
            assert v.guardian_consent_at is not None and v.guardian_consent_by_id is not None
        else:
            assert v.status == Volunteer.Status.PENDING_CONSENT
            assert v.guardian_consent_at is None
            assert not v.memberships.filter(status=Membership.Status.ACTIVE).exists()


def test_party_registrations_are_party_members_at_home(seeded: None) -> None:
    registrations = PartyRegistration.objects.select_related("volunteer")
    for r in registrations:
        assert r.volunteer.political_status in PARTY_STATUSES
        assert r.community_id == r.volunteer.region_id
        assert r.employer and r.service_post


def test_town_admin_sees_the_volunteers_of_their_town_only(seeded: None) -> None:
    town_admin = User.objects.get(username="town_admin")
    seen = set(volunteer_list_for(town_admin).values_list("number", flat=True))
    in_town = set(
        Volunteer.objects.filter(region__parent_id=FIRST_TOWN).values_list("number", flat=True)
    )
    assert seen and seen == in_town
    city_admin = User.objects.get(username="city_admin")
    assert volunteer_list_for(city_admin).count() == Volunteer.objects.count() > len(seen)
    other = Region.objects.filter(parent_id="370781002000").values_list("code", flat=True)[0]
    assert not volunteer_list_for(town_admin, VolunteerFilter(region=other)).exists()


def test_team_leader_sees_the_people_of_their_team(seeded: None) -> None:
    leader = User.objects.get(username="team_leader")
    seen = set(volunteer_list_for(leader).values_list("pk", flat=True))
    in_team = set(
        Membership.objects.filter(team_id=1, status__in=Membership.OPEN).values_list(
            "volunteer_id", flat=True
        )
    )
    assert seen == in_team


def test_same_seed_in_a_fresh_database_gives_the_same_registry(seeded: None) -> None:
    first = snapshot()
    wipe()
    seed_demo()
    assert snapshot() == first
    wipe()
    seed_demo(SEED + 1)
    assert snapshot()["volunteers"] != first["volunteers"]


def test_the_plan_at_seed_scale_has_1300_teams_with_distinct_names() -> None:
    city = Place("370781000000", "青州市")
    towns = [
        TownPlace(
            Place(f"370781{t:03d}000", f"第{t}镇"),
            tuple(Place(f"370781{t:03d}{v:03d}", f"第{t}镇{v}村") for v in range(1, 61)),
        )
        for t in range(1, 13)
    ]
    plan = team_plan(city=city, towns=towns, total=1300, rng=random.Random(SEED))
    assert len(plan) == 1300
    assert len({(s.region, s.name) for s in plan}) == 1300
    assert plan[0].region == "370781001000" and plan[0].type == TeamType.CIVILIZED_PRACTICE
    assert all(1 <= len(s.categories) <= 3 for s in plan)
    assert all(s.parent is None or s.parent < len(plan) for s in plan)
    small = team_plan(city=city, towns=towns, total=1, rng=random.Random(SEED))
    assert len(small) == team_floor(len(towns))


@pytest.mark.django_db
def test_seed_brings_back_the_starting_catalogue_of_a_flushed_database() -> None:
    Skill.objects.all().delete()
    ServiceCategory.objects.all().delete()
    seed_demo()
    assert Skill.objects.count() == len(SKILLS)
    assert ServiceCategory.objects.count() == len(SERVICE_CATEGORIES)
    assert Volunteer.objects.filter(skills__isnull=False).exists()
