"""Reads of the order loop, scoped to the acting user."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from volcity.accounts.scope import visible_to
from volcity.core.privacy import decrypt_text
from volcity.dispatch.errors import OrderNotFound
from volcity.dispatch.models import DutyShift, Order, ServiceCategory, ServiceItem
from volcity.dispatch.permissions import (
    CENTRE_ROLES,
    can_see_contact,
    can_see_order,
    led_team_ids,
)
from volcity.dispatch.services.common import ancestors
from volcity.regions.models import Region
from volcity.registry.models import Team
from volcity.registry.queries import volunteer_of

LIST_LIMIT = 100


def _orders() -> QuerySet[Order]:
    return Order.objects.select_related(
        "item", "item__category", "region", "handling_region", "assigned_team", "assigned_volunteer"
    )


def order_get_for(user: Any, number: str) -> Order:
    """One order the user may see, or 404 (another centre's or another person's order)."""
    order = _orders().filter(number=number).first()
    if order is None:
        raise OrderNotFound()
    if not (can_see_order(user, order) or _may_take(user, order)):
        raise OrderNotFound()
    return order


def _may_take(user: Any, order: Order) -> bool:
    """A pooled order is open to the leaders of the teams that may take it."""
    if order.status != Order.Status.POOLED:
        return False
    from volcity.dispatch.services.order_dispatch import team_is_eligible

    teams = Team.objects.filter(pk__in=sorted(led_team_ids(user)), status="active")[:20]
    return any(team_is_eligible(team, order) for team in teams)


def contact_phone_for(user: Any, order: Order) -> str:
    """The contact phone in full where the user may see it, masked otherwise."""
    if can_see_contact(user, order):
        return decrypt_text(order.contact_phone_cipher)
    return order.contact_phone_masked


def orders_of_resident(user: Any) -> list[Order]:
    return list(_orders().filter(created_by=user).order_by("-created_at", "-id")[:LIST_LIMIT])


def orders_for_centre(user: Any, *, status: str = "") -> list[Order]:
    qs = visible_to(user, _orders(), roles=CENTRE_ROLES, region_field="handling_region")
    if status:
        qs = qs.filter(status=status)
    else:
        qs = qs.filter(Q(status__in=Order.OPEN) | Q(needs_follow_up=True, followed_up_at=None))
    return list(qs.order_by("-created_at", "-id")[:LIST_LIMIT])


def tasks_for(user: Any) -> list[Order]:
    """Orders dispatched to the user as a volunteer or to a team they lead, still to do."""
    volunteer = volunteer_of(user)
    condition = Q(assigned_team_id__in=sorted(led_team_ids(user)))
    if volunteer is not None:
        condition |= Q(assigned_volunteer=volunteer)
    return list(
        _orders()
        .filter(condition, status__in=["dispatched", "accepted", "completed"])
        .order_by("status", "-created_at")[:LIST_LIMIT]
    )


def pool_for(user: Any) -> tuple[list[Order], list[Team]]:
    """Pooled orders a team the user leads may take, and those teams."""
    teams = list(Team.objects.filter(pk__in=sorted(led_team_ids(user)), status="active"))
    if not teams:
        return [], []
    condition = Q(item__teams__in=teams)
    for team in teams:
        condition |= Q(item__teams__isnull=True, handling_region_id__in=ancestors(team.region_id))
    pooled = (
        _orders()
        .filter(status=Order.Status.POOLED)
        .filter(condition)
        .distinct()
        .order_by("-urgency", "created_at")[:LIST_LIMIT]
    )
    return list(pooled), teams


def menu_for(region_code: str) -> list[ServiceCategory]:
    """The active menu a resident of ``region_code`` may order from (town's and city's)."""
    codes = []
    region = Region.objects.filter(pk=region_code).select_related("parent__parent").first()
    while region is not None:
        codes.append(region.code)
        region = region.parent
    categories = list(
        ServiceCategory.objects.filter(region_id__in=codes, active=True).order_by("sort", "id")
    )
    items = ServiceItem.objects.filter(category__in=categories, active=True).order_by("sort", "id")
    by_category: dict[int, list[ServiceItem]] = {}
    for item in items:
        by_category.setdefault(item.category_id, []).append(item)
    for category in categories:
        category.menu_items = by_category.get(category.pk, [])  # type: ignore[attr-defined]
    return [c for c in categories if c.menu_items]  # type: ignore[attr-defined]


def menu_admin_for(user: Any) -> list[ServiceCategory]:
    from volcity.accounts.roles import ADMIN_ROLES

    categories = list(
        visible_to(user, ServiceCategory.objects.all(), roles=ADMIN_ROLES).order_by(
            "region_id", "sort", "id"
        )[:200]
    )
    items = ServiceItem.objects.filter(category__in=categories).order_by("sort", "id")
    by_category: dict[int, list[ServiceItem]] = {}
    for item in items:
        by_category.setdefault(item.category_id, []).append(item)
    for category in categories:
        category.menu_items = by_category.get(category.pk, [])  # type: ignore[attr-defined]
    return categories


def roster_for(user: Any) -> list[DutyShift]:
    since = timezone.now() - datetime.timedelta(days=1)
    return list(
        visible_to(
            user,
            DutyShift.objects.select_related("user", "team", "region"),
            roles=CENTRE_ROLES,
        )
        .filter(ends_at__gte=since)
        .order_by("starts_at")[:200]
    )
