"""Reads of the sign-up area: my shifts, the roster (no query per row), open shifts with keyset
pages and the audience rule."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine

from volcity.activities.models import Signup
from volcity.activities.queries_signups import (
    audience_codes,
    my_signups,
    open_shifts_for,
    shift_roster,
)
from volcity.activities.services.signups import signup_cancel, signup_create
from volcity.activities.tests.factories import activity_make, new_volunteer, shift_make
from volcity.activities.tests.factories_signups import world

pytestmark = pytest.mark.django_db


def test_my_signups_splits_upcoming_and_past(people: Any, city: Any) -> None:
    w = world(people, city)
    v = new_volunteer(city["village11"].code)
    soon = signup_create(volunteer=v, shift=w.shift)
    later_shift = shift_make(w.activity, starts_at=w.shift.starts_at + datetime.timedelta(days=5))
    later = signup_create(volunteer=v, shift=later_shift)
    dropped_shift = shift_make(w.activity, starts_at=w.shift.starts_at + datetime.timedelta(days=9))
    dropped = signup_create(volunteer=v, shift=dropped_shift)
    signup_cancel(volunteer=v, signup=dropped)
    assert [s.pk for s in my_signups(v)] == [soon.pk, later.pk]
    assert list(my_signups(v, upcoming=False)) == []
    with time_machine.travel(w.shift.ends_at + datetime.timedelta(hours=1)):
        assert [s.pk for s in my_signups(v)] == [later.pk]
        assert [s.pk for s in my_signups(v, upcoming=False)] == [soon.pk]


def test_my_signups_lists_without_a_query_per_row(
    people: Any, city: Any, django_assert_max_num_queries: Any
) -> None:
    w = world(people, city)
    v = new_volunteer(city["village11"].code)
    for day in range(5):
        shift = shift_make(w.activity, starts_at=w.shift.starts_at + datetime.timedelta(days=day))
        signup_create(volunteer=v, shift=shift)
    with django_assert_max_num_queries(1):
        titles = [s.shift.activity.title for s in my_signups(v)]
    assert len(titles) == 5


def test_roster_orders_confirmed_then_wait_list_with_one_query(
    people: Any, city: Any, django_assert_max_num_queries: Any
) -> None:
    w = world(people, city)
    shift = shift_make(w.activity, capacity=2, starts_at=w.shift.starts_at)
    made = [
        signup_create(volunteer=new_volunteer(city["village11"].code), shift=shift)
        for _ in range(5)
    ]
    signup_cancel(volunteer=made[0].volunteer, signup=made[0])
    with django_assert_max_num_queries(1):
        rows = [(s.status, s.volunteer.user.phone, s.volunteer.number) for s in shift_roster(shift)]
    assert [r[0] for r in rows] == [
        "confirmed",
        "confirmed",
        "waitlisted",
        "waitlisted",
        "cancelled",
    ]


def test_open_shifts_follow_status_recruitment_time_and_audience(people: Any, city: Any) -> None:
    w = world(people, city)
    v = new_volunteer(city["village11"].code)
    start = w.shift.starts_at
    closed = activity_make(w.team, w.leader, recruiting=False)
    draft = activity_make(w.team, w.leader, status="draft")
    mine_only = activity_make(w.team, w.leader, audience_region=city["village11"])
    elsewhere = activity_make(w.team, w.leader, audience_region=city["town2"])
    shift_make(closed, starts_at=start)
    shift_make(draft, starts_at=start)
    shift_make(elsewhere, starts_at=start)
    shift_make(w.activity, starts_at=start, cancelled=True)
    ok_local = shift_make(mine_only, starts_at=start + datetime.timedelta(hours=4))
    page = open_shifts_for(v)
    assert [s.pk for s in page.items] == [w.shift.pk, ok_local.pk]
    assert page.next is None
    with time_machine.travel(start + datetime.timedelta(minutes=1)):
        assert [s.pk for s in open_shifts_for(v).items] == [ok_local.pk]


def test_open_shifts_come_in_keyset_pages(people: Any, city: Any) -> None:
    w = world(people, city)
    v = new_volunteer(city["village11"].code)
    # Two shifts at the very same time: the id breaks the tie.
    same = shift_make(w.activity, starts_at=w.shift.starts_at)
    more = [
        shift_make(w.activity, starts_at=w.shift.starts_at + datetime.timedelta(days=d))
        for d in (1, 2, 3)
    ]
    expected = [w.shift.pk, same.pk, *[s.pk for s in more]]
    seen: list[int] = []
    after = None
    for _ in range(5):
        page = open_shifts_for(v, after=after, limit=2)
        seen += [s.pk for s in page.items]
        if page.next is None:
            break
        after = page.next
    assert seen == expected
    # A damaged key starts from the top instead of failing.
    assert [s.pk for s in open_shifts_for(v, after="garbage", limit=1).items] == [w.shift.pk]


def test_audience_codes_are_the_region_and_those_above_it() -> None:
    assert audience_codes("370781001001") == ["370781000000", "370781001000", "370781001001"]
    assert audience_codes("370781001000") == ["370781000000", "370781001000"]


def test_signup_statuses_cover_the_roster_order() -> None:
    assert set(Signup.Status.values) == {"confirmed", "waitlisted", "cancelled", "no_show"}
