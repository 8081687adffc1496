"""Staff import teams: each row checked like a team registration, teams created waiting for
approval, all or nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from volcity.audit.models import AuditEntry
from volcity.registry.models import Team
from volcity.registry.models_imports import ImportJob
from volcity.registry.tests.helpers import active_team
from volcity.registry.tests.imports_helpers import team_roster, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _imports(settings: Any, tmp_path: Any) -> None:
    settings.PRIVATE_ROOT = tmp_path
    settings.VOLCITY_TASKS_EAGER = True


@pytest.fixture
def admin(client_as: Any) -> Any:
    client = client_as("town_admin")
    client.cookies["django_language"] = "en"
    return client


def team(city: Any, name: str, **fields: Any) -> dict[str, Any]:
    row = {
        "name": name,
        "type": "Civilized-practice team",
        "level": "village",
        "region": city["village11"].code,
        "categories": "elderly、health",
    }
    row.update(fields)
    return row


def job_of(response: Any) -> ImportJob:
    assert response.status_code == 302, response.content[:500]
    return ImportJob.objects.get(pk=int(response.url.rstrip("/").split("/")[-1]))


def test_team_rows_are_checked_and_a_file_with_errors_saves_nothing(
    admin: Any, city: Any, people: Any
) -> None:
    parent = active_team(people["town_admin"], city["town1"].code, name="王府街道服务队")
    active_team(people["town_admin"], city["village12"].code, name="二村服务队", level="village")
    rows = [
        team(city, "一村服务队", parent="王府街道服务队"),  # row 3: fine
        team(city, "一村服务队"),  # 4: same name and region as row 3
        team(city, "二村服务队", region=city["village12"].code),  # 5: taken there
        team(city, "街道队", level="town"),  # 6: a town team in a village
        team(city, "三队", parent="没有这个队"),  # 7
        team(city, "四队", region=city["village21"].code),  # 8: another town
        team(city, "五队", type="足球队"),  # 9
    ]
    job = job_of(upload(admin, team_roster(rows), kind="teams", region=city["town1"].code))
    assert (job.status, job.ok_rows, job.bad_rows) == ("validated", 1, 6)
    assert {i["row"]: i["reasons"] for i in job.errors_preview} == {
        4: ["Team name: The same team name and region are also on row 3."],
        5: ["Team name: A team with this name already exists in this region."],
        6: ["Region: A team of this level belongs to a region of the same level."],
        7: ["Parent team: No such parent team."],
        8: ["Region: This region is outside the region of this import (王府街道)."],
        9: ["Type: Choose a team type from the list."],
    }
    assert Team.objects.count() == 2 and parent.status == "active"


def test_a_clean_team_file_creates_teams_waiting_for_approval(
    admin: Any, city: Any, people: Any
) -> None:
    parent = active_team(people["town_admin"], city["town1"].code, name="王府街道服务队")
    rows = [
        team(city, "一村服务队", parent="王府街道服务队"),
        team(city, "二村服务队", region="王府街道第2村", type="civilized_practice"),
        team(city, "街道医疗队", level="Town / street level", region=city["town1"].code),
    ]
    job = job_of(upload(admin, team_roster(rows), kind="teams", region=city["town1"].code))
    assert job.bad_rows == 0, job.errors_preview
    admin.post(reverse("registry:import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "done" and job.imported_rows == 3
    made = {t.name: t for t in Team.objects.exclude(pk=parent.pk)}
    assert set(made) == {"一村服务队", "二村服务队", "街道医疗队"}
    assert {t.status for t in made.values()} == {"pending"}
    assert made["一村服务队"].parent_id == parent.pk
    assert made["二村服务队"].region_id == city["village12"].code
    assert {c.code for c in made["一村服务队"].categories.all()} == {"elderly", "health"}
    assert all(t.created_by_id == people["town_admin"].pk for t in made.values())
    assert AuditEntry.objects.filter(action="registry.import.completed").count() == 1
