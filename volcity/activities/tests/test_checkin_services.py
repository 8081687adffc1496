"""Checking in and out with the phone: the code, the place, the window, the sign-up, and
retries that never act twice."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.conf import settings

from volcity.activities.codes import shift_code, shift_code_valid
from volcity.activities.models import CheckinAttempt, ServiceRecord, Shift, Signup
from volcity.activities.services.checkin import checkin_record, checkout_record
from volcity.activities.tests.factories import activity_make, new_volunteer, shift_make
from volcity.activities.tests.factories_checkin import (
    FAR,
    NEAR,
    T0,
    fresh_shift,
    key,
    scene,
    signup_confirmed,
)
from volcity.audit.models import AuditEntry
from volcity.core.errors import DomainError

pytestmark = pytest.mark.django_db

MIN = datetime.timedelta(minutes=1)
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def s(people, city):
    return scene(people, city)


def at(moment):
    return time_machine.travel(moment, tick=False)


def check_in(s, *, now=T0, code=None, where=NEAR, idem=None, shift=None, volunteer=None):
    shift = shift or fresh_shift(s.shift)
    with at(now):
        return checkin_record(
            volunteer=volunteer or s.volunteer,
            shift=shift,
            code=code if code is not None else shift_code(shift.pk),
            latitude=where[0] if where else None,
            longitude=where[1] if where else None,
            idempotency_key=idem or key(),
        )


def check_out(s, *, now=T0 + 3 * HOUR, code=None, where=NEAR, idem=None):
    shift = fresh_shift(s.shift)
    with at(now):
        return checkout_record(
            volunteer=s.volunteer,
            shift=shift,
            code=code if code is not None else shift_code(shift.pk),
            latitude=where[0] if where else None,
            longitude=where[1] if where else None,
            idempotency_key=idem or key(),
        )


def refused(expected, fn, *args, **kwargs):
    with pytest.raises(DomainError) as caught:
        fn(*args, **kwargs)
    assert caught.value.code == expected, caught.value.as_dict()
    return caught.value


def nothing_changed(s):
    signup = Signup.objects.get(pk=s.signup.pk)
    assert (signup.checked_in_at, signup.checked_out_at) == (None, None)
    assert Shift.objects.get(pk=s.shift.pk).checked_in == 0
    assert not CheckinAttempt.objects.filter(signup=s.signup).exists()
    assert not ServiceRecord.objects.filter(signup=s.signup).exists()


# ---------------------------------------------------------------- the good path


def test_a_volunteer_at_the_place_with_the_current_code_is_checked_in(s):
    outcome = check_in(s, now=T0 - 10 * MIN)
    signup = Signup.objects.get(pk=s.signup.pk)
    assert signup.checked_in_at == T0 - 10 * MIN
    assert (outcome.replayed, outcome.kind) == (False, "in")
    assert Shift.objects.get(pk=s.shift.pk).checked_in == 1
    attempt = CheckinAttempt.objects.get(signup=s.signup)
    assert attempt.distance_m is not None and 100 <= attempt.distance_m <= 120
    assert not attempt.via_kiosk
    assert attempt.by == s.volunteer.user
    assert AuditEntry.objects.filter(action="activities.checkin.recorded").count() == 1


def test_checking_out_makes_one_pending_record_of_the_minutes_in_the_shift(s):
    check_in(s, now=T0 - 20 * MIN)
    outcome = check_out(s, now=T0 + 2 * HOUR)
    record = ServiceRecord.objects.get(signup=s.signup)
    assert outcome.record == record
    assert (record.status, record.minutes, record.flagged) == ("pending", 120, False)
    assert record.source == ServiceRecord.Source.CHECKIN
    signup = Signup.objects.get(pk=s.signup.pk)
    assert (signup.checked_out_at, signup.checkout_auto) == (T0 + 2 * HOUR, False)
    # Checking out does not lower the count of people who came.
    assert Shift.objects.get(pk=s.shift.pk).checked_in == 1


def test_checking_out_after_the_end_counts_only_the_shift(s):
    check_in(s, now=T0 + 30 * MIN)
    check_out(s, now=T0 + 5 * HOUR)
    assert ServiceRecord.objects.get(signup=s.signup).minutes == 150


def test_the_code_of_the_previous_window_is_still_accepted(s):
    window = datetime.timedelta(seconds=settings.VOLCITY_CHECKIN_CODE_SECONDS)
    with at(T0 - window):
        old = shift_code(s.shift.pk)
    check_in(s, code=old)
    assert Signup.objects.get(pk=s.signup.pk).checked_in_at == T0


# ---------------------------------------------------------------- bad input


def test_check_in_refused_when_too_far_away_with_the_distance(s):
    error = refused("too_far_away", check_in, s, where=FAR)
    assert "11" in str(error.message) and "500" in str(error.message)
    assert "location" in error.fields
    nothing_changed(s)


def test_check_in_refused_without_a_location(s):
    error = refused("location_required", check_in, s, where=None)
    assert "location" in error.fields
    nothing_changed(s)


def test_check_in_refused_with_a_location_off_the_earth(s):
    refused("location_invalid", check_in, s, where=(91, 118))
    nothing_changed(s)


def test_an_expired_code_is_refused(s):
    window = datetime.timedelta(seconds=settings.VOLCITY_CHECKIN_CODE_SECONDS)
    with at(T0 - 2 * window):
        stale = shift_code(s.shift.pk)
    assert not shift_code_valid(s.shift.pk, stale, now=T0)
    error = refused("checkin_code_invalid", check_in, s, code=stale)
    assert "code" in error.fields
    nothing_changed(s)


def test_the_code_of_another_shift_is_refused(s):
    other = shift_make(s.activity, starts_at=T0, hours=2)
    with at(T0):
        theirs = shift_code(other.pk)
    refused("checkin_code_invalid", check_in, s, code=theirs)
    refused("checkin_code_invalid", check_in, s, code="not-a-code")
    nothing_changed(s)


def test_check_in_refused_before_the_window_opens_and_after_the_shift_ends(s):
    early = datetime.timedelta(minutes=settings.VOLCITY_CHECKIN_EARLY_MINUTES)
    refused("checkin_window_closed", check_in, s, now=T0 - early - MIN)
    refused("checkin_window_closed", check_in, s, now=T0 + 3 * HOUR + MIN)
    nothing_changed(s)


def test_check_in_refused_on_a_cancelled_shift(s):
    Shift.objects.filter(pk=s.shift.pk).update(cancelled=True)
    refused("checkin_window_closed", check_in, s)
    nothing_changed(s)


def test_check_out_before_check_in_is_refused(s):
    refused("not_checked_in", check_out, s)
    nothing_changed(s)


def test_someone_not_signed_up_cannot_check_in(s, city):
    stranger = new_volunteer(city["village12"].code)
    refused("not_signed_up", check_in, s, volunteer=stranger)
    assert not Signup.objects.filter(volunteer=stranger).exists()
    nothing_changed(s)


def test_a_waitlisted_volunteer_cannot_check_in(s):
    Signup.objects.filter(pk=s.signup.pk).update(status=Signup.Status.WAITLISTED)
    refused("not_signed_up", check_in, s)
    nothing_changed(s)


def test_an_unusable_idempotency_key_is_refused(s):
    error = refused("idempotency_key_invalid", check_in, s, idem="short")
    assert "idempotency_key" in error.fields
    refused("idempotency_key_invalid", check_in, s, idem="has spaces in it")
    nothing_changed(s)


# ---------------------------------------------------------------- retries


def test_the_same_request_twice_checks_in_once(s):
    first = check_in(s, idem="phone-retry-0001")
    # The retry comes later, when the code it carries has expired: the first answer stands.
    again = check_in(s, idem="phone-retry-0001", now=T0 + 10 * MIN, code="expired-code")
    assert (first.replayed, again.replayed) == (False, True)
    assert again.attempt.pk == first.attempt.pk
    assert again.signup.checked_in_at == T0
    assert CheckinAttempt.objects.filter(signup=s.signup).count() == 1
    assert Shift.objects.get(pk=s.shift.pk).checked_in == 1
    assert AuditEntry.objects.filter(action="activities.checkin.recorded").count() == 1


def test_the_same_check_out_twice_makes_one_record(s):
    check_in(s)
    first = check_out(s, idem="phone-out-0001")
    again = check_out(s, idem="phone-out-0001", now=T0 + 4 * HOUR)
    assert again.replayed and again.record == first.record
    assert ServiceRecord.objects.filter(signup=s.signup).count() == 1


def test_a_second_check_in_with_another_key_is_refused(s):
    check_in(s)
    refused("already_checked_in", check_in, s, now=T0 + MIN)
    assert CheckinAttempt.objects.filter(signup=s.signup).count() == 1
    assert Shift.objects.get(pk=s.shift.pk).checked_in == 1


def test_a_second_check_out_with_another_key_is_refused(s):
    check_in(s)
    check_out(s)
    refused("already_checked_out", check_out, s, now=T0 + 3 * HOUR + MIN)
    assert ServiceRecord.objects.filter(signup=s.signup).count() == 1


def test_a_key_used_for_a_check_in_cannot_check_out(s):
    check_in(s, idem="phone-same-0001")
    refused("idempotency_key_reused", check_out, s, idem="phone-same-0001")
    assert Signup.objects.get(pk=s.signup.pk).checked_out_at is None


def test_a_key_of_another_volunteer_is_not_replayed_to_them(s, people, city):
    check_in(s, idem="phone-mine-0001")
    other = signup_confirmed(s.shift, new_volunteer(city["village12"].code))
    refused(
        "idempotency_key_reused", check_in, s, idem="phone-mine-0001", volunteer=other.volunteer
    )
    assert Signup.objects.get(pk=other.pk).checked_in_at is None


def test_the_radius_is_the_activitys_own(s, people):
    activity = activity_make(s.activity.team, people["team_leader"], checkin_radius_m=2000)
    shift = shift_make(activity, starts_at=T0, hours=2)
    signup_confirmed(shift, s.volunteer)
    check_in(s, where=FAR, shift=fresh_shift(shift))
    assert Signup.objects.get(shift=shift).checked_in_at == T0
