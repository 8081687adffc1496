"""The service-record API: own hours and records, corrections, the staff's decisions."""

from __future__ import annotations

import json

import pytest

from volcity.activities.models import RecordCorrection, ServiceRecord
from volcity.activities.services.corrections import correction_request
from volcity.activities.services.records import record_approve
from volcity.activities.tests.factories import volunteer_for
from volcity.activities.tests.factories_records import NOW, entered, stage

pytestmark = pytest.mark.django_db
A = "/api/v1/activities"


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def s(people, city):
    st = stage(people, city)
    st.volunteer = volunteer_for(people["volunteer"], city["village11"].code)
    return st


def send(client, method, path, body=None):
    kwargs = {}
    if body is not None:
        kwargs = {"data": json.dumps(body), "content_type": "application/json"}
    return client.generic(method, A + path, **kwargs)


def test_a_volunteer_reads_their_hours_and_records(s, client_as, django_assert_max_num_queries):
    record_approve(actor=s.leader, record=entered(s, minutes=90))
    entered(s, minutes=30)
    client = client_as("volunteer")
    hours = send(client, "GET", "/me/hours").json()
    assert (hours["hours_approved"], hours["hours_pending"], hours["star_level"]) == (
        "1.5",
        "0.5",
        0,
    )
    assert hours["next_star_hours"] == 100
    with django_assert_max_num_queries(8):
        page = send(client, "GET", "/me/records?limit=1")
    first = page.json()
    assert len(first["items"]) == 1 and first["items"][0]["minutes"] == 30
    rest = send(client, "GET", f"/me/records?limit=1&after={first['next']}").json()
    assert rest["items"][0]["status"] == "approved" and rest["next"] is None
    assert send(client_as("resident"), "GET", "/me/hours").status_code == 403


def test_a_volunteer_asks_for_a_correction_of_their_own_record_only(s, client_as, city):
    record = entered(s, minutes=120)
    client = client_as("volunteer")
    made = send(
        client, "POST", f"/records/{record.pk}/corrections", {"minutes": 90, "reason": "早退"}
    )
    assert made.status_code == 201 and made.json()["minutes"] == 90
    twice = send(
        client, "POST", f"/records/{record.pk}/corrections", {"minutes": 80, "reason": "又"}
    )
    assert (twice.status_code, twice.json()["code"]) == (409, "record_locked")
    other = entered(s, volunteer=volunteer_for(s.leader, city["village11"].code), actor=s.admin)
    refused = send(
        client, "POST", f"/records/{other.pk}/corrections", {"minutes": 9, "reason": "x"}
    )
    assert (refused.status_code, refused.json()["code"]) == (403, "not_your_record")
    assert RecordCorrection.objects.count() == 1


def test_a_leader_enters_and_approves_and_declines(s, client_as):
    client = client_as("team_leader")
    body = {
        "volunteer": s.volunteer.number,
        "team": s.team.pk,
        "activity": s.activity.pk,
        "served_on": "2026-11-19",
        "minutes": 100,
        "content": "义诊",
    }
    made = send(client, "POST", "/records", body)
    assert made.status_code == 201, made.content
    record = made.json()
    assert (record["status"], record["source"], record["hours"]) == ("pending", "leader", "1.7")
    late = send(client, "POST", "/records", {**body, "served_on": "2026-10-01"})
    assert (late.status_code, late.json()["code"]) == (400, "entry_period_over")
    assert "served_on" in late.json()["fields"]
    bad = send(client, "POST", "/records", {**body, "minutes": 0})
    assert (bad.status_code, bad.json()["code"]) == (400, "minutes_out_of_range")
    approved = send(client, "POST", f"/records/{record['id']}/approve")
    assert approved.json()["status"] == "approved"
    again = send(client, "POST", f"/records/{record['id']}/approve")
    assert (again.status_code, again.json()["code"]) == (409, "transition_not_allowed")
    second = send(client, "POST", "/records", body).json()
    no_reason = send(client, "POST", f"/records/{second['id']}/decline", {"reason": ""})
    assert no_reason.json()["code"] == "reason_required"
    declined = send(client, "POST", f"/records/{second['id']}/decline", {"reason": "重复"})
    assert declined.json()["decline_reason"] == "重复"
    assert ServiceRecord.objects.count() == 2


def test_staff_list_records_in_scope_and_approve_in_bulk(s, client_as):
    ids = [entered(s, minutes=10 + n).pk for n in range(3)]
    listed = send(client_as("town_admin"), "GET", f"/records?team={s.team.pk}").json()
    assert sorted(r["id"] for r in listed["items"]) == ids
    assert send(client_as("other_town_admin"), "GET", "/records").json()["items"] == []
    assert send(client_as("volunteer"), "GET", "/records").status_code == 403
    outside = send(client_as("other_town_admin"), "POST", f"/records/{ids[0]}/approve")
    assert outside.status_code == 404
    done = send(client_as("team_leader"), "POST", "/records/approve", {"records": ids})
    assert sorted(done.json()["approved"]) == ids


def test_the_volunteers_own_record_is_refused_to_them_as_a_leader(s, client_as, city):
    own = entered(s, volunteer=volunteer_for(s.leader, city["village11"].code), actor=s.admin)
    refused = send(client_as("team_leader"), "POST", f"/records/{own.pk}/approve")
    assert (refused.status_code, refused.json()["code"]) == (403, "own_record")


def test_corrections_are_listed_accepted_and_rejected(s, client_as):
    record = entered(s, minutes=120)
    correction = correction_request(volunteer=s.volunteer, record=record, minutes=60, reason="改")
    client = client_as("team_leader")
    listed = send(client, "GET", "/corrections").json()
    assert [c["id"] for c in listed["items"]] == [correction.pk]
    assert send(client_as("other_town_admin"), "GET", "/corrections").json()["items"] == []
    accepted = send(client, "POST", f"/corrections/{correction.pk}/accept").json()
    assert (accepted["status"], accepted["record_minutes"]) == ("accepted", 60)
    second = correction_request(volunteer=s.volunteer, record=record, minutes=70, reason="再改")
    rejected = send(client, "POST", f"/corrections/{second.pk}/reject", {"reason": "无误"})
    assert rejected.json()["status"] == "rejected"


def test_the_staff_list_costs_the_same_for_many_records(
    s, client_as, django_assert_max_num_queries
):
    for n in range(12):
        entered(s, minutes=10 + n)
    client = client_as("town_admin")
    with django_assert_max_num_queries(8):
        listed = send(client, "GET", "/records?limit=10").json()
    assert len(listed["items"]) == 10 and listed["next"] is not None
    more = send(client, "GET", f"/records?limit=10&after={listed['next']}").json()
    assert len(more["items"]) == 2 and more["next"] is None
