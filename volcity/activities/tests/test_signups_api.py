"""The sign-up API: a volunteer signs up (or is wait-listed), lists and cancels; a leader
reads the roster, adds by number, removes, marks no-shows; errors as {code, message, fields}."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.test import Client

from volcity.activities.models import Signup
from volcity.activities.services.signups import signup_create
from volcity.activities.tests.factories import new_volunteer, shift_make, volunteer_for
from volcity.activities.tests.factories_signups import assert_counters, world

pytestmark = pytest.mark.django_db
A = "/api/v1/activities"


def _post(client: Client, url: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(url, data=json.dumps(body or {}), content_type="application/json")


def test_volunteer_signs_up_and_sees_it_in_their_list(
    people: Any, city: Any, client_as: Any
) -> None:
    w = world(people, city)
    volunteer_for(people["volunteer"], city["village11"].code)
    client = client_as("volunteer")
    response = _post(client, f"{A}/shifts/{w.shift.pk}/signups", {"party_size": 1})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "confirmed"
    assert body["shift"]["seats_taken"] == 1
    mine = client.get(f"{A}/me/signups").json()
    assert [s["id"] for s in mine] == [body["id"]]
    assert client.get(f"{A}/me/signups?upcoming=false").json() == []


def test_full_shift_answers_waitlisted_with_a_clear_message(
    people: Any, city: Any, client_as: Any
) -> None:
    w = world(people, city)
    shift = shift_make(
        w.activity, capacity=1, starts_at=w.shift.starts_at + datetime.timedelta(days=1)
    )
    signup_create(volunteer=new_volunteer(city["village11"].code), shift=shift)
    volunteer_for(people["volunteer"], city["village11"].code)
    response = _post(client_as("volunteer"), f"{A}/shifts/{shift.pk}/signups")
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "waitlisted"
    assert body["queued_at"]
    assert "wait-list" in body["message"] or "候补" in body["message"]
    assert_counters(shift)


def test_refusals_carry_code_message_and_field(people: Any, city: Any, client_as: Any) -> None:
    w = world(people, city, risk_disclosure="高空作业", insured=True, max_party_size=2)
    volunteer_for(people["volunteer"], city["village11"].code)
    client = client_as("volunteer")
    url = f"{A}/shifts/{w.shift.pk}/signups"
    response = _post(client, url)
    assert response.status_code == 400
    assert response.json()["code"] == "risk_not_accepted"
    assert "accept_risk" in response.json()["fields"]
    response = _post(client, url, {"accept_risk": True, "party_size": 5})
    assert response.json()["code"] == "party_too_large"
    assert "party_size" in response.json()["fields"]
    assert _post(client, url, {"accept_risk": True}).status_code == 201
    again = _post(client, url, {"accept_risk": True})
    assert again.status_code == 409
    assert again.json()["code"] == "already_signed_up"
    assert Signup.objects.filter(shift=w.shift).count() == 1


def test_volunteer_cancels_their_own_and_not_others(people: Any, city: Any, client_as: Any) -> None:
    w = world(people, city)
    me = volunteer_for(people["volunteer"], city["village11"].code)
    mine = signup_create(volunteer=me, shift=w.shift)
    theirs = signup_create(volunteer=new_volunteer(city["village11"].code), shift=w.shift)
    client = client_as("volunteer")
    assert client.delete(f"{A}/signups/{theirs.pk}").status_code == 404
    response = client.delete(f"{A}/signups/{mine.pk}")
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    assert_counters(w.shift)


def test_late_cancel_answers_409(people: Any, city: Any, client_as: Any, settings: Any) -> None:
    settings.VOLCITY_CANCEL_NOTICE_HOURS = 72
    w = world(people, city)
    me = volunteer_for(people["volunteer"], city["village11"].code)
    mine = signup_create(volunteer=me, shift=w.shift)
    response = client_as("volunteer").delete(f"{A}/signups/{mine.pk}")
    assert response.status_code == 409
    assert response.json()["code"] == "cancel_too_late"


def test_leader_reads_the_roster_with_masked_phones_in_few_queries(
    people: Any, city: Any, client_as: Any, django_assert_max_num_queries: Any
) -> None:
    w = world(people, city)
    made = [
        signup_create(volunteer=new_volunteer(city["village11"].code), shift=w.shift)
        for _ in range(6)
    ]
    client = client_as("team_leader")
    url = f"{A}/shifts/{w.shift.pk}/roster"
    client.get(url)  # warm the session
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
    items = response.json()["items"]
    assert len(items) == len(made)
    assert all("****" in row["phone"] for row in items)
    assert client_as("other_town_admin").get(url).status_code == 403


def test_leader_adds_by_number_and_removes_with_a_reason(
    people: Any, city: Any, client_as: Any
) -> None:
    w = world(people, city)
    v = new_volunteer(city["village21"].code)
    client = client_as("team_leader")
    response = _post(client, f"{A}/shifts/{w.shift.pk}/roster", {"number": f" {v.number} "})
    assert response.status_code == 201, response.content
    signup_id = response.json()["id"]
    unknown = _post(client, f"{A}/shifts/{w.shift.pk}/roster", {"number": "123"})
    assert unknown.status_code == 400
    assert unknown.json()["fields"] == {"number": [unknown.json()["message"]]}
    no_reason = _post(client, f"{A}/signups/{signup_id}/remove", {"reason": ""})
    assert no_reason.status_code == 400
    assert no_reason.json()["code"] == "reason_required"
    removed = _post(client, f"{A}/signups/{signup_id}/remove", {"reason": "临时有事"})
    assert removed.json()["status"] == "cancelled"
    assert_counters(w.shift)


def test_no_shows_endpoint_marks_after_the_end_only(people: Any, city: Any, client_as: Any) -> None:
    import time_machine

    w = world(people, city)
    signup_create(volunteer=new_volunteer(city["village11"].code), shift=w.shift)
    client = client_as("team_leader")
    url = f"{A}/shifts/{w.shift.pk}/no-shows"
    early = _post(client, url)
    assert early.status_code == 409
    assert early.json()["code"] == "shift_not_ended"
    with time_machine.travel(w.shift.ends_at + datetime.timedelta(minutes=10)):
        client = client_as("team_leader")
        response = _post(client, url)
    assert response.status_code == 200
    assert response.json()["marked"] == 1
    assert response.json()["shift"]["seats_taken"] == 0


def test_ics_endpoint_serves_a_calendar_file(people: Any, city: Any, client_as: Any) -> None:
    w = world(people, city)
    volunteer_for(people["volunteer"], city["village11"].code)
    response = client_as("volunteer").get(f"{A}/shifts/{w.shift.pk}/ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response.content.startswith(b"BEGIN:VCALENDAR\r\n")
    assert b"UID:shift-" in response.content


def test_open_shifts_endpoint_pages_with_next(people: Any, city: Any, client_as: Any) -> None:
    w = world(people, city)
    shift_make(w.activity, starts_at=w.shift.starts_at + datetime.timedelta(days=1))
    volunteer_for(people["volunteer"], city["village11"].code)
    client = client_as("volunteer")
    first = client.get(f"{A}/me/open-shifts?limit=1").json()
    assert len(first["items"]) == 1 and first["next"]
    second = client.get(f"{A}/me/open-shifts", {"limit": 1, "after": first["next"]}).json()
    assert second["items"][0]["id"] != first["items"][0]["id"]
