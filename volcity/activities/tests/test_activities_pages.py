"""The activity and project pages through the test client: what each shows, the forms, the
actions, the export, and query budgets on the lists."""

from __future__ import annotations

import datetime
import io
from typing import Any

import openpyxl
import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from volcity.activities.models import Activity, HourTotal, Project, Shift
from volcity.activities.tests.factories import activity_make, shift_make, team_led_by, volunteer_for


@pytest.fixture
def team(people: dict[str, Any], city: dict[str, Any]) -> Any:
    return team_led_by(people["team_leader"], people["town_admin"], city["town1"].code)


def soon(days: int = 2) -> datetime.datetime:
    return (timezone.now() + datetime.timedelta(days=days)).replace(second=0, microsecond=0)


def test_browse_lists_open_activities_with_seats_in_a_fixed_number_of_queries(
    people: Any, team: Any, city: Any, client_as: Any, django_assert_max_num_queries: Any
) -> None:
    volunteer_for(people["volunteer"], city["village11"].code)
    for n in range(15):
        shift_make(
            activity_make(team, people["team_leader"], title=f"活动{n}"), starts_at=soon(1 + n)
        )
    client = client_as("volunteer")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("activities:browse"))
    assert response.status_code == 200
    assert response.content.decode().count('data-testid="activity-row"') == 15


def test_detail_shows_risks_insurance_ages_skills_and_a_signup_form_per_shift(
    people: Any, team: Any, city: Any, client_as: Any
) -> None:
    from volcity.registry.models import Skill

    volunteer_for(people["volunteer"], city["village11"].code)
    activity = activity_make(
        team,
        people["team_leader"],
        risk_disclosure="临水作业，注意防滑",
        insured=True,
        min_age=16,
        max_age=65,
    )
    activity.required_skills.add(Skill.objects.get(code="first_aid"))
    first = shift_make(activity, starts_at=soon(2), capacity=4, seats_taken=1)
    shift_make(activity, starts_at=soon(4))
    body = (
        client_as("volunteer")
        .get(reverse("activities:detail", args=[activity.pk]))
        .content.decode()
    )
    assert "临水作业，注意防滑" in body
    assert 'name="accept_risk"' in body
    assert "16" in body and "65" in body
    assert body.count('data-testid="shift-row"') == 2
    try:
        action = reverse("activities:signup_create", kwargs={"shift_id": first.pk})
    except NoReverseMatch:  # the sign-up area's page is not there yet
        pytest.skip("activities:signup_create is not routed yet")
    assert f'action="{action}"' in body
    assert 'data-testid="manage-actions"' not in body


def test_manage_table_in_scope_with_a_query_budget(
    people: Any, team: Any, client_as: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(20):
        shift_make(activity_make(team, people["team_leader"], title=f"管理{n}"), starts_at=soon(1))
    client = client_as("team_leader")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("activities:manage"))
    assert response.content.decode().count('data-testid="manage-row"') == 20
    other = client_as("other_town_admin").get(reverse("activities:manage")).content.decode()
    assert 'data-testid="manage-row"' not in other


def test_new_activity_form_makes_a_draft_with_weekly_shifts(
    people: Any, team: Any, client_as: Any
) -> None:
    start = timezone.localdate() + datetime.timedelta(days=1)
    form = {
        "title": "周末敬老",
        "team": str(team.pk),
        "region": team.region_id,
        "address": "青州市偶园街2号",
        "latitude": "36.6965",
        "longitude": "118.4798",
        "max_party_size": "2",
        "weekdays": ["5", "6"],
        "start": start.isoformat(),
        "until": (start + datetime.timedelta(days=13)).isoformat(),
        "start_time": "09:00",
        "end_time": "11:00",
        "capacity": "6",
        "shifts": (start + datetime.timedelta(days=20)).isoformat() + " 14:00-16:00 3",
    }
    response = client_as("team_leader").post(reverse("activities:activity_new"), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    activity = Activity.objects.get(title="周末敬老")
    assert activity.status == Activity.Status.DRAFT
    assert activity.shifts.count() == 5
    assert sorted(set(activity.shifts.values_list("capacity", flat=True))) == [3, 6]


def test_new_activity_form_shows_errors_beside_the_fields(
    people: Any, team: Any, client_as: Any
) -> None:
    form = {
        "title": "坐标错",
        "team": str(team.pk),
        "region": team.region_id,
        "address": "青州市偶园街2号",
        "latitude": "60.5",
        "longitude": "200.1",
        "max_party_size": "1",
        "shifts": "明天上午",
    }
    response = client_as("team_leader").post(reverse("activities:activity_new"), form)
    assert response.status_code == 400
    assert response.context["form"].errors.get("shifts")
    assert not Activity.objects.exists()
    form["shifts"] = ""
    response = client_as("team_leader").post(reverse("activities:activity_new"), form)
    errors = response.context["form"].errors
    assert "latitude" in errors and "longitude" in errors
    assert not Activity.objects.exists()


def test_publish_refused_for_risky_uninsured_activity_then_allowed(
    people: Any, team: Any, client_as: Any
) -> None:
    activity = activity_make(
        team, people["team_leader"], status=Activity.Status.DRAFT, risk_disclosure="高空"
    )
    shift_make(activity, starts_at=soon())
    client = client_as("team_leader")
    response = client.post(reverse("activities:activity_publish", args=[activity.pk]), follow=True)
    assert "insurance" in response.content.decode() or "保险" in response.content.decode()
    activity.refresh_from_db()
    assert activity.status == Activity.Status.DRAFT
    Activity.objects.filter(pk=activity.pk).update(insured=True)
    client.post(reverse("activities:activity_publish", args=[activity.pk]))
    activity.refresh_from_db()
    assert activity.status == Activity.Status.PUBLISHED


def test_cancel_and_recruiting_buttons(people: Any, team: Any, client_as: Any) -> None:
    activity = activity_make(team, people["team_leader"])
    shift_make(activity, starts_at=soon())
    client = client_as("town_admin")
    client.post(reverse("activities:activity_recruiting", args=[activity.pk]), {"open": "0"})
    activity.refresh_from_db()
    assert not activity.recruiting
    client.post(reverse("activities:activity_cancel", args=[activity.pk]), {"reason": "大风"})
    activity.refresh_from_db()
    assert activity.status == Activity.Status.CANCELLED
    assert Shift.objects.get(activity=activity).cancelled


def test_edit_adds_a_shift_and_keeps_the_team(people: Any, team: Any, client_as: Any) -> None:
    activity = activity_make(team, people["team_leader"])
    shift_make(activity, starts_at=soon())
    client = client_as("team_leader")
    url = reverse("activities:activity_edit", args=[activity.pk])
    assert client.get(url).status_code == 200
    day = (timezone.localdate() + datetime.timedelta(days=9)).isoformat()
    response = client.post(
        url,
        {
            "title": "改过的标题",
            "region": activity.region_id,
            "address": activity.address,
            "latitude": "36.6965",
            "longitude": "118.4798",
            "max_party_size": "1",
            "shifts": f"{day} 09:00-10:00 4",
        },
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    activity.refresh_from_db()
    assert activity.title == "改过的标题" and activity.team_id == team.pk
    assert activity.shifts.count() == 2


def test_export_is_a_real_workbook_of_what_the_user_manages(
    people: Any, team: Any, client_as: Any
) -> None:
    for n in range(3):
        shift_make(activity_make(team, people["team_leader"], title=f"导出{n}"), starts_at=soon())
    response = client_as("team_leader").get(reverse("activities:activity_export"))
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(book.active.iter_rows(values_only=True))
    assert len(rows) == 4
    assert sorted(r[1] for r in rows[1:]) == ["导出0", "导出1", "导出2"]


def test_project_pages_show_hour_totals(
    people: Any, team: Any, client_as: Any, django_assert_max_num_queries: Any
) -> None:
    projects = [
        Project.objects.create(name=f"项目{n}", team=team, region_id=team.region_id)
        for n in range(6)
    ]
    HourTotal.objects.create(kind="p", ref=projects[0].pk, minutes_approved=150, records_approved=2)
    client = client_as(None)
    with django_assert_max_num_queries(6):
        body = client.get(reverse("activities:project_list")).content.decode()
    assert body.count('data-testid="project-row"') == 6
    assert "2.5" in body
    detail = client.get(
        reverse("activities:project_detail", args=[projects[0].pk])
    ).content.decode()
    assert 'data-testid="project-hours">2.5<' in detail


def test_new_project_form(people: Any, team: Any, client_as: Any) -> None:
    client = client_as("team_leader")
    response = client.post(
        reverse("activities:project_new"),
        {"name": "河小青巡河", "team": str(team.pk), "brand": "", "goal_people": "100"},
    )
    assert response.status_code == 302
    project = Project.objects.get(name="河小青巡河")
    assert project.region_id == team.region_id


def test_detail_shows_the_volunteers_own_places_instead_of_a_form(
    people: Any, team: Any, city: Any, client_as: Any
) -> None:
    from volcity.activities.models import Signup

    volunteer = volunteer_for(people["volunteer"], city["village11"].code)
    activity = activity_make(team, people["team_leader"])
    taken = shift_make(activity, starts_at=soon(2), seats_taken=1)
    shift_make(activity, starts_at=soon(3))
    Signup.objects.create(shift=taken, volunteer=volunteer, status=Signup.Status.CONFIRMED)
    body = (
        client_as("volunteer")
        .get(reverse("activities:detail", args=[activity.pk]))
        .content.decode()
    )
    assert body.count('data-testid="signed-up"') == 1
    assert body.count('data-testid="signup-button"') == 1
