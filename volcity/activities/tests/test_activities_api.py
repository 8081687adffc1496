"""The activities API: create with shifts or a weekly repeat, read, change, publish, cancel,
recruitment, add a shift; projects and brands; error bodies and query budgets."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.utils import timezone

from volcity.activities.models import Activity, Brand, Project
from volcity.activities.tests.factories import activity_make, shift_make, team_led_by, volunteer_for

R = "/api/v1/activities"


@pytest.fixture
def team(people: dict[str, Any], city: dict[str, Any]) -> Any:
    return team_led_by(people["team_leader"], people["town_admin"], city["town1"].code)


def call(client: Any, method: str, url: str, body: Any = None) -> Any:
    if body is None:
        return client.generic(method, url)
    return client.generic(method, url, json.dumps(body), content_type="application/json")


def body_for(team: Any, **over: Any) -> dict[str, Any]:
    day = timezone.localdate() + datetime.timedelta(days=3)
    values = {
        "title": "API活动",
        "team": team.pk,
        "region": team.region_id,
        "address": "青州市偶园街3号",
        "latitude": 36.6965,
        "longitude": 118.4798,
        "shifts": [
            {
                "starts_at": f"{day}T09:00:00+08:00",
                "ends_at": f"{day}T11:00:00+08:00",
                "capacity": 5,
            }
        ],
    }
    values.update(over)
    return values


def test_leader_creates_publishes_and_reads_an_activity(
    people: Any, team: Any, client_as: Any
) -> None:
    client = client_as("team_leader")
    created = call(client, "POST", f"{R}/activities", body_for(team))
    assert created.status_code == 201, created.json()
    data = created.json()
    assert data["status"] == "draft" and len(data["shifts"]) == 1
    assert data["shifts"][0]["seats_left"] == 5
    published = call(client, "POST", f"{R}/activities/{data['id']}/publish")
    assert published.json()["status"] == "published"


def test_weekly_repeat_over_the_limit_is_a_400_naming_the_field(
    people: Any, team: Any, client_as: Any
) -> None:
    start = timezone.localdate() + datetime.timedelta(days=1)
    rule = {
        "weekdays": [0, 1, 2, 3, 4, 5, 6],
        "start": start.isoformat(),
        "until": (start + datetime.timedelta(days=400)).isoformat(),
        "start_time": "09:00",
        "end_time": "10:00",
        "capacity": 5,
    }
    response = call(
        client_as("team_leader"),
        "POST",
        f"{R}/activities",
        body_for(team, shifts=[], recurrence=rule),
    )
    assert response.status_code == 400
    assert response.json()["code"] == "too_many_shifts"
    assert "until" in response.json()["fields"]
    assert not Activity.objects.exists()


def test_bad_coordinates_are_refused_field_by_field(people: Any, team: Any, client_as: Any) -> None:
    response = call(
        client_as("team_leader"), "POST", f"{R}/activities", body_for(team, latitude=0, longitude=0)
    )
    assert response.status_code == 400
    assert set(response.json()["fields"]) >= {"latitude", "longitude"}


def test_open_list_for_a_volunteer_and_manage_list_for_staff(
    people: Any, team: Any, city: Any, client_as: Any, django_assert_max_num_queries: Any
) -> None:
    volunteer_for(people["volunteer"], city["village11"].code)
    for n in range(8):
        a = activity_make(team, people["team_leader"], title=f"开放{n}")
        shift_make(a, starts_at=timezone.now() + datetime.timedelta(days=1 + n))
    activity_make(team, people["team_leader"], title="草稿", status="draft")
    client = client_as("volunteer")
    with django_assert_max_num_queries(8):
        items = call(client, "GET", f"{R}/activities").json()["items"]
    assert len(items) == 8 and items[0]["next_start"]
    leader = client_as("team_leader")
    with django_assert_max_num_queries(8):
        page = call(leader, "GET", f"{R}/activities?manage=1&limit=5").json()
    assert len(page["items"]) == 5 and page["next"]
    rest = call(leader, "GET", f"{R}/activities?manage=1&limit=5&after={page['next']}").json()
    assert len(rest["items"]) == 4 and rest["next"] is None
    assert call(client, "GET", f"{R}/activities?manage=1").status_code == 403


def test_put_changes_details_and_adds_shifts(people: Any, team: Any, client_as: Any) -> None:
    client = client_as("team_leader")
    made = call(client, "POST", f"{R}/activities", body_for(team)).json()
    day = timezone.localdate() + datetime.timedelta(days=8)
    changed = call(
        client,
        "PUT",
        f"{R}/activities/{made['id']}",
        body_for(
            team,
            title="改名",
            shifts=[
                {"starts_at": f"{day}T14:00+08:00", "ends_at": f"{day}T15:00+08:00", "capacity": 2}
            ],
        ),
    )
    assert changed.status_code == 200, changed.json()
    assert changed.json()["title"] == "改名" and len(changed.json()["shifts"]) == 2


def test_cancel_recruiting_and_add_shift(people: Any, team: Any, client_as: Any) -> None:
    activity = activity_make(team, people["team_leader"])
    shift_make(activity)
    client = client_as("team_leader")
    assert (
        call(client, "POST", f"{R}/activities/{activity.pk}/recruiting", {"open": False}).json()[
            "recruiting"
        ]
        is False
    )
    day = timezone.localdate() + datetime.timedelta(days=6)
    added = call(
        client,
        "POST",
        f"{R}/activities/{activity.pk}/shifts",
        {"starts_at": f"{day}T09:00+08:00", "ends_at": f"{day}T08:00+08:00", "capacity": 2},
    )
    assert added.status_code == 400 and "starts_at" in added.json()["fields"]
    cancelled = call(client, "POST", f"{R}/activities/{activity.pk}/cancel", {"reason": "暴雨"})
    assert cancelled.json()["status"] == "cancelled"
    again = call(client, "POST", f"{R}/activities/{activity.pk}/cancel", {"reason": "暴雨"})
    assert again.status_code == 409


def test_projects_and_brands(people: Any, team: Any, client_as: Any) -> None:
    Brand.objects.create(code="love-escort-365", name="爱心护航365", name_en="Love Escort 365")
    client = client_as("team_leader")
    made = call(
        client,
        "POST",
        f"{R}/projects",
        {"name": "护航王府街道", "team": team.pk, "brand": "love-escort-365"},
    )
    assert made.status_code == 201, made.json()
    assert made.json()["brand"] == "love-escort-365"
    assert made.json()["hours"]["minutes_approved"] == 0
    listed = call(client_as("volunteer"), "GET", f"{R}/projects").json()["items"]
    assert [p["name"] for p in listed] == ["护航王府街道"]
    assert call(client, "GET", f"{R}/projects/{made.json()['id']}").status_code == 200
    brands = call(client, "GET", f"{R}/brands").json()
    assert brands[0]["name_en"] == "Love Escort 365"
    refused = call(
        client_as("other_town_admin"), "POST", f"{R}/projects", {"name": "越权", "team": team.pk}
    )
    assert refused.status_code == 403
    assert Project.objects.count() == 1
