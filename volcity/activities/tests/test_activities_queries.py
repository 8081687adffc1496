"""What volunteers can browse and what staff see: audience, filters, scope, query counts."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from volcity.activities.models import Activity
from volcity.activities.queries_activities import (
    ManageFilter,
    OpenFilter,
    activities_open_for,
    activity_detail,
    activity_list_for,
)
from volcity.activities.tests.factories import (
    activity_make,
    shift_make,
    team_led_by,
    volunteer_for,
)
from volcity.registry.models import ServiceCategory


@pytest.fixture
def team(people: dict[str, Any], city: dict[str, Any]) -> Any:
    return team_led_by(people["team_leader"], people["town_admin"], city["town1"].code)


@pytest.fixture
def volunteer(people: dict[str, Any], city: dict[str, Any]) -> Any:
    return volunteer_for(people["volunteer"], city["village11"].code)


def soon(days: int = 2) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


def open_titles(who: Any, flt: OpenFilter | None = None) -> list[str]:
    return [a.title for a in activities_open_for(who, flt)]


def test_volunteer_sees_published_recruiting_activities_with_a_shift_to_come(
    people: Any, team: Any, volunteer: Any
) -> None:
    lead = people["team_leader"]
    shift_make(activity_make(team, lead, title="可报名"), starts_at=soon())
    shift_make(activity_make(team, lead, title="草稿", status="draft"), starts_at=soon())
    shift_make(activity_make(team, lead, title="停招", recruiting=False), starts_at=soon())
    shift_make(activity_make(team, lead, title="已过"), starts_at=soon(-3))
    shift_make(activity_make(team, lead, title="班次取消"), starts_at=soon(), cancelled=True)
    assert open_titles(volunteer) == ["可报名"]


def test_audience_region_limits_who_sees_an_activity(
    people: Any, team: Any, city: Any, volunteer: Any
) -> None:
    lead = people["team_leader"]
    for title, audience in [
        ("全市", None),
        ("本镇", city["town1"]),
        ("本村", city["village11"]),
        ("邻村", city["village12"]),
        ("外镇", city["town2"]),
    ]:
        shift_make(
            activity_make(team, lead, title=title, audience_region=audience), starts_at=soon()
        )
    assert sorted(open_titles(volunteer)) == sorted(["全市", "本镇", "本村"])
    assert open_titles(None) == ["全市"]  # the public: city-wide ones only


def test_filters_by_category_region_and_day(
    people: Any, team: Any, city: Any, volunteer: Any
) -> None:
    lead = people["team_leader"]
    elderly = ServiceCategory.objects.get(code="elderly")
    a = activity_make(team, lead, title="助老", category=elderly, region_id=city["village11"].code)
    shift_make(a, starts_at=soon(2))
    b = activity_make(team, lead, title="环保", region_id=city["village21"].code)
    shift_make(b, starts_at=soon(5))
    assert open_titles(volunteer, OpenFilter(category="elderly")) == ["助老"]
    assert open_titles(volunteer, OpenFilter(region=city["town2"].code)) == ["环保"]
    day = timezone.localtime(soon(5)).date()
    assert open_titles(volunteer, OpenFilter(date=day)) == ["环保"]


def test_activities_in_the_volunteers_town_come_first(
    people: Any, team: Any, city: Any, volunteer: Any
) -> None:
    lead = people["team_leader"]
    shift_make(
        activity_make(team, lead, title="远", region_id=city["village21"].code), starts_at=soon(1)
    )
    shift_make(
        activity_make(team, lead, title="近", region_id=city["village12"].code), starts_at=soon(4)
    )
    found = activities_open_for(volunteer)
    assert [a.title for a in found] == ["近", "远"]
    assert vars(found[0])["seats_left"] == 10


def test_staff_see_only_their_teams_and_regions(people: Any, team: Any, city: Any) -> None:
    lead = people["team_leader"]
    mine = activity_make(team, lead, title="我的")
    other_team = team_led_by(people["other_town_admin"], people["city_admin"], city["town2"].code)
    activity_make(other_team, people["other_town_admin"], title="外镇的")
    titles = lambda who: sorted(a.title for a in activity_list_for(who))  # noqa: E731
    assert titles(people["team_leader"]) == ["我的"]
    assert titles(people["town_admin"]) == ["我的"]
    assert titles(people["other_town_admin"]) == ["外镇的"]
    assert titles(people["city_admin"]) == ["外镇的", "我的"]
    assert titles(people["volunteer"]) == []
    assert list(activity_list_for(people["team_leader"], ManageFilter(status="draft"))) == []
    assert mine.status == Activity.Status.PUBLISHED


def test_detail_reads_any_number_of_shifts_in_two_queries(
    people: Any, team: Any, django_assert_num_queries: Any
) -> None:
    activity = activity_make(team, people["team_leader"])
    for d in range(1, 8):
        shift_make(activity, starts_at=soon(d), capacity=4, seats_taken=d % 4)
    with django_assert_num_queries(2):
        detail = activity_detail(activity)
    assert len(detail.shifts) == 7
    assert [s.seats_left for s in detail.shifts][:3] == [3, 2, 1]


def test_open_list_query_count_does_not_grow_with_rows(
    people: Any, team: Any, volunteer: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(12):
        shift_make(
            activity_make(team, people["team_leader"], title=f"活动{n}"), starts_at=soon(1 + n)
        )
    with django_assert_max_num_queries(2):
        found = activities_open_for(volunteer)
        [(a.team.name, a.region.name, vars(a)["next_start"], vars(a)["seats_left"]) for a in found]
    assert len(found) == 12
