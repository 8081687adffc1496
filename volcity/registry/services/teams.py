"""Registering teams and deciding on them: approve, reject, suspend, reinstate, dissolve."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from volcity.audit.services import audit_record
from volcity.core.errors import Conflict, DomainError
from volcity.core.lifecycle import transition_apply
from volcity.regions.models import Region
from volcity.registry.choices import TEAM_LEVEL_REGION, TeamLevel, TeamType
from volcity.registry.errors import NotAllowed
from volcity.registry.models import ServiceCategory, Team
from volcity.registry.permissions import can_decide_team, can_lead_team, can_register_team_in


@dataclass
class TeamIn:
    name: str
    type: str
    level: str
    region: str
    parent: int | None = None
    categories: list[str] = field(default_factory=list)
    description: str = ""
    contact_phone: str = ""


def team_clean(data: TeamIn) -> tuple[dict[str, Any], list[int]]:
    errors: dict[str, list[Any]] = {}

    def refuse(name: str, message: Any) -> None:
        errors.setdefault(name, []).append(message)

    name = " ".join(data.name.split())
    if not name:
        refuse("name", _("Enter the team's name."))
    elif len(name) > 80:
        refuse("name", _("The name is too long: at most 80 characters."))
    if data.type not in TeamType.values:
        refuse("type", _("Choose a team type from the list."))
    if data.level not in TeamLevel.values:
        refuse("level", _("Choose a level from the list."))
    region = Region.objects.filter(pk=data.region.strip()).first()
    if region is None:
        refuse("region", _("Choose a region of the city."))
    elif data.level in TeamLevel.values and region.level != TEAM_LEVEL_REGION[data.level]:
        refuse("region", _("A team of this level belongs to a region of the same level."))
    parent = None
    if data.parent:
        parent = Team.objects.filter(pk=data.parent).first()
        if parent is None:
            refuse("parent", _("No such parent team."))
        elif parent.status != Team.Status.ACTIVE:
            refuse("parent", _("The parent team is not active."))
        elif region is not None and not region.code.startswith(parent.region.path):
            refuse("parent", _("The parent team's region must contain this team's region."))
    categories = dict(ServiceCategory.objects.values_list("code", "id"))
    unknown = [c for c in data.categories if c and c not in categories]
    if unknown:
        refuse(
            "categories", _("Unknown service category: %(codes)s.") % {"codes": ", ".join(unknown)}
        )
    if errors:
        raise DomainError(
            _("Some details are missing or wrong; see each field."),
            code="team_invalid",
            fields=errors,
        )
    values = {
        "name": name,
        "type": data.type,
        "level": data.level,
        "region": region,
        "parent": parent,
        "description": data.description.strip(),
        "contact_phone": data.contact_phone.strip()[:20],
    }
    return values, [categories[c] for c in data.categories if c]


def team_register(*, actor: Any, data: TeamIn) -> Team:
    """A new team waits for approval by its region's administrators or its parent's leaders."""
    values, category_ids = team_clean(data)
    region: Region = values["region"]
    parent: Team | None = values["parent"]
    allowed = can_register_team_in(actor, region.code) and (
        parent is None or can_lead_team(actor, parent) or can_decide_team(actor, parent)
    )
    if not allowed:
        raise NotAllowed(
            _("You may register teams only in your own regions or under your team."), field="region"
        )
    try:
        with transaction.atomic():
            team = Team.objects.create(created_by=actor, status=Team.Status.PENDING, **values)
            team.categories.set(category_ids)
            audit_record(
                "registry.team.registered",
                obj=team,
                actor=actor,
                changes={"name": team.name, "type": team.type, "level": team.level},
            )
    except IntegrityError:
        raise Conflict(
            _("A team with this name already exists in this region."),
            code="team_name_taken",
            field="name",
        ) from None
    return team


def _decide(actor: Any, team: Team, action: str, reason: str = "") -> Team:
    if not can_decide_team(actor, team):
        raise NotAllowed()
    return transition_apply(team, action, actor=actor, reason=reason)


def team_approve(*, actor: Any, team: Team) -> Team:
    return _decide(actor, team, "approve")


def team_reject(*, actor: Any, team: Team, reason: str) -> Team:
    return _decide(actor, team, "reject", reason)


def team_suspend(*, actor: Any, team: Team, reason: str) -> Team:
    return _decide(actor, team, "suspend", reason)


def team_reinstate(*, actor: Any, team: Team) -> Team:
    return _decide(actor, team, "reinstate")


def team_dissolve(*, actor: Any, team: Team, reason: str) -> Team:
    """Dissolving ends every open membership (history kept) and the leaders' roles."""
    from volcity.registry.services.memberships import memberships_close_for_team

    with transaction.atomic():
        _decide(actor, team, "dissolve", reason)
        memberships_close_for_team(actor=actor, team=team, reason=reason)
    return team
