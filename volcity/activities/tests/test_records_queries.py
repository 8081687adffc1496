"""Reads of hours, stars and records: what each person sees, in a fixed number of queries."""

from __future__ import annotations

import datetime

import pytest

from volcity.activities.models import HourTotal
from volcity.activities.queries_records import (
    approved_minutes_by_volunteer_in,
    approved_service_in_communities,
    corrections_to_review_for,
    hour_totals_for,
    my_hours,
    my_records,
    records_to_decide_for,
)
from volcity.activities.services.corrections import correction_request
from volcity.activities.services.records import record_approve, record_decline
from volcity.activities.tests.factories import activity_make, volunteer_for
from volcity.activities.tests.factories_records import NOW, entered, stage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def s(people, city):
    return stage(people, city)


def test_my_hours_reads_the_totals_and_the_stars_in_two_queries(
    s, settings, django_assert_num_queries
):
    settings.VOLCITY_STAR_THRESHOLDS = [1, 2, 3, 4, 5]
    record_approve(actor=s.leader, record=entered(s, minutes=90))
    entered(s, minutes=30)
    with django_assert_num_queries(2):
        hours = my_hours(s.volunteer)
    assert (hours.minutes_approved, hours.minutes_pending) == (90, 30)
    assert (hours.records_approved, hours.records_pending, hours.records_count) == (1, 1, 2)
    assert (hours.hours_approved, hours.hours_pending) == ("1.5", "0.5")
    assert (hours.star_level, hours.next_threshold, hours.progress_percent) == (1, 2, 50)
    assert hours.hours_to_next == "0.5" and [st.level for st in hours.stars] == [1]


def test_my_hours_of_a_newcomer_are_zero_with_the_first_star_ahead(s):
    hours = my_hours(s.volunteer)
    assert (hours.minutes_approved, hours.star_level, hours.next_threshold) == (0, 0, 100)
    assert hours.progress_percent == 0 and hours.stars == []


def test_hour_totals_for_an_unknown_owner_is_a_zero_row(s):
    total = hour_totals_for(HourTotal.Kind.TEAM, 424242)
    assert (total.pk, total.minutes_approved) == (None, 0)


def test_my_records_come_newest_first_in_keyset_pages(s, django_assert_max_num_queries):
    made = [entered(s, minutes=10 + n) for n in range(5)]
    correction_request(volunteer=s.volunteer, record=made[-1], minutes=99, reason="改")
    with django_assert_max_num_queries(2):
        first = my_records(s.volunteer, limit=3)
    assert [r.pk for r in first.items] == [r.pk for r in reversed(made)][:3]
    waiting = [getattr(r, "correction_waiting") for r in first.items]  # noqa: B009
    assert waiting == [True, False, False]
    rest = my_records(s.volunteer, after=first.next, limit=3)
    assert [r.pk for r in rest.items] == [made[1].pk, made[0].pk] and rest.next is None


def test_records_to_decide_are_scoped_to_led_teams_and_administered_regions(s, people):
    record = entered(s)
    own = volunteer_for(s.leader, "370781001001")
    entered(s, volunteer=own, actor=s.admin)
    assert list(records_to_decide_for(s.leader)) == [record]  # not their own
    assert len(records_to_decide_for(s.admin)) == 2
    assert len(records_to_decide_for(people["village_admin"])) == 2
    assert not records_to_decide_for(people["other_town_admin"]).exists()
    assert not records_to_decide_for(people["volunteer"]).exists()
    assert not records_to_decide_for(s.admin, "approved").exists()
    assert len(records_to_decide_for(s.admin, "")) == 2


def test_records_to_decide_load_what_the_list_shows_in_one_query(s, django_assert_num_queries):
    for n in range(6):
        entered(s, minutes=20 + n)
    rows = records_to_decide_for(s.admin, team_id=s.team.pk)
    with django_assert_num_queries(1):
        shown = [
            (
                r.volunteer.user.display_name,
                r.team.name,
                r.region.name,
                getattr(r, "correction_waiting"),  # noqa: B009
            )
            for r in rows
        ]
    assert len(shown) == 6


def test_corrections_to_review_are_scoped(s, people):
    record = entered(s)
    correction_request(volunteer=s.volunteer, record=record, minutes=30, reason="改")
    assert corrections_to_review_for(s.leader).count() == 1
    assert corrections_to_review_for(people["other_town_admin"]).count() == 0
    assert corrections_to_review_for(people["volunteer"]).count() == 0


def test_approved_service_counts_only_the_home_community_and_the_period(s, city, people):
    at_home = entered(s, minutes=120, served_on=datetime.date(2026, 11, 10))
    record_approve(actor=s.admin, record=at_home)
    elsewhere = activity_make(s.team, s.leader, region_id=city["village12"].code)
    record_approve(actor=s.admin, record=entered(s, minutes=60, activity=elsewhere))
    record_decline(actor=s.admin, record=entered(s, minutes=45), reason="否")
    entered(s, minutes=30)  # pending: not counted
    sums = approved_service_in_communities(
        {s.volunteer.pk: city["village11"].code},
        datetime.date(2026, 10, 1),
        datetime.date(2027, 1, 1),
    )
    assert (sums[s.volunteer.pk].minutes, sums[s.volunteer.pk].records) == (120, 1)
    town = approved_minutes_by_volunteer_in(
        city["town1"].code, datetime.date(2026, 10, 1), datetime.date(2027, 1, 1), [s.volunteer.pk]
    )
    assert town == {s.volunteer.pk: 180}
    earlier = approved_service_in_communities(
        {s.volunteer.pk: city["village11"].code},
        datetime.date(2026, 7, 1),
        datetime.date(2026, 10, 1),
    )
    assert earlier == {}
