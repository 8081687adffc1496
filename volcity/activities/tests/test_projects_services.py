"""Projects: create (region defaults to the team's), update, close, outcome counters."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from volcity.activities.models import Project
from volcity.activities.services.projects import (
    ProjectIn,
    project_close,
    project_count_outcome,
    project_create,
    project_update,
)
from volcity.activities.tests.factories import team_led_by
from volcity.core.errors import DomainError


@pytest.fixture
def team(people: dict[str, Any], city: dict[str, Any]) -> Any:
    return team_led_by(people["team_leader"], people["town_admin"], city["town1"].code)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": " "}, "name"),
        ({"brand": "no-such-brand"}, "brand"),
        ({"region": "999999999999"}, "region"),
        ({"region": "370781002001"}, "region"),  # outside the team's town
        ({"category": "no_such"}, "category"),
        ({"goal_people": -1}, "goal_people"),
        ({"team": 999999}, "team"),
    ],
)
def test_project_create_refuses_each_bad_field(
    people: Any, team: Any, overrides: dict[str, Any], field: str
) -> None:
    data = ProjectIn(**{"name": "雷锋驿站", "team": team.pk, **overrides})
    with pytest.raises(DomainError) as exc:
        project_create(actor=people["team_leader"], data=data)
    assert exc.value.code == "project_invalid"
    assert field in exc.value.fields
    assert not Project.objects.exists()


def test_project_in_a_village_of_the_teams_town(people: Any, team: Any, city: Any) -> None:
    project = project_create(
        actor=people["town_admin"],
        data=ProjectIn(name="河小青", team=team.pk, region=city["village12"].code),
    )
    assert project.region_id == city["village12"].code


def test_update_and_close(people: Any, team: Any) -> None:
    project = project_create(actor=people["team_leader"], data=ProjectIn(name="甲", team=team.pk))
    project_update(
        actor=people["team_leader"],
        project=project,
        data=ProjectIn(name="乙", team=team.pk, goal_people=300),
    )
    project.refresh_from_db()
    assert (project.name, project.goal_people) == ("乙", 300)
    with pytest.raises(DomainError):
        project_update(
            actor=people["other_town_admin"],
            project=project,
            data=ProjectIn(name="丙", team=team.pk),
        )
    project_close(actor=people["team_leader"], project=project)
    with pytest.raises(DomainError) as exc:
        project_close(actor=people["team_leader"], project=project)
    assert exc.value.code == "project_closed"


def test_outcome_counters_add_up_in_the_callers_transaction(people: Any, team: Any) -> None:
    project = project_create(
        actor=people["team_leader"], data=ProjectIn(name="微心愿", team=team.pk)
    )
    with transaction.atomic():
        project_count_outcome(project=project, people=3, wishes=2)
        project_count_outcome(project=project.pk, people=1)
    project.refresh_from_db()
    assert (project.people_helped, project.wishes_fulfilled) == (4, 2)
    with pytest.raises(ValueError, match="only go up"):
        project_count_outcome(project=project, people=-1)
