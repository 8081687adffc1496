"""Campaign pages: the list, opening one from the form, the live board, answering and sending."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine

from volcity.activities.models import Campaign, CampaignTeam, Shift, Signup
from volcity.activities.tests.factories_campaigns import (
    NOW,
    SHIFTS_TEXT,
    SITES_TEXT,
    campaign_make,
    team_with_members,
)

pytestmark = pytest.mark.usefixtures("_clock")


@pytest.fixture
def _clock() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def teams(people: dict[str, Any], city: dict[str, Any], make_user: Any) -> dict[str, Any]:
    leader = make_user(None, "town1", username="guestleader")
    guest, members = team_with_members(leader, people["town_admin"], city["town1"].code, 3)
    return {"guest": guest, "members": members, "leader": leader}


def _form(city: dict[str, Any], teams: dict[str, Any], **changes: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "防汛抢险",
        "kind": "flood",
        "region": city["town1"].code,
        "description": "沙袋转运",
        "sites": SITES_TEXT,
        "shifts": SHIFTS_TEXT,
        "team_ids": [teams["guest"].pk],
    }
    data.update(changes)
    return data


def test_admin_opens_a_campaign_from_the_form(
    people: dict[str, Any], city: dict[str, Any], teams: dict[str, Any], client_as: Any
) -> None:
    client = client_as("town_admin")
    assert client.get("/activities/campaigns/new").status_code == 200
    response = client.post("/activities/campaigns/new", _form(city, teams))
    assert response.status_code == 302, response.content.decode()[:2000]
    campaign = Campaign.objects.get()
    assert response["Location"] == f"/activities/campaigns/{campaign.pk}/"
    assert campaign.sites.count() == 3
    assert Shift.objects.filter(activity__campaign=campaign).count() == 6


def test_a_bad_site_line_is_shown_beside_the_sites_field_and_nothing_is_saved(
    people: dict[str, Any], city: dict[str, Any], teams: dict[str, Any], client_as: Any
) -> None:
    sites = SITES_TEXT + "坏站点 | 地址 | 北纬,东经 | 3\n"
    response = client_as("town_admin").post(
        "/activities/campaigns/new", _form(city, teams, sites=sites)
    )
    assert response.status_code == 400
    errors = response.context["form"].errors["sites"]
    assert any("5" in e for e in errors)
    assert not Campaign.objects.exists()


def test_other_town_admin_cannot_open_a_campaign_in_town_one(
    people: dict[str, Any], city: dict[str, Any], teams: dict[str, Any], client_as: Any
) -> None:
    response = client_as("other_town_admin").post("/activities/campaigns/new", _form(city, teams))
    assert response.status_code == 400  # town 1 and its teams are not choices for them
    assert not Campaign.objects.exists()
    assert client_as("volunteer").get("/activities/campaigns/new").status_code == 403


def test_board_and_fill_partial_show_each_site(
    people: dict[str, Any],
    city: dict[str, Any],
    teams: dict[str, Any],
    client_as: Any,
    django_assert_max_num_queries: Any,
) -> None:
    campaign = campaign_make(people["town_admin"], city["town1"].code, [teams["guest"]])
    client = client_as("town_admin")
    board = client.get(f"/activities/campaigns/{campaign.pk}/")
    assert board.status_code == 200
    body = board.content.decode()
    assert 'hx-trigger="every 5s"' in body and body.count('data-testid="fill-site-') == 3
    with django_assert_max_num_queries(8):
        partial = client.get(f"/activities/campaigns/{campaign.pk}/fill", HTTP_HX_REQUEST="true")
    assert partial.status_code == 200
    assert "<html" not in partial.content.decode()
    assert (
        client_as("other_town_admin").get(f"/activities/campaigns/{campaign.pk}/").status_code
        == 404
    )


def test_list_is_scoped(
    people: dict[str, Any], city: dict[str, Any], teams: dict[str, Any], client_as: Any
) -> None:
    campaign = campaign_make(people["town_admin"], city["town1"].code, [teams["guest"]])
    assert campaign.name in client_as("town_admin").get("/activities/campaigns/").content.decode()
    other = client_as("other_town_admin").get("/activities/campaigns/")
    assert other.status_code == 200 and campaign.name not in other.content.decode()
    assert client_as("volunteer").get("/activities/campaigns/").status_code == 403


def test_leader_answers_and_sends_members_from_the_pages(
    people: dict[str, Any], city: dict[str, Any], teams: dict[str, Any]
) -> None:
    from django.test import Client

    campaign = campaign_make(people["town_admin"], city["town1"].code, [teams["guest"]])
    client = Client()
    client.force_login(teams["leader"], backend="volcity.accounts.backends.PhoneOrUsernameBackend")
    team_id = teams["guest"].pk
    respond = f"/activities/campaigns/{campaign.pk}/teams/{team_id}/respond"
    assert client.get(respond).status_code == 200
    assert client.post(respond, {"accept": "0"}).status_code == 400  # a reason is needed
    assert client.post(respond, {"accept": "1"}).status_code == 302
    assert CampaignTeam.objects.get().status == "accepted"
    site = campaign.sites.order_by("sort").first()
    assert site is not None
    send = f"/activities/campaigns/{campaign.pk}/sites/{site.pk}/send"
    page = client.get(send)
    assert page.status_code == 200
    shift = Shift.objects.filter(activity_id=site.activity_id).order_by("starts_at").first()
    assert shift is not None
    ids = [v.pk for v in teams["members"][:2]]
    response = client.post(send, {"shift": shift.pk, "volunteer_ids": ids})
    assert response.status_code == 302
    assert Signup.objects.filter(shift=shift).count() == 2
    shift.refresh_from_db()
    assert shift.seats_taken == 2
