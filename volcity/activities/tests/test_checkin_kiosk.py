"""Staff at a kiosk scan the volunteer's personal code: no distance check, walk-ins get a
place while seats remain, retries never act twice."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from volcity.activities.codes import volunteer_code, volunteer_code_number
from volcity.activities.models import CheckinAttempt, ServiceRecord, Shift, Signup
from volcity.activities.services.checkin_kiosk import checkin_kiosk, checkout_kiosk
from volcity.activities.tests.factories import new_volunteer
from volcity.activities.tests.factories_checkin import T0, fresh_shift, key, scene
from volcity.audit.models import AuditEntry
from volcity.core.errors import DomainError

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def s(people, city):
    return scene(people, city)


def kiosk(fn, s, volunteer, *, actor=None, now=T0, issued=None, idem=None):
    with time_machine.travel(issued or now, tick=False):
        code = volunteer_code(volunteer.number)
    with time_machine.travel(now, tick=False):
        return fn(
            actor=actor or s.leader,
            shift=fresh_shift(s.shift),
            volunteer_code=code,
            idempotency_key=idem or key("kiosk"),
        )


def refused(expected, *args, **kwargs):
    with pytest.raises(DomainError) as caught:
        kiosk(*args, **kwargs)
    assert caught.value.code == expected, caught.value.as_dict()
    return caught.value


def test_the_personal_code_carries_the_number_for_five_minutes(s):
    with time_machine.travel(T0, tick=False):
        code = volunteer_code(s.volunteer.number)
        assert volunteer_code_number(code) == s.volunteer.number
    with time_machine.travel(T0 + datetime.timedelta(minutes=4, seconds=59), tick=False):
        assert volunteer_code_number(code) == s.volunteer.number
    with time_machine.travel(T0 + datetime.timedelta(minutes=5, seconds=2), tick=False):
        assert volunteer_code_number(code) is None
    assert volunteer_code_number(code[:-1] + ("A" if code[-1] != "A" else "B")) is None


def test_staff_check_a_signed_up_volunteer_in_and_out_at_the_kiosk(s):
    inside = kiosk(checkin_kiosk, s, s.volunteer)
    assert inside.attempt.via_kiosk and inside.attempt.distance_m is None
    assert inside.attempt.by == s.leader
    out = kiosk(checkout_kiosk, s, s.volunteer, now=T0 + 2 * HOUR)
    assert out.record is not None and out.record.minutes == 120
    signup = Signup.objects.get(pk=s.signup.pk)
    assert (signup.checked_in_at, signup.checked_out_at) == (T0, T0 + 2 * HOUR)
    assert Shift.objects.get(pk=s.shift.pk).checked_in == 1


def test_a_walk_in_gets_a_confirmed_place_while_seats_remain(s, city):
    walker = new_volunteer(city["village12"].code)
    before = Shift.objects.get(pk=s.shift.pk).seats_taken
    kiosk(checkin_kiosk, s, walker)
    signup = Signup.objects.get(shift=s.shift, volunteer=walker)
    assert (signup.status, signup.added_by, signup.checked_in_at) == ("confirmed", s.leader, T0)
    shift = Shift.objects.get(pk=s.shift.pk)
    assert (shift.seats_taken, shift.checked_in) == (before + 1, 1)
    assert AuditEntry.objects.filter(action="activities.signup.created_at_kiosk").exists()


def test_a_waitlisted_volunteer_at_the_kiosk_is_admitted_while_seats_remain(s, city):
    walker = new_volunteer(city["village12"].code)
    Signup.objects.create(shift=s.shift, volunteer=walker, status=Signup.Status.WAITLISTED)
    Shift.objects.filter(pk=s.shift.pk).update(seats_waiting=1)
    kiosk(checkin_kiosk, s, walker)
    shift = Shift.objects.get(pk=s.shift.pk)
    assert (shift.seats_taken, shift.seats_waiting) == (2, 0)
    assert Signup.objects.get(shift=s.shift, volunteer=walker).status == "confirmed"


def test_a_walk_in_is_refused_when_the_shift_is_full(s, city):
    Shift.objects.filter(pk=s.shift.pk).update(capacity=1)
    walker = new_volunteer(city["village12"].code)
    error = refused("not_signed_up", checkin_kiosk, s, walker)
    assert "volunteer_code" in error.fields
    assert not Signup.objects.filter(volunteer=walker).exists()
    assert Shift.objects.get(pk=s.shift.pk).checked_in == 0


def test_an_expired_personal_code_is_refused(s):
    refused(
        "volunteer_code_invalid",
        checkin_kiosk,
        s,
        s.volunteer,
        issued=T0 - datetime.timedelta(minutes=6),
    )
    assert Signup.objects.get(pk=s.signup.pk).checked_in_at is None


def test_a_forged_personal_code_is_refused(s):
    with time_machine.travel(T0, tick=False), pytest.raises(DomainError) as caught:
        checkin_kiosk(
            actor=s.leader,
            shift=fresh_shift(s.shift),
            volunteer_code=f"{s.volunteer.number}:1abcde:forged",
            idempotency_key=key(),
        )
    assert caught.value.code == "volunteer_code_invalid"


def test_only_those_who_run_the_activity_use_its_kiosk(s, people):
    for who in ("volunteer", "other_town_admin", "dispatcher"):
        refused("forbidden", checkin_kiosk, s, s.volunteer, actor=people[who])
    assert Signup.objects.get(pk=s.signup.pk).checked_in_at is None


def test_the_town_administrator_may_run_the_kiosk_too(s, people):
    kiosk(checkin_kiosk, s, s.volunteer, actor=people["town_admin"])
    assert Signup.objects.get(pk=s.signup.pk).checked_in_at == T0


def test_a_kiosk_retry_with_the_same_key_acts_once(s, city):
    walker = new_volunteer(city["village12"].code)
    first = kiosk(checkin_kiosk, s, walker, idem="kiosk-scan-0001")
    again = kiosk(checkin_kiosk, s, walker, idem="kiosk-scan-0001", now=T0 + HOUR)
    assert again.replayed and again.attempt.pk == first.attempt.pk
    assert CheckinAttempt.objects.filter(signup__volunteer=walker).count() == 1
    shift = Shift.objects.get(pk=s.shift.pk)
    assert (shift.checked_in, shift.seats_taken) == (1, 2)


def test_a_second_scan_with_another_key_is_already_checked_in(s):
    kiosk(checkin_kiosk, s, s.volunteer)
    refused("already_checked_in", checkin_kiosk, s, s.volunteer)
    assert Shift.objects.get(pk=s.shift.pk).checked_in == 1


def test_kiosk_check_out_before_check_in_is_refused(s):
    refused("not_checked_in", checkout_kiosk, s, s.volunteer, now=T0 + HOUR)
    assert not ServiceRecord.objects.exists()


def test_the_kiosk_keeps_to_the_check_in_window(s):
    refused("checkin_window_closed", checkin_kiosk, s, s.volunteer, now=T0 + 4 * HOUR)
    assert Signup.objects.get(pk=s.signup.pk).checked_in_at is None


def test_a_volunteer_who_cancelled_is_admitted_again_with_the_change_recorded(s, city):
    from volcity.core.lifecycle import status_history

    walker = new_volunteer(city["village12"].code)
    gone = Signup.objects.create(shift=s.shift, volunteer=walker, status=Signup.Status.CANCELLED)
    kiosk(checkin_kiosk, s, walker)
    signup = Signup.objects.get(pk=gone.pk)
    assert (signup.status, signup.added_by, signup.checked_in_at) == ("confirmed", s.leader, T0)
    assert [e.action for e in status_history(signup)] == ["rejoin"]
    assert Shift.objects.get(pk=s.shift.pk).seats_taken == 2


def test_a_no_show_is_not_admitted_at_the_kiosk(s):
    Signup.objects.filter(pk=s.signup.pk).update(status=Signup.Status.NO_SHOW)
    refused("not_signed_up", checkin_kiosk, s, s.volunteer)
    assert Signup.objects.get(pk=s.signup.pk).checked_in_at is None
