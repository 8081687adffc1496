"""The certificates API: own list and issue, PDF, revoke, public verify."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
import time_machine

from volcity.activities.models import Certificate
from volcity.activities.services.certificates import certificate_issue
from volcity.activities.tests.factories import activity_make, team_led_by, volunteer_for
from volcity.activities.tests.factories_certificates import approved_record

A = "/api/v1/activities"
NOW = datetime.datetime(2026, 11, 20, 2, 0, tzinfo=datetime.UTC)
pytestmark = pytest.mark.usefixtures("_clock")


@pytest.fixture
def _clock() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def volunteer(people: dict[str, Any], city: dict[str, Any]) -> Any:
    team = team_led_by(people["team_leader"], people["town_admin"], city["town1"].code)
    activity = activity_make(team, people["team_leader"], region_id=city["village11"].code)
    found = volunteer_for(people["volunteer"], city["village11"].code)
    approved_record(found, activity, approver=people["town_admin"], minutes=90)
    return found


def _post(client: Any, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def test_volunteer_issues_and_lists_own_certificates(volunteer: Any, client_as: Any) -> None:
    client = client_as("volunteer")
    made = _post(client, f"{A}/me/certificates", {})
    assert made.status_code == 201, made.content
    data = made.json()
    assert data["hours"] == "1.5" and data["volunteer_number"] == volunteer.number
    assert data["verify_url"] == f"http://testserver/verify/{data['number']}"
    listed = client.get(f"{A}/me/certificates").json()
    assert [c["number"] for c in listed] == [data["number"]]
    pdf = client.get(data["pdf_url"])
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_issuing_without_records_answers_no_records(
    people: dict[str, Any], city: dict[str, Any], client_as: Any
) -> None:
    volunteer_for(people["volunteer"], city["village11"].code)
    response = _post(client_as("volunteer"), f"{A}/me/certificates", {})
    assert response.status_code == 400
    assert response.json()["code"] == "no_records"
    assert not Certificate.objects.exists()


def test_bad_period_names_the_field(volunteer: Any, client_as: Any) -> None:
    response = _post(
        client_as("volunteer"),
        f"{A}/me/certificates",
        {"period_start": "2026-06-01", "period_end": "2026-01-01"},
    )
    assert response.status_code == 400
    assert response.json()["code"] == "period_order"
    assert "period_end" in response.json()["fields"]


def test_revoke_by_admin_only(volunteer: Any, people: dict[str, Any], client_as: Any) -> None:
    made = certificate_issue(actor=people["volunteer"], volunteer=volunteer)
    url = f"{A}/certificates/{made.pk}/revoke"
    assert _post(client_as("other_town_admin"), url, {"reason": "x"}).status_code == 404
    assert _post(client_as("volunteer"), url, {"reason": "x"}).status_code == 403
    missing = _post(client_as("town_admin"), url, {"reason": " "})
    assert missing.status_code == 400 and "reason" in missing.json()["fields"]
    done = _post(client_as("town_admin"), url, {"reason": "更正"})
    assert done.status_code == 200 and done.json()["revoked"] is True
    again = _post(client_as("town_admin"), url, {"reason": "更正"})
    assert again.status_code == 409 and again.json()["code"] == "already_revoked"


def test_verify_is_public_and_masked(
    volunteer: Any, people: dict[str, Any], client_as: Any
) -> None:
    made = certificate_issue(actor=people["volunteer"], volunteer=volunteer)
    response = client_as(None).get(f"{A}/verify/{made.number}")
    assert response.status_code == 200
    data = response.json()
    assert data["valid"] is True
    assert data["holder"] == volunteer.user.display_name[0] + "*"
    raw = response.content.decode()
    assert volunteer.user.phone not in raw and volunteer.user.id_number_masked not in raw
    unknown = client_as(None).get(f"{A}/verify/QZ20260999999")
    assert unknown.status_code == 404 and unknown.json()["code"] == "not_found"
