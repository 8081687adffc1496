from __future__ import annotations

import datetime

import pytest
import time_machine

from volcity.registry.queries import (
    TeamFilter,
    VolunteerFilter,
    birth_date_range,
    team_list_for,
    volunteer_get_for,
    volunteer_list_for,
)
from volcity.registry.services import TeamIn, membership_apply, team_register
from volcity.registry.tests.helpers import active_team, id_number, register

pytestmark = pytest.mark.django_db


def test_town_admin_finds_only_volunteers_of_their_town(city, people):
    mine = register(city["village12"].code)
    theirs = register(city["village21"].code)
    seen = set(volunteer_list_for(people["town_admin"]))
    assert mine in seen and theirs not in seen
    from volcity.core.errors import NotFound

    with pytest.raises(NotFound):
        volunteer_get_for(people["town_admin"], theirs.pk)


def test_team_leader_sees_applicants_to_their_team_wherever_they_live(city, people, make_user):
    team = active_team(people["city_admin"], city["town2"].code, name="乙队")
    leader = make_user("team_leader", "town2", team_id=team.pk)
    applicant = register(city["village11"].code)
    stranger = register(city["village21"].code)
    membership_apply(volunteer=applicant, team=team)
    seen = set(volunteer_list_for(leader))
    assert applicant in seen and stranger not in seen


def test_volunteer_sees_only_themselves(city, people):
    v = register(city["village11"].code)
    other = register(city["village11"].code)
    assert volunteer_get_for(v.user, v.pk) == v
    assert list(volunteer_list_for(v.user)) == []
    from volcity.core.errors import NotFound

    with pytest.raises(NotFound):
        volunteer_get_for(v.user, other.pk)


def test_search_by_number_phone_name_skill_and_age_band(city, people):
    with time_machine.travel(datetime.datetime(2026, 11, 29, tzinfo=datetime.UTC)):
        a = register(
            city["village11"].code, name="张三", skills=["driving"], id_number=id_number("19600101")
        )
        b = register(
            city["village12"].code,
            name="李四",
            skills=["first_aid"],
            id_number=id_number("20000101"),
        )
        admin = people["city_admin"]

        def found(**kw):
            return set(volunteer_list_for(admin, VolunteerFilter(**kw)))

        assert found(q=a.number) == {a}
        assert found(q=f"+86 {b.user.phone}") == {b}
        assert found(q="张") == {a}
        assert found(skill="driving") == {a}
        assert found(region=city["village12"].code) == {b}
        assert found(age_band="60_plus") == {a}
        assert found(age_band="18_35") == {b}


def test_age_band_edges():
    today = datetime.date(2026, 11, 29)
    low, high = birth_date_range("18_35", today)
    assert high == datetime.date(2008, 11, 29)  # turned 18 today
    assert low == datetime.date(1990, 11, 30)  # turns 36 tomorrow


def test_pending_teams_are_seen_only_by_those_who_decide(city, people):
    pending = team_register(
        actor=people["town_admin"],
        data=TeamIn(name="待批队", type="association", level="town", region=city["town1"].code),
    )
    assert pending in set(team_list_for(people["town_admin"]))
    assert pending not in set(team_list_for(people["other_town_admin"]))
    assert pending not in set(team_list_for(people["volunteer"]))


def test_municipal_professional_teams_are_a_filter_away(city, people):
    active_team(
        people["city_admin"],
        city["city"].code,
        name="青州市医疗志愿服务队",
        level="municipal",
        type="professional",
    )
    active_team(people["city_admin"], city["town1"].code, name="镇队")
    flt = TeamFilter(type="professional", level="municipal")
    assert [t.name for t in team_list_for(people["volunteer"], flt)] == ["青州市医疗志愿服务队"]


def test_region_filter_by_a_town_code_keeps_to_that_town(city, people):
    from volcity.regions.models import Region

    town10 = Region.objects.create(
        code="370781010000",
        name="十号镇",
        level=2,
        kind="town",
        path="370781010",
        parent=city["city"],
    )
    town11 = Region.objects.create(
        code="370781011000",
        name="十一号镇",
        level=2,
        kind="town",
        path="370781011",
        parent=city["city"],
    )
    v10 = Region.objects.create(
        code="370781010001",
        name="甲村",
        level=3,
        kind="village",
        path="370781010001",
        parent=town10,
    )
    v11 = Region.objects.create(
        code="370781011001",
        name="乙村",
        level=3,
        kind="village",
        path="370781011001",
        parent=town11,
    )
    a, b = register(v10.code), register(v11.code)
    found = set(volunteer_list_for(people["city_admin"], VolunteerFilter(region=town10.code)))
    assert found == {a}
    assert b not in found
