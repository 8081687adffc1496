"""Dispatch suggestions: ranked by distance, skills, availability and current load."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import translation

from volcity.activities.models import Signup
from volcity.activities.tests.factories import activity_make, shift_make
from volcity.dispatch.suggest import Suggestion, free_at, score_of, suggestions_for
from volcity.dispatch.tests.test_board_data import (
    menu_item,
    order_make,
    skill,
    team_at,
    volunteer_at,
)

pytestmark = pytest.mark.django_db

V = "370781001001"  # village 11, under the handling town (town 1)


def volunteers(found: list[Suggestion]) -> list[int]:
    return [s.id for s in found if s.kind == "volunteer"]


@pytest.fixture
def aid(city: dict[str, Any]) -> Any:
    return menu_item(city["town1"], skills=[skill("first_aid")])


def order_for(item: Any, city: dict[str, Any], **kw: Any) -> Any:
    return order_make(item, city["village11"], handling=city["town1"], status="approved", **kw)


def busy_with(volunteer: Any, item: Any, city: dict[str, Any], n: int) -> None:
    for _ in range(n):
        order_make(
            item,
            city["village11"],
            handling=city["town1"],
            status="dispatched",
            assigned_volunteer=volunteer,
            wanted_from=datetime.datetime(2030, 1, 1, 9, tzinfo=datetime.UTC),
        )


def test_closer_volunteer_wins_at_equal_load(city: dict[str, Any], aid: Any) -> None:
    far = volunteer_at(V, 4.0, skills=[skill("first_aid")])
    near = volunteer_at(V, 0.5, skills=[skill("first_aid")])
    found = suggestions_for(order_for(aid, city))
    assert volunteers(found) == [near.pk, far.pk]
    assert found[0].distance_m is not None and 400 < found[0].distance_m < 600


def test_less_loaded_volunteer_wins_when_distances_are_close(
    city: dict[str, Any], aid: Any
) -> None:
    busy = volunteer_at(V, 1.0, skills=[skill("first_aid")])
    free = volunteer_at(V, 1.5, skills=[skill("first_aid")])
    busy_with(busy, aid, city, 2)
    found = suggestions_for(order_for(aid, city))
    assert volunteers(found) == [free.pk, busy.pk]
    by_id = {s.id: s for s in found}
    assert (by_id[busy.pk].load, by_id[free.pk].load) == (2, 0)


def test_a_much_closer_volunteer_still_wins_over_a_far_idle_one(
    city: dict[str, Any], aid: Any
) -> None:
    busy = volunteer_at(V, 0.2, skills=[skill("first_aid")])
    far = volunteer_at(V, 25.0, skills=[skill("first_aid")])
    busy_with(busy, aid, city, 1)
    assert volunteers(suggestions_for(order_for(aid, city))) == [busy.pk, far.pk]


def test_volunteer_without_the_skill_is_not_suggested(city: dict[str, Any], aid: Any) -> None:
    cook = volunteer_at(V, 0.1, skills=[skill("cooking")])
    medic = volunteer_at(V, 3.0, skills=[skill("first_aid")])
    found = volunteers(suggestions_for(order_for(aid, city)))
    assert medic.pk in found
    assert cook.pk not in found


def test_volunteer_outside_the_handling_centre_is_not_suggested(
    city: dict[str, Any], aid: Any
) -> None:
    other_town = volunteer_at("370781002001", 0.1, skills=[skill("first_aid")])
    assert other_town.pk not in volunteers(suggestions_for(order_for(aid, city)))


def test_volunteer_on_a_shift_at_the_wanted_time_is_marked_unavailable(
    city: dict[str, Any], people: dict[str, Any], aid: Any
) -> None:
    on_shift = volunteer_at(V, 0.3, skills=[skill("first_aid")])
    free = volunteer_at(V, 0.6, skills=[skill("first_aid")])
    start = datetime.datetime(2030, 3, 4, 9, tzinfo=datetime.UTC)
    team = team_at(people["town_admin"], "370781001000", 5.0)
    shift = shift_make(activity_make(team, people["town_admin"]), starts_at=start, hours=4)
    Signup.objects.create(shift=shift, volunteer=on_shift, status="confirmed")
    order = order_for(aid, city, wanted_from=start + datetime.timedelta(hours=1))
    with translation.override("en"):
        found = {s.id: s for s in suggestions_for(order) if s.kind == "volunteer"}
        reasons = [str(r) for r in found[on_shift.pk].reasons]
    assert found[on_shift.pk].available is False
    assert any("shift" in r for r in reasons)
    assert found[free.pk].available is True
    assert volunteers(suggestions_for(order)) == [free.pk, on_shift.pk]


def test_volunteer_serving_another_order_then_is_unavailable(
    city: dict[str, Any], aid: Any
) -> None:
    start = datetime.datetime(2030, 3, 4, 9, tzinfo=datetime.UTC)
    serving = volunteer_at(V, 0.3, skills=[skill("first_aid")])
    order_make(
        aid,
        city["village11"],
        handling=city["town1"],
        status="accepted",
        assigned_volunteer=serving,
        wanted_from=start,
    )
    found = {s.id: s for s in suggestions_for(order_for(aid, city, wanted_from=start))}
    assert found[serving.pk].available is False
    assert found[serving.pk].load == 1


def test_teams_listed_on_the_item_are_suggested_with_their_load(
    city: dict[str, Any], people: dict[str, Any]
) -> None:
    near = team_at(people["town_admin"], "370781001000", 1.0)
    far = team_at(people["town_admin"], "370781001000", 6.0)
    item = menu_item(city["town1"], teams=[near, far])
    found = [s for s in suggestions_for(order_for(item, city)) if s.kind == "team"]
    assert [s.id for s in found] == [near.pk, far.pk]
    assert found[0].skill_match == 1.0 and found[0].load == 0


def test_suggestions_are_cut_at_the_limit(city: dict[str, Any], aid: Any) -> None:
    for km in (0.5, 1.0, 1.5, 2.0):
        volunteer_at(V, km, skills=[skill("first_aid")])
    assert len(suggestions_for(order_for(aid, city), limit=3)) == 3


def test_suggestions_take_a_bounded_number_of_queries(
    city: dict[str, Any], aid: Any, people: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    for km in (0.5, 1.0, 1.5, 2.0, 2.5):
        volunteer_at(V, km, skills=[skill("first_aid")])
    aid.teams.set([team_at(people["town_admin"], "370781001000", 1.0)])
    order = order_for(aid, city)
    with django_assert_max_num_queries(16):
        suggestions_for(order)


def test_score_weighs_distance_skill_availability_and_load() -> None:
    base = score_of(distance_m=1000, skill_match=1.0, available=True, load=0)
    assert score_of(distance_m=500, skill_match=1.0, available=True, load=0) > base
    assert score_of(distance_m=1000, skill_match=0.5, available=True, load=0) < base
    assert score_of(distance_m=1000, skill_match=1.0, available=False, load=0) < base
    assert score_of(distance_m=1000, skill_match=1.0, available=True, load=1) < base


def test_available_times_are_read_from_the_registry_slots() -> None:
    saturday_morning = datetime.datetime(2030, 3, 2, 2, tzinfo=datetime.UTC)  # 10:00 Beijing
    assert free_at([], saturday_morning)
    assert free_at(["any_time"], saturday_morning)
    assert free_at(["weekend_morning"], saturday_morning)
    assert not free_at(["weekday_evening"], saturday_morning)
