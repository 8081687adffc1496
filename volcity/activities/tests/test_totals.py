"""Hour totals stay equal to the sum of the records; stars come in order, once, with dates."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from volcity.activities.errors import RecordLocked
from volcity.activities.errors_records import NothingToCorrect
from volcity.activities.models import HourTotal, ServiceRecord, StarAward
from volcity.activities.services.corrections import correction_accept, correction_request
from volcity.activities.services.records import record_approve, record_decline
from volcity.activities.services.totals import region_chain
from volcity.activities.tests.factories import activity_make, new_volunteer
from volcity.activities.tests.factories_records import (
    NOW,
    assert_totals_match,
    entered,
    stage,
)
from volcity.core.lifecycle import TransitionNotAllowed
from volcity.registry.models import Volunteer

pytestmark = pytest.mark.django_db

OPERATION = st.one_of(
    st.tuples(st.just("create"), st.integers(0, 3), st.integers(1, 1440)),
    st.tuples(st.just("approve"), st.integers(0, 40), st.just(0)),
    st.tuples(st.just("decline"), st.integers(0, 40), st.just(0)),
    st.tuples(st.just("correct"), st.integers(0, 40), st.integers(1, 1440)),
)


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to(NOW, tick=False)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=st.lists(OPERATION, min_size=1, max_size=14))
def test_totals_equal_the_records_after_any_sequence_of_changes(people, city, operations):
    s = stage(people, city)
    others = [s.volunteer, new_volunteer(city["village12"].code)]
    places = [s.activity, activity_make(s.team, s.leader, region_id=city["village12"].code)]
    made: list[ServiceRecord] = []
    for op, n, minutes in operations:
        try:
            if op == "create":
                made.append(
                    entered(s, minutes=minutes, volunteer=others[n % 2], activity=places[n // 2])
                )
            elif not made:
                continue
            elif op == "approve":
                record_approve(actor=s.admin, record=made[n % len(made)])
            elif op == "decline":
                record_decline(actor=s.leader, record=made[n % len(made)], reason="不符")
            else:
                record = made[n % len(made)]
                correction = correction_request(
                    volunteer=Volunteer.objects.get(pk=record.volunteer_id),
                    record=record,
                    minutes=minutes,
                    reason="更正",
                )
                correction_accept(actor=s.leader, correction=correction)
        except (TransitionNotAllowed, RecordLocked, NothingToCorrect):
            pass
        assert_totals_match()


def test_the_region_rows_cover_the_village_its_town_and_the_city(people, city):
    s = stage(people, city)
    record = entered(s, minutes=45)
    record_approve(actor=s.admin, record=record)
    refs = region_chain(city["village11"].code)
    assert refs == [370781001001, 370781001000, 370781000000]
    rows = HourTotal.objects.filter(kind=HourTotal.Kind.REGION, ref__in=refs)
    assert sorted(r.minutes_approved for r in rows) == [45, 45, 45]


@pytest.fixture
def low_thresholds(settings):
    settings.VOLCITY_STAR_THRESHOLDS = [1, 2, 3, 4, 5]


def test_stars_are_awarded_in_order_with_dates_and_never_twice(
    people, city, low_thresholds, time_machine
):
    s = stage(people, city)
    first = entered(s, minutes=90)
    record_approve(actor=s.admin, record=first)
    assert list(StarAward.objects.values_list("level", flat=True)) == [1]
    time_machine.move_to(NOW + datetime.timedelta(days=1), tick=False)
    second = entered(s, minutes=200, served_on=datetime.date(2026, 11, 20))
    record_approve(actor=s.admin, record=second)
    awards = list(StarAward.objects.order_by("level"))
    assert [a.level for a in awards] == [1, 2, 3, 4]
    assert awards[0].earned_at == NOW
    assert {a.earned_at for a in awards[1:]} == {NOW + datetime.timedelta(days=1)}
    assert [a.minutes_at_award for a in awards] == [90, 290, 290, 290]
    s.volunteer.refresh_from_db()
    assert s.volunteer.star_level == 4
    # A correction that lowers the hours keeps the stars; raising them again awards none twice.
    lower = correction_request(volunteer=s.volunteer, record=second, minutes=10, reason="多算")
    correction_accept(actor=s.leader, correction=lower)
    assert StarAward.objects.count() == 4
    higher = correction_request(volunteer=s.volunteer, record=second, minutes=230, reason="补")
    correction_accept(actor=s.leader, correction=higher)
    assert list(StarAward.objects.order_by("level").values_list("level", flat=True)) == [
        1,
        2,
        3,
        4,
        5,
    ]
    assert StarAward.objects.filter(level=1).get().earned_at == NOW
    assert_totals_match()


def test_declined_and_pending_minutes_earn_no_star(people, city, low_thresholds):
    s = stage(people, city)
    entered(s, minutes=600)
    record_decline(actor=s.leader, record=entered(s, minutes=600), reason="不符")
    assert not StarAward.objects.exists()
