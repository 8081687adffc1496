"""The phone's check-in by the signed-in user and the shift id (``checkin_by_user``): one
locking read of the sign-up with its shift, the key read only when the request is refused,
and the same rules and answers as ``checkin_record``. None (nothing done) hands the request
to the full path, which says why it is refused."""

from __future__ import annotations

import datetime
import json

import pytest
import time_machine
from django.test import Client

from volcity.accounts.services.tokens import api_token_create
from volcity.activities.codes import shift_code
from volcity.activities.models import Activity, CheckinAttempt, ServiceRecord, Shift, Signup
from volcity.activities.services.checkin import checkin_by_user, checkout_by_user
from volcity.activities.tests.factories import new_volunteer
from volcity.activities.tests.factories_checkin import NEAR, T0, key, scene, signup_confirmed
from volcity.audit.models import AuditEntry
from volcity.core.errors import DomainError
from volcity.registry.models import Volunteer

pytestmark = pytest.mark.django_db

MIN = datetime.timedelta(minutes=1)
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def s(people, city):
    return scene(people, city)


def by_user(s, *, out=False, user=None, now=T0, code=None, idem=None, shift_id=None):
    shift_id = shift_id or s.shift.pk
    with time_machine.travel(now, tick=False):
        return (checkout_by_user if out else checkin_by_user)(
            user=user or s.volunteer.user,
            shift_id=shift_id,
            code=code if code is not None else shift_code(shift_id),
            latitude=NEAR[0],
            longitude=NEAR[1],
            idempotency_key=idem or key("user"),
        )


def refused(expected, **kwargs):
    with pytest.raises(DomainError) as caught:
        by_user(**kwargs)
    assert caught.value.code == expected, caught.value.as_dict()


def test_a_check_in_writes_the_change_the_key_the_audit_entry_and_the_counter(s):
    outcome = by_user(s, idem="phone-user-0001")
    assert outcome is not None and not outcome.replayed
    signup = Signup.objects.get(pk=s.signup.pk)
    assert signup.checked_in_at == T0 == outcome.signup.checked_in_at
    attempt = CheckinAttempt.objects.get(key="phone-user-0001")
    assert (attempt.signup_id, attempt.kind, attempt.by_id) == (
        signup.pk,
        "in",
        s.volunteer.user_id,
    )
    assert attempt.distance_m is not None and 100 <= attempt.distance_m <= 120
    assert attempt.distance_m == outcome.attempt.distance_m
    entry = AuditEntry.objects.get(action="activities.checkin.recorded")
    assert entry.changes["key"] == "phone-user-0001"
    assert entry.region_id == s.activity.region_id and entry.actor_id == s.volunteer.user_id
    assert Shift.objects.get(pk=s.shift.pk).checked_in == 1


def test_a_retry_with_a_code_expired_since_gets_the_first_answer(s):
    first = by_user(s, idem="phone-user-0002")
    again = by_user(s, idem="phone-user-0002", now=T0 + 10 * MIN, code="expired-code")
    assert first is not None and again is not None
    assert (first.replayed, again.replayed) == (False, True)
    assert again.attempt.pk == first.attempt.pk
    assert CheckinAttempt.objects.filter(signup=s.signup).count() == 1
    assert Shift.objects.get(pk=s.shift.pk).checked_in == 1


def test_refusals_are_the_same_as_on_the_full_path(s):
    refused("checkin_code_invalid", s=s, code="not-the-code")
    refused("checkin_window_closed", s=s, now=T0 + 4 * HOUR)
    refused("not_checked_in", s=s, out=True)
    by_user(s)
    refused("already_checked_in", s=s, now=T0 + MIN)
    assert Shift.objects.get(pk=s.shift.pk).checked_in == 1


def test_a_key_used_by_another_volunteer_is_refused_and_changes_nothing(s, city):
    by_user(s, idem="phone-user-0003")
    other = signup_confirmed(s.shift, new_volunteer(city["village12"].code))
    # Accepted on every other count: the key's unique index refuses it.
    refused("idempotency_key_reused", s=s, user=other.volunteer.user, idem="phone-user-0003")
    assert Signup.objects.get(pk=other.pk).checked_in_at is None
    assert Shift.objects.get(pk=s.shift.pk).checked_in == 1
    assert AuditEntry.objects.filter(action="activities.checkin.recorded").count() == 1


def test_a_key_used_for_the_check_in_cannot_check_out(s):
    by_user(s, idem="phone-user-0004")
    refused("idempotency_key_reused", s=s, out=True, now=T0 + 2 * HOUR, idem="phone-user-0004")
    assert Signup.objects.get(pk=s.signup.pk).checked_out_at is None


def test_a_check_out_makes_the_pending_record(s):
    by_user(s)
    outcome = by_user(s, out=True, now=T0 + 2 * HOUR, idem="phone-user-out-1")
    assert outcome is not None and outcome.record is not None
    assert outcome.record.minutes == 120
    again = by_user(s, out=True, now=T0 + 5 * HOUR, idem="phone-user-out-1")
    assert again is not None and again.replayed and again.record == outcome.record
    assert ServiceRecord.objects.filter(signup=s.signup).count() == 1


def test_a_waitlisted_place_is_refused_as_not_signed_up(s):
    Signup.objects.filter(pk=s.signup.pk).update(status=Signup.Status.WAITLISTED)
    refused("not_signed_up", s=s)


def test_none_hands_over_to_the_full_path_and_writes_nothing(s, people, city):
    stranger = new_volunteer(city["village12"].code)
    assert by_user(s, user=stranger.user) is None  # no sign-up
    assert by_user(s, user=people["resident"]) is None  # no registration
    assert by_user(s, idem="short") is None  # a malformed key
    assert by_user(s, shift_id=s.shift.pk + 1000) is None  # no such shift
    Volunteer.objects.filter(pk=s.volunteer.pk).update(status=Volunteer.Status.SUSPENDED)
    assert by_user(s) is None
    Volunteer.objects.filter(pk=s.volunteer.pk).update(status=Volunteer.Status.ACTIVE)
    Activity.objects.filter(pk=s.activity.pk).update(status=Activity.Status.DRAFT)
    assert by_user(s) is None
    assert not CheckinAttempt.objects.exists()
    assert Shift.objects.get(pk=s.shift.pk).checked_in == 0


def test_the_api_answers_the_full_paths_refusals(s, people, city):
    stranger = new_volunteer(city["village12"].code)
    _token, secret = api_token_create(user=stranger.user, name="phone")

    def post(shift_id, **more):
        with time_machine.travel(T0, tick=False):
            payload = {
                "code": shift_code(shift_id),
                "latitude": float(NEAR[0]),
                "longitude": float(NEAR[1]),
                "idempotency_key": "api-user-0001",
                **more,
            }
            return Client().post(
                f"/api/v1/activities/shifts/{shift_id}/checkin",
                data=json.dumps(payload),
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {secret}",
            )

    not_signed_up = post(s.shift.pk)
    assert (not_signed_up.status_code, not_signed_up.json()["code"]) == (409, "not_signed_up")
    assert post(s.shift.pk + 1000).status_code == 404
    bad_key = post(s.shift.pk, idempotency_key="short")
    assert (bad_key.status_code, bad_key.json()["code"]) == (400, "idempotency_key_invalid")


def test_a_check_in_through_the_api_reads_little(s, django_assert_max_num_queries):
    """The token, the lock with the shift and activity, four writes: no reads of the
    volunteer, the shift or the key on their own."""
    _token, secret = api_token_create(user=s.volunteer.user, name="phone")
    with time_machine.travel(T0, tick=False):
        body = {
            "code": shift_code(s.shift.pk),
            "latitude": float(NEAR[0]),
            "longitude": float(NEAR[1]),
            "idempotency_key": "api-user-0002",
        }
        with django_assert_max_num_queries(10) as captured:
            response = Client().post(
                f"/api/v1/activities/shifts/{s.shift.pk}/checkin",
                data=json.dumps(body),
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {secret}",
            )
    assert response.status_code == 200, response.content
    sql = [q["sql"] for q in captured.captured_queries]
    assert not any('FROM "activities_checkinattempt"' in q for q in sql)
    assert not any('FROM "registry_volunteer"' in q for q in sql)
