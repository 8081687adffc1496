from __future__ import annotations

import pytest

from volcity.accounts.models import RoleGrant, User
from volcity.accounts.roles import Role
from volcity.accounts.scope import scope_for, visible_to
from volcity.regions.models import Region

pytestmark = pytest.mark.django_db


def test_town_admin_sees_people_of_their_town_and_no_other(people, city):
    admin = people["town_admin"]
    seen = set(visible_to(admin, User.objects.all(), region_field="home_region"))
    assert people["volunteer"] in seen  # lives in village11, under town1
    assert people["resident"] in seen  # village12, also town1
    assert people["nobody"] not in seen  # village21, town2
    assert people["city_admin"] not in seen  # lives at the city level, above the town


def test_city_admin_sees_the_whole_city(people):
    seen = visible_to(people["city_admin"], User.objects.all(), region_field="home_region")
    assert seen.count() == User.objects.count()


def test_village_admin_scope_stops_at_the_village(people, city):
    scope = scope_for(people["village_admin"])
    assert scope.covers_region(city["village11"].code)
    assert not scope.covers_region(city["village12"].code)
    assert not scope.covers_region(city["town1"].code)


def test_team_leader_scope_is_the_team_not_the_town(people, city):
    scope = scope_for(people["team_leader"])
    assert scope.covers_team(1)
    assert not scope.covers_team(2)
    assert not scope.covers_region(city["village11"].code)


def test_volunteer_holds_no_staff_scope(people):
    assert scope_for(people["volunteer"]).empty
    assert (
        visible_to(people["volunteer"], User.objects.all(), region_field="home_region").count() == 0
    )


def test_anonymous_sees_nothing(db):
    from django.contrib.auth.models import AnonymousUser

    assert visible_to(AnonymousUser(), Region.objects.all(), region_field="code").count() == 0


def test_scope_is_asked_per_role(people, city):
    clerk = people["virtue_clerk"]
    assert scope_for(clerk, [Role.VIRTUE_CLERK]).covers_region(city["village11"].code)
    assert scope_for(clerk, [Role.WAREHOUSE_KEEPER]).empty


def test_nested_grants_collapse_to_the_outer_region(people, city):
    admin = people["town_admin"]
    RoleGrant.objects.create(user=admin, role=Role.VILLAGE_ADMIN, region=city["village11"])
    admin = User.objects.get(pk=admin.pk)
    assert scope_for(admin).prefixes == frozenset({city["town1"].path})


def test_region_field_filters_by_code_range_without_join(people, city):
    qs = visible_to(people["town_admin"], Region.objects.all(), region_field="code")
    assert set(qs.values_list("code", flat=True)) == {
        city["town1"].code,
        city["village11"].code,
        city["village12"].code,
    }
    assert "JOIN" not in str(qs.query)
