"""The service menu: categories and items a county, city or town publishes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction

from volcity.audit.services import audit_record
from volcity.dispatch.errors import (
    DuplicateName,
    FieldRequired,
    InvalidValue,
    NotAllowed,
    NotInArea,
)
from volcity.dispatch.models import ServiceCategory, ServiceItem
from volcity.dispatch.permissions import can_keep_menu
from volcity.regions.codes import is_within, prefix_for_code
from volcity.regions.models import Region
from volcity.registry.models import Skill, Team


def _name(value: str, limit: int) -> str:
    text = (value or "").strip()
    if not text:
        raise FieldRequired(field="name")
    if len(text) > limit:
        raise InvalidValue(field="name")
    return text


def category_add(
    *, actor: Any, region: Region, name: str, sort: int = 0, active: bool = True
) -> ServiceCategory:
    if region.level not in (Region.Level.CITY, Region.Level.TOWN):
        raise InvalidValue(field="region")
    if not can_keep_menu(actor, region.code):
        raise NotAllowed()
    text = _name(name, 40)
    with transaction.atomic():
        if ServiceCategory.objects.filter(region=region, name=text).exists():
            raise DuplicateName(field="name")
        category = ServiceCategory.objects.create(
            region=region, name=text, sort=sort, active=active
        )
        audit_record(
            "dispatch.category.added",
            obj=category,
            actor=actor,
            region_id=region.code,
            changes={"name": text},
        )
    return category


def category_update(
    *, actor: Any, category: ServiceCategory, name: str, sort: int, active: bool
) -> ServiceCategory:
    if not can_keep_menu(actor, category.region_id):
        raise NotAllowed()
    text = _name(name, 40)
    with transaction.atomic():
        before = {"name": category.name, "sort": category.sort, "active": category.active}
        category.name, category.sort, category.active = text, sort, active
        try:
            with transaction.atomic():
                category.save(update_fields=["name", "sort", "active"])
        except IntegrityError:
            raise DuplicateName(field="name") from None
        audit_record(
            "dispatch.category.updated",
            obj=category,
            actor=actor,
            region_id=category.region_id,
            changes={"before": before, "name": text, "sort": sort, "active": active},
        )
    return category


def _skills(codes: Iterable[str]) -> list[Skill]:
    wanted = sorted({c.strip() for c in codes if c and c.strip()})
    found = list(Skill.objects.filter(code__in=wanted))
    if len(found) != len(wanted):
        raise InvalidValue(field="skills")
    return found


def _serves(team: Team, menu_region: str) -> bool:
    """A team of the menu's area, or of a region above it (a city team serves every town)."""
    if is_within(team.region_id, prefix_for_code(menu_region)):
        return True
    return is_within(menu_region, prefix_for_code(team.region_id))


def _teams(ids: Iterable[int], menu_region: str) -> list[Team]:
    wanted = sorted(set(ids))
    found = list(Team.objects.filter(pk__in=wanted, status=Team.Status.ACTIVE))
    if len(found) != len(wanted):
        raise InvalidValue(field="teams")
    if not all(_serves(t, menu_region) for t in found):
        raise NotInArea(field="teams")
    return found


def item_add(
    *,
    actor: Any,
    category: ServiceCategory,
    name: str,
    description: str = "",
    skills: Iterable[str] = (),
    teams: Iterable[int] = (),
    sort: int = 0,
    active: bool = True,
) -> ServiceItem:
    if not can_keep_menu(actor, category.region_id):
        raise NotAllowed()
    text = _name(name, 60)
    skill_rows, team_rows = _skills(skills), _teams(teams, category.region_id)
    with transaction.atomic():
        if ServiceItem.objects.filter(category=category, name=text).exists():
            raise DuplicateName(field="name")
        item = ServiceItem.objects.create(
            category=category,
            name=text,
            description=(description or "").strip()[:2000],
            sort=sort,
            active=active,
        )
        item.skills.set(skill_rows)
        item.teams.set(team_rows)
        audit_record(
            "dispatch.item.added",
            obj=item,
            actor=actor,
            region_id=category.region_id,
            changes={"name": text, "skills": [s.code for s in skill_rows], "teams": list(teams)},
        )
    return item


def item_update(
    *,
    actor: Any,
    item: ServiceItem,
    name: str,
    description: str,
    skills: Iterable[str],
    teams: Iterable[int],
    sort: int,
    active: bool,
) -> ServiceItem:
    region_id = item.category.region_id
    if not can_keep_menu(actor, region_id):
        raise NotAllowed()
    text = _name(name, 60)
    skill_rows, team_rows = _skills(skills), _teams(teams, region_id)
    with transaction.atomic():
        item.name, item.description = text, (description or "").strip()[:2000]
        item.sort, item.active = sort, active
        try:
            with transaction.atomic():
                item.save(update_fields=["name", "description", "sort", "active"])
        except IntegrityError:
            raise DuplicateName(field="name") from None
        item.skills.set(skill_rows)
        item.teams.set(team_rows)
        audit_record(
            "dispatch.item.updated",
            obj=item,
            actor=actor,
            region_id=region_id,
            changes={"name": text, "active": active, "skills": [s.code for s in skill_rows]},
        )
    return item
