"""Permission-matrix rows of roster import and the list exports (registry namespace)."""

from __future__ import annotations

from typing import Any

from volcity.registry.models_imports import ImportJob

ANON = None
NAMESPACES = {"registry"}
BODIES: dict[str, dict[str, str]] = {}
# (method, url name, kwargs key, role, expected status); kwargs keys start with "reg_".
PAGES: list[tuple[str, str, str, str | None, int]] = [
    ("GET", "registry:imports", "", ANON, 302),
    ("GET", "registry:imports", "", "volunteer", 403),
    ("GET", "registry:imports", "", "team_leader", 403),
    ("GET", "registry:imports", "", "village_admin", 200),
    ("GET", "registry:imports", "", "town_admin", 200),
    ("GET", "registry:import_template", "reg_template", ANON, 302),
    ("GET", "registry:import_template", "reg_template", "volunteer", 403),
    ("GET", "registry:import_template", "reg_template", "town_admin", 200),
    ("GET", "registry:import_template", "reg_template_unknown", "town_admin", 404),
    ("POST", "registry:import_upload", "", ANON, 302),
    ("POST", "registry:import_upload", "", "volunteer", 403),
    ("POST", "registry:import_upload", "", "town_admin", 400),  # no file
    ("GET", "registry:import_job", "reg_import_job", ANON, 302),
    ("GET", "registry:import_job", "reg_import_job", "volunteer", 403),
    ("GET", "registry:import_job", "reg_import_job", "other_town_admin", 404),
    ("GET", "registry:import_job", "reg_import_job", "city_admin", 404),  # not theirs
    ("GET", "registry:import_job", "reg_import_job", "town_admin", 200),
    ("GET", "registry:import_report", "reg_import_job", "volunteer", 403),
    ("GET", "registry:import_report", "reg_import_job", "other_town_admin", 404),
    ("GET", "registry:import_report", "reg_import_job", "town_admin", 404),  # no errors
    ("POST", "registry:import_confirm", "reg_import_job", ANON, 302),
    ("POST", "registry:import_confirm", "reg_import_job", "volunteer", 403),
    ("POST", "registry:import_confirm", "reg_import_job", "other_town_admin", 404),
    ("POST", "registry:import_confirm", "reg_import_job", "town_admin", 409),  # not checked
    ("GET", "registry:volunteers_xlsx", "", ANON, 302),
    ("GET", "registry:volunteers_xlsx", "", "volunteer", 403),
    ("GET", "registry:volunteers_xlsx", "", "dispatcher", 403),
    ("GET", "registry:volunteers_xlsx", "", "team_leader", 200),
    ("GET", "registry:volunteers_xlsx", "", "village_admin", 200),
    ("GET", "registry:volunteers_xlsx", "", "city_admin", 200),
    ("GET", "registry:teams_xlsx", "", ANON, 302),
    ("GET", "registry:teams_xlsx", "", "resident", 403),
    ("GET", "registry:teams_xlsx", "", "team_leader", 200),
    ("GET", "registry:teams_xlsx", "", "town_admin", 200),
]
API: list[tuple[str, str, str, str | None, int, dict[str, Any] | None]] = []


def objects(people: dict[str, Any], city: dict[str, Any]) -> dict[str, dict[str, Any]]:
    job = ImportJob.objects.create(
        owner=people["town_admin"],
        kind=ImportJob.Kind.VOLUNTEERS,
        region=city["town1"],
        language="zh-hans",
        file_name="roster.xlsx",
        file_path="imports/matrix-none.xlsx",
    )
    return {
        "reg_template": {"kind": "volunteers"},
        "reg_template_unknown": {"kind": "members"},
        "reg_import_job": {"job_id": job.pk},
    }
