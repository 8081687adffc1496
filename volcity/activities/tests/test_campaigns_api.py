"""The campaigns API."""

from __future__ import annotations

import json
from typing import Any

import pytest
import time_machine
from django.test import Client

from volcity.activities.models import Campaign, CampaignSite, Shift
from volcity.activities.tests.factories_campaigns import (
    NOW,
    SITES_TEXT,
    campaign_make,
    team_with_members,
)

A = "/api/v1/activities"
pytestmark = pytest.mark.usefixtures("_clock")


@pytest.fixture
def _clock() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def teams(people: dict[str, Any], city: dict[str, Any], make_user: Any) -> dict[str, Any]:
    leader = make_user(None, "town1", username="apileader")
    guest, members = team_with_members(leader, people["town_admin"], city["town1"].code, 3)
    client = Client()
    client.force_login(leader, backend="volcity.accounts.backends.PhoneOrUsernameBackend")
    return {"guest": guest, "members": members, "leader": leader, "client": client}


def _post(client: Any, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def _body(city: dict[str, Any], teams: dict[str, Any], **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": "疫苗接种保障",
        "kind": "vaccination",
        "region": city["town1"].code,
        "sites_text": SITES_TEXT,
        "shifts": [
            {"starts_at": "2026-11-21T08:00:00+08:00", "ends_at": "2026-11-21T12:00:00+08:00"},
            {"starts_at": "2026-11-21T13:00:00+08:00", "ends_at": "2026-11-21T17:00:00+08:00"},
        ],
        "team_ids": [teams["guest"].pk],
    }
    body.update(changes)
    return body


def test_admin_creates_a_campaign_and_reads_its_fill(
    city: dict[str, Any], teams: dict[str, Any], client_as: Any
) -> None:
    client = client_as("town_admin")
    made = _post(client, f"{A}/campaigns", _body(city, teams))
    assert made.status_code == 201, made.content
    data = made.json()
    assert [s["capacity"] for s in data["fill"]["sites"]] == [8, 6, 4]
    assert data["fill"]["capacity"] == 18 and data["fill"]["percent"] == 0
    assert data["teams"][0]["status"] == "invited"
    listed = client.get(f"{A}/campaigns").json()
    assert [c["id"] for c in listed["items"]] == [data["id"]]
    assert client.get(f"{A}/campaigns/{data['id']}").status_code == 200


def test_bad_site_line_is_refused_with_the_line_and_nothing_saved(
    city: dict[str, Any], teams: dict[str, Any], client_as: Any
) -> None:
    body = _body(city, teams, sites_text=SITES_TEXT + "坏 | 地址 | 36.6 | 2\n")
    response = _post(client_as("town_admin"), f"{A}/campaigns", body)
    assert response.status_code == 400
    payload = response.json()
    assert payload["code"] == "campaign_invalid"
    assert "5" in payload["fields"]["sites"][0]
    assert not Campaign.objects.exists()


def test_other_town_admin_cannot_create_or_see(
    people: dict[str, Any], city: dict[str, Any], teams: dict[str, Any], client_as: Any
) -> None:
    other = client_as("other_town_admin")
    assert _post(other, f"{A}/campaigns", _body(city, teams)).status_code == 403
    campaign = campaign_make(people["town_admin"], city["town1"].code, [teams["guest"]])
    assert other.get(f"{A}/campaigns/{campaign.pk}").status_code == 404
    assert other.get(f"{A}/campaigns").json()["items"] == []
    assert _post(other, f"{A}/campaigns/{campaign.pk}/close", {}).status_code == 404
    assert client_as("volunteer").get(f"{A}/campaigns").status_code == 403


def test_leader_responds_and_sends_then_admin_closes(
    people: dict[str, Any], city: dict[str, Any], teams: dict[str, Any], client_as: Any
) -> None:
    campaign = campaign_make(people["town_admin"], city["town1"].code, [teams["guest"]])
    leader = teams["client"]
    url = f"{A}/campaigns/{campaign.pk}/teams/{teams['guest'].pk}/respond"
    answered = _post(leader, url, {"accept": True})
    assert answered.status_code == 200 and answered.json()["teams"][0]["status"] == "accepted"
    site = CampaignSite.objects.filter(campaign=campaign).order_by("sort").first()
    assert site is not None
    shift = Shift.objects.filter(activity_id=site.activity_id).first()
    assert shift is not None
    send = f"{A}/campaigns/{campaign.pk}/sites/{site.pk}/send"
    ids = [v.pk for v in teams["members"]]
    sent = _post(leader, send, {"shift_id": shift.pk, "volunteer_ids": ids})
    assert sent.status_code == 201, sent.content
    assert [s["status"] for s in sent.json()] == ["confirmed"] * 3
    wrong = _post(leader, send, {"shift_id": 999999, "volunteer_ids": ids})
    assert wrong.status_code == 404
    admin = client_as("town_admin")
    fill = admin.get(f"{A}/campaigns/{campaign.pk}").json()["fill"]
    assert fill["sites"][0]["seats_taken"] == 3 and fill["seats_taken"] == 3
    assert _post(leader, f"{A}/campaigns/{campaign.pk}/close", {}).status_code == 403
    closed = _post(admin, f"{A}/campaigns/{campaign.pk}/close", {})
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    again = _post(admin, f"{A}/campaigns/{campaign.pk}/close", {})
    assert again.status_code == 409
