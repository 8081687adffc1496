"""Cancelling, the wait-list and its promotion, leaders adding and removing people, no-shows;
the seat counters equal the sums of the party sizes after every step."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.db import transaction

from volcity.accounts.sms import OutboxSmsBackend
from volcity.activities.errors import CancelTooLate, NotAllowed, ShiftFull
from volcity.activities.errors_signups import ShiftNotEnded
from volcity.activities.models import HourTotal, Signup
from volcity.activities.services.signups import (
    signup_add,
    signup_cancel,
    signup_create,
    signup_excuse_no_show,
    signup_remove,
    signups_mark_no_show,
    signups_promote,
)
from volcity.activities.tests.factories import new_volunteer, shift_make
from volcity.activities.tests.factories_signups import assert_counters, world
from volcity.core.lifecycle import ReasonRequired, TransitionNotAllowed

pytestmark = pytest.mark.django_db


def _full_shift(people: Any, city: Any, capacity: int = 2, **fields: Any) -> Any:
    w = world(people, city, **fields)
    w.shift = shift_make(
        w.activity, capacity=capacity, starts_at=w.shift.starts_at + datetime.timedelta(days=1)
    )
    return w


def test_cancel_frees_the_seat_and_promotes_the_wait_list_head(
    people: Any, city: Any, django_capture_on_commit_callbacks: Any
) -> None:
    w = _full_shift(people, city, capacity=1)
    vs = [new_volunteer(city["village11"].code) for _ in range(3)]
    first, second, third = (signup_create(volunteer=v, shift=w.shift) for v in vs)
    assert [s.status for s in (first, second, third)] == ["confirmed", "waitlisted", "waitlisted"]
    with django_capture_on_commit_callbacks(execute=True):
        signup_cancel(volunteer=vs[0], signup=first)
    statuses = dict(Signup.objects.filter(shift=w.shift).values_list("pk", "status"))
    assert statuses == {first.pk: "cancelled", second.pk: "confirmed", third.pk: "waitlisted"}
    assert_counters(w.shift)
    assert (w.shift.seats_taken, w.shift.seats_waiting) == (1, 1)
    assert [m.phone for m in OutboxSmsBackend.outbox] == [vs[1].user.phone]


def test_promotion_keeps_order_and_stops_at_a_party_that_does_not_fit(
    people: Any, city: Any, django_capture_on_commit_callbacks: Any
) -> None:
    w = _full_shift(people, city, capacity=3, max_party_size=3)
    holder = new_volunteer(city["village11"].code)
    held = signup_create(volunteer=holder, shift=w.shift, party_size=2)
    signup_create(volunteer=new_volunteer(city["village11"].code), shift=w.shift)
    big = signup_create(
        volunteer=new_volunteer(city["village11"].code), shift=w.shift, party_size=3
    )
    small = signup_create(volunteer=new_volunteer(city["village11"].code), shift=w.shift)
    assert (big.status, small.status) == ("waitlisted", "waitlisted")
    with django_capture_on_commit_callbacks(execute=True):
        signup_cancel(volunteer=holder, signup=held)
    big.refresh_from_db()
    small.refresh_from_db()
    # Two seats free, the head wants three: nobody jumps the queue.
    assert (big.status, small.status) == ("waitlisted", "waitlisted")
    assert OutboxSmsBackend.outbox == []
    assert_counters(w.shift)


def test_sms_is_sent_only_after_commit(
    people: Any, city: Any, django_capture_on_commit_callbacks: Any
) -> None:
    w = _full_shift(people, city, capacity=1)
    a, b = new_volunteer(city["village11"].code), new_volunteer(city["village11"].code)
    first = signup_create(volunteer=a, shift=w.shift)
    signup_create(volunteer=b, shift=w.shift)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                signup_cancel(volunteer=a, signup=first)
                raise RuntimeError("roll back")
        except RuntimeError:
            pass
    assert callbacks == []
    assert OutboxSmsBackend.outbox == []
    first.refresh_from_db()
    assert first.status == "confirmed"
    assert_counters(w.shift)


def test_late_cancel_of_a_confirmed_place_is_refused(people: Any, city: Any, settings: Any) -> None:
    settings.VOLCITY_CANCEL_NOTICE_HOURS = 24
    w = world(people, city)
    v = new_volunteer(city["village11"].code)
    signup = signup_create(volunteer=v, shift=w.shift)
    with time_machine.travel(w.shift.starts_at - datetime.timedelta(hours=23)):
        with pytest.raises(CancelTooLate) as info:
            signup_cancel(volunteer=v, signup=signup)
    assert info.value.code == "cancel_too_late"
    assert "signup" in info.value.fields
    signup.refresh_from_db()
    assert signup.status == "confirmed"
    assert_counters(w.shift)


def test_cancel_just_before_the_notice_period_is_allowed(
    people: Any, city: Any, settings: Any
) -> None:
    settings.VOLCITY_CANCEL_NOTICE_HOURS = 24
    w = world(people, city)
    v = new_volunteer(city["village11"].code)
    signup = signup_create(volunteer=v, shift=w.shift)
    with time_machine.travel(w.shift.starts_at - datetime.timedelta(hours=25)):
        assert signup_cancel(volunteer=v, signup=signup).status == "cancelled"
    assert_counters(w.shift)


def test_wait_listed_volunteer_can_always_cancel(people: Any, city: Any) -> None:
    w = _full_shift(people, city, capacity=1)
    signup_create(volunteer=new_volunteer(city["village11"].code), shift=w.shift)
    v = new_volunteer(city["village11"].code)
    waiting = signup_create(volunteer=v, shift=w.shift)
    with time_machine.travel(w.shift.starts_at - datetime.timedelta(hours=1)):
        assert signup_cancel(volunteer=v, signup=waiting).status == "cancelled"
    assert_counters(w.shift)
    assert w.shift.seats_waiting == 0


def test_nobody_cancels_another_persons_sign_up(people: Any, city: Any) -> None:
    w = world(people, city)
    owner, other = new_volunteer(city["village11"].code), new_volunteer(city["village11"].code)
    signup = signup_create(volunteer=owner, shift=w.shift)
    with pytest.raises(NotAllowed):
        signup_cancel(volunteer=other, signup=signup)
    signup.refresh_from_db()
    assert signup.status == "confirmed"


def test_cancelling_twice_is_refused(people: Any, city: Any) -> None:
    w = world(people, city)
    v = new_volunteer(city["village11"].code)
    signup = signup_create(volunteer=v, shift=w.shift)
    signup_cancel(volunteer=v, signup=signup)
    with pytest.raises(TransitionNotAllowed):
        signup_cancel(volunteer=v, signup=signup)
    assert_counters(w.shift)


def test_leader_adds_a_person_outside_the_audience(people: Any, city: Any) -> None:
    w = world(people, city, audience_region=city["town1"])
    far = new_volunteer(city["village21"].code)
    signup = signup_add(actor=w.leader, shift=w.shift, volunteer=far)
    assert signup.status == "confirmed"
    assert signup.added_by == w.leader
    assert_counters(w.shift)


def test_leader_add_keeps_the_other_rules(people: Any, city: Any) -> None:
    w = world(people, city, max_party_size=2)
    v = new_volunteer(city["village11"].code)
    signup_add(actor=w.leader, shift=w.shift, volunteer=v)
    from volcity.activities.errors import AlreadySignedUp, PartyTooLarge

    with pytest.raises(AlreadySignedUp):
        signup_add(actor=w.leader, shift=w.shift, volunteer=v)
    with pytest.raises(PartyTooLarge):
        signup_add(
            actor=w.leader,
            shift=w.shift,
            volunteer=new_volunteer(city["village11"].code),
            party_size=3,
        )
    assert_counters(w.shift)


def test_only_those_who_run_the_activity_add_and_remove(people: Any, city: Any) -> None:
    w = world(people, city)
    v = new_volunteer(city["village11"].code)
    for outsider in (people["other_town_admin"], people["volunteer"], people["dispatcher"]):
        with pytest.raises(NotAllowed):
            signup_add(actor=outsider, shift=w.shift, volunteer=v)
    signup = signup_add(actor=people["town_admin"], shift=w.shift, volunteer=v)
    with pytest.raises(NotAllowed):
        signup_remove(actor=people["other_town_admin"], signup=signup, reason="x")
    assert Signup.objects.filter(shift=w.shift).count() == 1
    assert_counters(w.shift)


def test_leader_removes_with_a_reason_and_the_wait_list_moves_up(
    people: Any, city: Any, django_capture_on_commit_callbacks: Any
) -> None:
    w = _full_shift(people, city, capacity=1)
    a, b = new_volunteer(city["village11"].code), new_volunteer(city["village11"].code)
    first = signup_create(volunteer=a, shift=w.shift)
    waiting = signup_create(volunteer=b, shift=w.shift)
    with pytest.raises(ReasonRequired):
        signup_remove(actor=w.leader, signup=first, reason="  ")
    assert_counters(w.shift)
    with django_capture_on_commit_callbacks(execute=True):
        # Removal works even within the notice period.
        with time_machine.travel(w.shift.starts_at - datetime.timedelta(hours=1)):
            signup_remove(actor=w.leader, signup=first, reason="身体不适")
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert len(OutboxSmsBackend.outbox) == 1
    assert_counters(w.shift)


def test_signups_promote_fills_seats_added_later(people: Any, city: Any) -> None:
    w = _full_shift(people, city, capacity=1)
    signup_create(volunteer=new_volunteer(city["village11"].code), shift=w.shift)
    waiting = signup_create(volunteer=new_volunteer(city["village11"].code), shift=w.shift)
    w.shift.capacity = 2
    w.shift.save(update_fields=["capacity"])
    promoted = signups_promote(w.shift)
    assert [s.pk for s in promoted] == [waiting.pk]
    assert_counters(w.shift)


def test_no_shows_are_marked_after_the_shift_and_counted(people: Any, city: Any) -> None:
    w = world(people, city)
    came, absent = new_volunteer(city["village11"].code), new_volunteer(city["village11"].code)
    here = signup_create(volunteer=came, shift=w.shift)
    away = signup_create(volunteer=absent, shift=w.shift)
    Signup.objects.filter(pk=here.pk).update(checked_in_at=w.shift.starts_at)
    with pytest.raises(ShiftNotEnded):
        signups_mark_no_show(shift=w.shift)
    marked = signups_mark_no_show(
        shift=w.shift, now=w.shift.ends_at + datetime.timedelta(minutes=1)
    )
    assert marked == 1
    away.refresh_from_db()
    here.refresh_from_db()
    assert (here.status, away.status) == ("confirmed", "no_show")
    assert HourTotal.objects.get(kind="v", ref=absent.pk).no_shows == 1
    assert not HourTotal.objects.filter(kind="v", ref=came.pk, no_shows__gt=0).exists()
    assert_counters(w.shift)
    # Again: nothing more to mark.
    assert (
        signups_mark_no_show(shift=w.shift, now=w.shift.ends_at + datetime.timedelta(hours=1)) == 0
    )
    assert HourTotal.objects.get(kind="v", ref=absent.pk).no_shows == 1


def test_no_show_sweep_without_a_shift_marks_every_ended_shift(people: Any, city: Any) -> None:
    w = world(people, city)
    later = shift_make(w.activity, starts_at=w.shift.starts_at + datetime.timedelta(days=3))
    v = new_volunteer(city["village11"].code)
    signup_create(volunteer=v, shift=w.shift)
    signup_create(volunteer=v, shift=later)
    assert signups_mark_no_show(now=w.shift.ends_at + datetime.timedelta(minutes=1)) == 1
    assert HourTotal.objects.get(kind="v", ref=v.pk).no_shows == 1
    assert_counters(w.shift)
    assert_counters(later)


def test_only_the_activitys_runners_mark_no_shows(people: Any, city: Any) -> None:
    w = world(people, city)
    signup_create(volunteer=new_volunteer(city["village11"].code), shift=w.shift)
    with pytest.raises(NotAllowed):
        signups_mark_no_show(
            shift=w.shift,
            now=w.shift.ends_at + datetime.timedelta(minutes=1),
            actor=people["other_town_admin"],
        )
    assert Signup.objects.filter(status="no_show").count() == 0


def test_excused_no_show_is_confirmed_again_and_uncounted(people: Any, city: Any) -> None:
    w = world(people, city)
    v = new_volunteer(city["village11"].code)
    signup = signup_create(volunteer=v, shift=w.shift)
    signups_mark_no_show(shift=w.shift, now=w.shift.ends_at + datetime.timedelta(minutes=1))
    signup.refresh_from_db()
    with pytest.raises(ReasonRequired):
        signup_excuse_no_show(actor=w.leader, signup=signup, reason="")
    with pytest.raises(NotAllowed):
        signup_excuse_no_show(actor=people["other_town_admin"], signup=signup, reason="请假")
    signup_excuse_no_show(actor=w.leader, signup=signup, reason="提前请过假")
    signup.refresh_from_db()
    assert signup.status == "confirmed"
    assert HourTotal.objects.get(kind="v", ref=v.pk).no_shows == 0
    assert_counters(w.shift)


def test_excuse_refused_when_the_seat_is_gone(people: Any, city: Any) -> None:
    w = _full_shift(people, city, capacity=1)
    v = new_volunteer(city["village11"].code)
    signup = signup_create(volunteer=v, shift=w.shift)
    signups_mark_no_show(shift=w.shift, now=w.shift.ends_at + datetime.timedelta(minutes=1))
    # Someone else holds the seat now (entered by hand after the fact).
    other = new_volunteer(city["village11"].code)
    Signup.objects.create(shift=w.shift, volunteer=other, status="confirmed")
    type(w.shift).objects.filter(pk=w.shift.pk).update(seats_taken=1)
    signup.refresh_from_db()
    with pytest.raises(ShiftFull):
        signup_excuse_no_show(actor=w.leader, signup=signup, reason="请过假")
    signup.refresh_from_db()
    assert signup.status == "no_show"
    assert HourTotal.objects.get(kind="v", ref=v.pk).no_shows == 1
    assert_counters(w.shift)


def test_counters_hold_through_a_long_mixed_sequence(people: Any, city: Any) -> None:
    w = _full_shift(people, city, capacity=4, max_party_size=3)
    vs = [new_volunteer(city["village11"].code) for _ in range(6)]
    sizes = [2, 1, 3, 1, 2, 1]
    signups = []
    for v, size in zip(vs, sizes, strict=True):
        signups.append(signup_create(volunteer=v, shift=w.shift, party_size=size))
        assert_counters(w.shift)
    signup_cancel(volunteer=vs[0], signup=signups[0])
    assert_counters(w.shift)
    signup_remove(actor=w.leader, signup=signups[3], reason="重复报名")
    assert_counters(w.shift)
    signup_cancel(volunteer=vs[1], signup=signups[1])
    assert_counters(w.shift)
    signup_create(volunteer=vs[0], shift=w.shift, party_size=1)
    assert_counters(w.shift)
    w.shift.refresh_from_db()
    assert w.shift.seats_taken <= w.shift.capacity


def test_seat_counters_change_under_the_shift_row_lock(people: Any, city: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    w = world(people, city)
    v = new_volunteer(city["village11"].code)
    with CaptureQueriesContext(connection) as ctx:
        signup = signup_create(volunteer=v, shift=w.shift)
    with CaptureQueriesContext(connection) as cancel_ctx:
        signup_cancel(volunteer=v, signup=signup)
    if not connection.features.has_select_for_update:
        pytest.skip("SQLite serialises writers itself: there is no row lock to see")
    for queries in (ctx.captured_queries, cancel_ctx.captured_queries):
        sql = [q["sql"] for q in queries]
        lock = next(i for i, q in enumerate(sql) if "FOR UPDATE" in q and "activities_shift" in q)
        update = next(i for i, q in enumerate(sql) if q.startswith("UPDATE") and "seats_" in q)
        assert lock < update
