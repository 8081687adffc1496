"""Permission-matrix rows of brands, projects, activities and shifts (pages and API).

``people["team_leader"]`` is granted the team made here (its seeded grant for team 1 points
at nothing). Bodies are fixed JSON, so API writes that need a team's id use team 0 and expect
the field refusal (400); the services' own tests cover the successful paths.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

ANON = None
NAMESPACES = {"activities"}
PUB, DRAFT, PROJECT = "act_pub", "act_draft", "act_project"
BODIES: dict[str, dict[str, str]] = {
    "activities:activity_cancel": {"reason": "矩阵取消"},
    "activities:activity_recruiting": {"open": "0"},
}
PAGES: list[tuple[str, str, str, str | None, int]] = [
    ("GET", "activities:browse", "", ANON, 200),
    ("GET", "activities:browse", "", "volunteer", 200),
    ("GET", "activities:browse", "", "town_admin", 200),
    ("GET", "activities:detail", PUB, ANON, 200),
    ("GET", "activities:detail", PUB, "volunteer", 200),
    ("GET", "activities:detail", PUB, "team_leader", 200),
    ("GET", "activities:detail", DRAFT, "volunteer", 404),
    ("GET", "activities:detail", DRAFT, "other_town_admin", 404),
    ("GET", "activities:detail", DRAFT, "team_leader", 200),
    ("GET", "activities:detail", DRAFT, "town_admin", 200),
    ("GET", "activities:manage", "", ANON, 302),
    ("GET", "activities:manage", "", "volunteer", 403),
    ("GET", "activities:manage", "", "team_leader", 200),
    ("GET", "activities:manage", "", "town_admin", 200),
    ("GET", "activities:activity_new", "", ANON, 302),
    ("GET", "activities:activity_new", "", "volunteer", 403),
    ("GET", "activities:activity_new", "", "team_leader", 200),
    ("POST", "activities:activity_new", "", "town_admin", 400),
    ("GET", "activities:activity_edit", PUB, "team_leader", 200),
    ("GET", "activities:activity_edit", PUB, "volunteer", 404),
    ("GET", "activities:activity_edit", PUB, "other_town_admin", 404),
    ("POST", "activities:activity_edit", PUB, "team_leader", 400),
    ("POST", "activities:activity_publish", DRAFT, ANON, 302),
    ("POST", "activities:activity_publish", DRAFT, "volunteer", 404),
    ("POST", "activities:activity_publish", DRAFT, "other_town_admin", 404),
    ("POST", "activities:activity_publish", DRAFT, "team_leader", 302),
    ("POST", "activities:activity_cancel", PUB, "volunteer", 404),
    ("POST", "activities:activity_cancel", PUB, "team_leader", 302),
    ("POST", "activities:activity_recruiting", PUB, "other_town_admin", 404),
    ("POST", "activities:activity_recruiting", PUB, "village_admin", 404),
    ("POST", "activities:activity_recruiting", PUB, "town_admin", 302),
    ("GET", "activities:activity_export", "", ANON, 302),
    ("GET", "activities:activity_export", "", "volunteer", 403),
    ("GET", "activities:activity_export", "", "team_leader", 200),
    ("GET", "activities:project_list", "", ANON, 200),
    ("GET", "activities:project_list", "", "team_leader", 200),
    ("GET", "activities:project_new", "", "volunteer", 403),
    ("GET", "activities:project_new", "", "team_leader", 200),
    ("POST", "activities:project_new", "", "town_admin", 400),
    ("GET", "activities:project_detail", PROJECT, ANON, 200),
    ("GET", "activities:project_detail", PROJECT, "town_admin", 200),
]

R = "/api/v1/activities"
A = f"{R}/activities/{{activity_id}}"
P = f"{R}/projects/{{project_id}}"
TOWN1 = "370781001000"
ACTIVITY = {
    "title": "矩阵活动",
    "team": 0,
    "region": TOWN1,
    "address": "青州市偶园街1号",
    "latitude": "36.6965",
    "longitude": "118.4798",
}
SHIFT = {
    "starts_at": "2031-06-01T09:00:00+08:00",
    "ends_at": "2031-06-01T11:00:00+08:00",
    "capacity": 5,
}

API: list[tuple[str, str, str, str | None, int, dict[str, Any] | None]] = [
    ("GET", f"{R}/activities", "", ANON, 401, None),
    ("GET", f"{R}/activities", "", "volunteer", 200, None),
    ("GET", f"{R}/activities?manage=1", "", "volunteer", 403, None),
    ("GET", f"{R}/activities?manage=1", "", "team_leader", 200, None),
    ("POST", f"{R}/activities", "", ANON, 401, ACTIVITY),
    ("POST", f"{R}/activities", "", "team_leader", 400, ACTIVITY),
    ("GET", A, PUB, ANON, 401, None),
    ("GET", A, PUB, "volunteer", 200, None),
    ("GET", A, DRAFT, "volunteer", 404, None),
    ("GET", A, DRAFT, "team_leader", 200, None),
    ("PUT", A, PUB, "team_leader", 200, ACTIVITY),
    ("PUT", A, PUB, "other_town_admin", 404, ACTIVITY),
    ("PUT", A, PUB, "volunteer", 404, ACTIVITY),
    ("POST", f"{A}/publish", DRAFT, "volunteer", 404, None),
    ("POST", f"{A}/publish", DRAFT, "town_admin", 200, None),
    ("POST", f"{A}/publish", PUB, "team_leader", 409, None),
    ("POST", f"{A}/cancel", PUB, "other_town_admin", 404, {"reason": "矩阵"}),
    ("POST", f"{A}/cancel", PUB, "team_leader", 200, {"reason": "矩阵"}),
    ("POST", f"{A}/cancel", PUB, "team_leader", 400, {"reason": " "}),
    ("POST", f"{A}/recruiting", PUB, "volunteer", 404, {"open": False}),
    ("POST", f"{A}/recruiting", PUB, "team_leader", 200, {"open": False}),
    ("POST", f"{A}/shifts", PUB, "volunteer", 404, SHIFT),
    ("POST", f"{A}/shifts", PUB, "team_leader", 201, SHIFT),
    ("GET", f"{R}/projects", "", ANON, 401, None),
    ("GET", f"{R}/projects", "", "volunteer", 200, None),
    ("POST", f"{R}/projects", "", "team_leader", 400, {"name": "矩阵项目", "team": 0}),
    ("GET", P, PROJECT, "volunteer", 200, None),
    ("GET", P, PROJECT, ANON, 401, None),
    ("GET", f"{R}/brands", "", ANON, 401, None),
    ("GET", f"{R}/brands", "", "volunteer", 200, None),
]


def objects(people: dict[str, Any], city: dict[str, Any]) -> dict[str, Any]:
    from volcity.activities.models import Activity, Project
    from volcity.activities.tests.factories import activity_make, shift_make, team_led_by

    leader = people["team_leader"]
    team = team_led_by(leader, people["town_admin"], city["town1"].code, name="矩阵活动服务队")
    project = Project.objects.create(
        name="矩阵项目", team=team, region_id=team.region_id, created_by=leader
    )
    soon = timezone.now() + datetime.timedelta(days=3)
    published = activity_make(team, leader, title="矩阵已发布", project=project)
    shift_make(published, starts_at=soon)
    draft = activity_make(team, leader, title="矩阵草稿", status=Activity.Status.DRAFT)
    shift_make(draft, starts_at=soon)
    return {
        PUB: {"activity_id": published.pk},
        DRAFT: {"activity_id": draft.pk},
        PROJECT: {"project_id": project.pk},
    }
