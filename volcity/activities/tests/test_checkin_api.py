"""The check-in API: the phone's check-in and check-out, the kiosk, the current codes."""

from __future__ import annotations

import datetime
import json
from urllib.parse import parse_qs, urlparse

import pytest
import time_machine
from django.test import Client

from volcity.activities.codes import (
    shift_code,
    shift_code_valid,
    volunteer_code,
    volunteer_code_number,
)
from volcity.activities.models import CheckinAttempt, ServiceRecord, Signup
from volcity.activities.tests.factories import volunteer_for
from volcity.activities.tests.factories_checkin import FAR, NEAR, T0, scene, signup_confirmed

pytestmark = pytest.mark.django_db

API = "/api/v1/activities"
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def s(people, city):
    return scene(people, city)


@pytest.fixture
def me(s, people, city):
    """``people["volunteer"]`` registered and signed up for the scene's shift."""
    volunteer = volunteer_for(people["volunteer"], city["village11"].code)
    return signup_confirmed(s.shift, volunteer)


def post(client: Client, path: str, body: dict, **extra):
    return client.post(API + path, data=json.dumps(body), content_type="application/json", **extra)


def body(shift_id: int, *, where=NEAR, idem="api-key-00000001", **more):
    found = {
        "code": shift_code(shift_id),
        "latitude": float(where[0]),
        "longitude": float(where[1]),
        "idempotency_key": idem,
    }
    found.update(more)
    return found


def test_a_volunteer_checks_in_and_out_through_the_api(s, me, client_as):
    client = client_as("volunteer")
    with time_machine.travel(T0, tick=False):
        response = post(client, f"/shifts/{s.shift.pk}/checkin", body(s.shift.pk))
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["kind"], data["replayed"], data["signup_id"]) == ("in", False, me.pk)
    assert data["message"]
    with time_machine.travel(T0 + 2 * HOUR, tick=False):
        out = post(
            client, f"/shifts/{s.shift.pk}/checkout", body(s.shift.pk, idem="api-key-out-001")
        )
    assert out.status_code == 200, out.content
    assert (out.json()["kind"], out.json()["minutes"]) == ("out", 120)
    assert ServiceRecord.objects.get(signup=me).status == "pending"


def test_a_retried_request_gets_the_first_answer(s, me, client_as):
    client = client_as("volunteer")
    with time_machine.travel(T0, tick=False):
        first = post(client, f"/shifts/{s.shift.pk}/checkin", body(s.shift.pk))
    with time_machine.travel(T0 + HOUR, tick=False):
        again = post(client, f"/shifts/{s.shift.pk}/checkin", body(s.shift.pk, code="old"))
    assert again.status_code == 200
    assert again.json()["replayed"] is True
    assert again.json()["at"] == first.json()["at"]
    assert CheckinAttempt.objects.filter(signup=me).count() == 1


def test_errors_come_as_code_message_and_fields(s, me, client_as):
    client = client_as("volunteer")
    with time_machine.travel(T0, tick=False):
        far = post(client, f"/shifts/{s.shift.pk}/checkin", body(s.shift.pk, where=FAR))
        nowhere = post(
            client,
            f"/shifts/{s.shift.pk}/checkin",
            body(s.shift.pk, latitude=None, longitude=None),
        )
        early_out = post(client, f"/shifts/{s.shift.pk}/checkout", body(s.shift.pk))
    assert far.status_code == 400
    assert far.json()["code"] == "too_far_away" and "location" in far.json()["fields"]
    assert nowhere.json()["code"] == "location_required"
    assert (early_out.status_code, early_out.json()["code"]) == (409, "not_checked_in")
    assert Signup.objects.get(pk=me.pk).checked_in_at is None


def test_a_missing_idempotency_key_is_a_validation_error(s, me, client_as):
    payload = body(s.shift.pk)
    del payload["idempotency_key"]
    response = post(client_as("volunteer"), f"/shifts/{s.shift.pk}/checkin", payload)
    assert response.status_code == 422
    assert "idempotency_key" in response.json()["fields"]


def test_someone_not_registered_is_told_to_register(s, client_as):
    response = post(client_as("resident"), f"/shifts/{s.shift.pk}/checkin", body(s.shift.pk))
    assert (response.status_code, response.json()["code"]) == (403, "not_a_volunteer")


def test_the_kiosk_checks_in_by_the_volunteers_code(s, client_as):
    with time_machine.travel(T0, tick=False):
        code = volunteer_code(s.volunteer.number)
        response = post(
            client_as("team_leader"),
            f"/shifts/{s.shift.pk}/kiosk/checkin",
            {"volunteer_code": code, "idempotency_key": "kiosk-api-0001"},
        )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["volunteer_number"] == s.volunteer.number
    assert data["via_kiosk"] is True
    assert data["counts"]["checked_in"] == 1 and data["counts"]["present"] == 1


def test_the_kiosk_is_refused_to_others(s, client_as):
    with time_machine.travel(T0, tick=False):
        payload = {
            "volunteer_code": volunteer_code(s.volunteer.number),
            "idempotency_key": "k" * 10,
        }
        volunteer = post(client_as("volunteer"), f"/shifts/{s.shift.pk}/kiosk/checkin", payload)
        other = post(client_as("other_town_admin"), f"/shifts/{s.shift.pk}/kiosk/checkin", payload)
    assert (volunteer.status_code, other.status_code) == (403, 404)
    assert Signup.objects.get(pk=s.signup.pk).checked_in_at is None


def test_staff_read_the_current_code_and_its_address(s, client_as):
    with time_machine.travel(T0, tick=False):
        response = client_as("team_leader").get(f"{API}/shifts/{s.shift.pk}/checkin-code")
        assert response.status_code == 200
        data = response.json()
        assert shift_code_valid(s.shift.pk, data["code"])
    url = urlparse(data["url"])
    assert url.path == f"/activities/shifts/{s.shift.pk}/scan/"
    assert parse_qs(url.query)["c"] == [data["code"]]
    assert 1 <= data["seconds_left"] <= data["window_seconds"]
    refused = client_as("volunteer").get(f"{API}/shifts/{s.shift.pk}/checkin-code")
    assert refused.status_code == 403


def test_a_volunteer_reads_their_personal_code(s, me, client_as):
    response = client_as("volunteer").get(f"{API}/me/code")
    assert response.status_code == 200
    data = response.json()
    assert volunteer_code_number(data["code"]) == data["number"] == me.volunteer.number
    assert client_as("resident").get(f"{API}/me/code").status_code == 403
    assert Client().get(f"{API}/me/code").status_code == 401


def test_a_session_call_needs_the_csrf_token(s, me, people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(
        people["volunteer"], backend="volcity.accounts.backends.PhoneOrUsernameBackend"
    )
    response = post(client, f"/shifts/{s.shift.pk}/checkin", body(s.shift.pk))
    assert response.status_code in (401, 403)
    assert Signup.objects.get(pk=me.pk).checked_in_at is None


def test_a_bearer_token_works_for_apps(s, me, people):
    from volcity.accounts.services.tokens import api_token_create

    _token, secret = api_token_create(user=people["volunteer"], name="phone app")
    with time_machine.travel(T0, tick=False):
        response = Client().post(
            f"{API}/shifts/{s.shift.pk}/checkin",
            data=json.dumps(body(s.shift.pk)),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {secret}",
        )
    assert response.status_code == 200, response.content
