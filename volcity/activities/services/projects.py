"""Service projects: a team's named, lasting piece of work under a brand ("Love Escort 365 in
Wangfu Street"), with goals and outcome counters the other areas feed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from volcity.activities.errors import NotAllowed
from volcity.activities.errors_activities import ProjectClosed, ProjectInvalid, ProjectNameTaken
from volcity.activities.models import Brand, Project
from volcity.activities.permissions import can_manage_project, can_run_team_work
from volcity.audit.services import audit_record
from volcity.regions.models import Region
from volcity.registry.models import ServiceCategory, Team


@dataclass
class ProjectIn:
    name: str
    team: int
    brand: str = ""  # brand code; empty: no brand
    region: str = ""  # empty: the team's region
    category: str = ""  # service category code
    description: str = ""
    goals: str = ""
    goal_people: int = 0


def _clean(data: ProjectIn, *, team: Team | None) -> dict[str, Any]:
    errors: dict[str, list[Any]] = {}

    def refuse(name: str, message: Any) -> None:
        errors.setdefault(name, []).append(message)

    name = " ".join((data.name or "").split())
    if not name:
        refuse("name", _("Enter the project's name."))
    elif len(name) > 80:
        refuse("name", _("The name is too long: at most 80 characters."))
    if team is None:
        refuse("team", _("Choose the team that runs the project."))
    elif team.status != Team.Status.ACTIVE:
        refuse("team", _("The team is not active."))
    brand = None
    if data.brand:
        brand = Brand.objects.filter(code=data.brand).first()
        if brand is None:
            refuse("brand", _("Choose a brand from the list."))
    region = None
    if data.region:
        region = Region.objects.filter(pk=data.region.strip()).first()
        if region is None:
            refuse("region", _("Choose a region of the city."))
        elif team is not None and not region.code.startswith(team.region.path):
            refuse("region", _("The project's region must lie within the team's region."))
    elif team is not None:
        region = team.region
    category = None
    if data.category:
        category = ServiceCategory.objects.filter(code=data.category).first()
        if category is None:
            refuse("category", _("Choose a service category from the list."))
    if not 0 <= int(data.goal_people or 0) <= 10_000_000:
        refuse("goal_people", _("Enter a number of people between 0 and 10,000,000."))
    if errors:
        raise ProjectInvalid(fields=errors)
    return {
        "name": name,
        "brand": brand,
        "region": region,
        "category": category,
        "description": (data.description or "").strip(),
        "goals": (data.goals or "").strip(),
        "goal_people": int(data.goal_people or 0),
    }


def project_create(*, actor: Any, data: ProjectIn) -> Project:
    """A new active project of a team, by its leaders or the region's administrators."""
    team = Team.objects.select_related("region").filter(pk=data.team).first()
    values = _clean(data, team=team)
    assert team is not None  # noqa: S101  (_clean refused otherwise)
    if not can_run_team_work(actor, team.pk, values["region"].code):
        raise NotAllowed(field="team")
    try:
        with transaction.atomic():
            project = Project.objects.create(team=team, created_by=actor, **values)
            audit_record(
                "activities.project.created",
                obj=project,
                actor=actor,
                changes={"name": project.name, "team": team.pk},
            )
    except IntegrityError:
        raise ProjectNameTaken(field="name") from None
    return project


def project_update(*, actor: Any, project: Project, data: ProjectIn) -> Project:
    """Change a project's details; the owning team stays."""
    if not can_manage_project(actor, project):
        raise NotAllowed()
    team = Team.objects.select_related("region").get(pk=project.team_id)
    if data.team and data.team != project.team_id:
        raise ProjectInvalid(fields={"team": [_("The owning team of a project cannot change.")]})
    values = _clean(data, team=team)
    try:
        with transaction.atomic():
            locked = Project.objects.select_for_update().get(pk=project.pk)
            changed = {
                k: str(getattr(locked, k)) for k, v in values.items() if getattr(locked, k) != v
            }
            for k, v in values.items():
                setattr(locked, k, v)
            locked.save()
            audit_record(
                "activities.project.updated", obj=locked, actor=actor, changes={"fields": changed}
            )
    except IntegrityError:
        raise ProjectNameTaken(field="name") from None
    return locked


def project_close(*, actor: Any, project: Project) -> Project:
    """A finished project stays with its history and totals; no new activities join it."""
    if not can_manage_project(actor, project):
        raise NotAllowed()
    with transaction.atomic():
        locked = Project.objects.select_for_update().get(pk=project.pk)
        if locked.status == Project.Status.CLOSED:
            raise ProjectClosed()
        locked.status = Project.Status.CLOSED
        locked.save(update_fields=["status"])
        audit_record(
            "activities.project.closed",
            obj=locked,
            actor=actor,
            changes={"status": ["active", "closed"]},
        )
    return locked


def project_count_outcome(*, project: Project | int, people: int = 0, wishes: int = 0) -> None:
    """Add to a project's outcome counters (people helped, wishes fulfilled), in the caller's
    transaction; called by the areas that produce the outcome (dispatch, giving)."""
    if people < 0 or wishes < 0:
        raise ValueError("outcome counts only go up")
    if not (people or wishes):
        return
    pk = project if isinstance(project, int) else project.pk
    Project.objects.filter(pk=pk).update(
        people_helped=F("people_helped") + people, wishes_fulfilled=F("wishes_fulfilled") + wishes
    )
