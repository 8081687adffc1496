"""Dispatching (派单): to a team or a volunteer of the centre's scope, or to the pool that
eligible teams take from; re-dispatching with a reason."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from volcity.core.lifecycle import transition_apply
from volcity.dispatch.errors import (
    AlreadyTaken,
    InvalidValue,
    NotAllowed,
    NoTeamToRecord,
    NotEligible,
    OutOfScope,
    ReasonRequired,
    WrongStatus,
)
from volcity.dispatch.models import Order
from volcity.dispatch.permissions import can_handle_order, is_centre_of, led_team_ids
from volcity.dispatch.services.common import (
    actor_or_none,
    assignee_users,
    centre_users,
    deadline,
    order_locked,
    team_leaders,
    tell,
    tell_resident,
)
from volcity.regions.codes import descendant_range, is_within, prefix_for_code, prefix_of
from volcity.registry.models import Membership, Team, Volunteer


def _dispatch_move(order: Order) -> str:
    if order.status not in ("approved", "pooled"):
        raise WrongStatus()
    return "dispatch"


def order_dispatch(
    *, actor: Any, order: Order, team: Team | None = None, volunteer: Volunteer | None = None
) -> Order:
    """Send the order to one team or one volunteer, both within the dispatcher's scope."""
    if (team is None) == (volunteer is None):
        raise InvalidValue(
            gettext("Choose either a team or a volunteer."),
            field="team" if team is None else "volunteer",
        )
    with transaction.atomic():
        order = order_locked(order)
        if not can_handle_order(actor, order):
            raise NotAllowed()
        if team is not None:
            if team.status != Team.Status.ACTIVE:
                raise InvalidValue(gettext("This team is not active."), field="team")
            if not is_centre_of(actor, team.region_id):
                raise OutOfScope(field="team")
        if volunteer is not None:
            if volunteer.status != Volunteer.Status.ACTIVE:
                raise InvalidValue(gettext("This volunteer is not active."), field="volunteer")
            if not is_centre_of(actor, volunteer.region_id):
                raise OutOfScope(field="volunteer")
            if not Membership.objects.filter(
                volunteer=volunteer, status=Membership.Status.ACTIVE
            ).exists():
                raise NoTeamToRecord(field="volunteer")
        action = _dispatch_move(order)
        now = timezone.now()
        order.assigned_team = team
        order.assigned_volunteer = volunteer
        order.dispatched_at = now
        order.accept_by = deadline(order, now)
        transition_apply(
            order,
            action,
            actor=actor,
            extra_fields=["assigned_team", "assigned_volunteer", "dispatched_at", "accept_by"],
        )
        tell(
            assignee_users(order), "dispatched", gettext("A service order for you"), order, sms=True
        )
    return order


def order_pool(*, actor: Any, order: Order) -> Order:
    """Publish the order to the pool: leaders of eligible teams may take it."""
    with transaction.atomic():
        order = order_locked(order)
        if not can_handle_order(actor, order):
            raise NotAllowed()
        order.accept_by = deadline(order)
        transition_apply(order, "pool", actor=actor, extra_fields=["accept_by"])
        tell(
            team_leaders(pool_team_ids(order)),
            "pooled",
            gettext("A service order is open to take"),
            order,
        )
    return order


def pool_team_ids(order: Order, limit: int = 50) -> list[int]:
    """Whose leaders hear of a pooled order: the item's teams; when it names none, the active
    teams of the centre's area that serve the item's category (any team there may take it,
    but only those are told)."""
    listed = list(
        order.item.teams.filter(status=Team.Status.ACTIVE).values_list("pk", flat=True)[:limit]
    )
    if listed or order.item.teams.exists():
        return listed
    low, high = descendant_range(prefix_for_code(order.handling_region_id))
    return list(
        Team.objects.filter(
            status=Team.Status.ACTIVE,
            region_id__gte=low,
            region_id__lte=high,
            categories__name=order.item.category.name,
        )
        .order_by("id")
        .values_list("pk", flat=True)
        .distinct()[:limit]
    )


def team_is_eligible(team: Team, order: Order) -> bool:
    """An active team that provides the item (or any active team of the handling centre's
    area when the item names no teams), working in an area that covers the order's place."""
    if team.status != Team.Status.ACTIVE:
        return False
    providers = set(order.item.teams.values_list("pk", flat=True))
    if providers:
        return team.pk in providers
    centre = order.handling_region
    return is_within(team.region_id, prefix_of(centre.code, centre.level))


def order_take(*, actor: Any, order: Order, team: Team) -> Order:
    """A leader of an eligible team takes a pooled order: it is accepted at once. Two leaders
    racing: the row lock lets one through, the other is told it is already taken."""
    if team.pk not in led_team_ids(actor):
        raise NotAllowed(field="team")
    with transaction.atomic():
        order = order_locked(order)
        if order.status != Order.Status.POOLED:
            if order.status in ("accepted", "completed", "rated") or order.assigned_team_id:
                raise AlreadyTaken()
            raise WrongStatus()
        if not team_is_eligible(team, order):
            raise NotEligible(field="team")
        now = timezone.now()
        order.assigned_team = team
        order.assigned_volunteer = None
        order.accepted_by = actor_or_none(actor)
        order.dispatched_at = order.dispatched_at or now
        order.accepted_at = now
        order.accept_by = None
        transition_apply(
            order,
            "take",
            actor=actor,
            extra_fields=[
                "assigned_team",
                "assigned_volunteer",
                "accepted_by",
                "dispatched_at",
                "accepted_at",
                "accept_by",
            ],
        )
        title = gettext("Your order was taken by a team")
        tell_resident(order, "taken", title, sms=True)
        tell(centre_users(order.handling_region_id), "taken", title, order)
    return order


def order_redispatch(*, actor: Any, order: Order, reason: str) -> Order:
    """Take the order back from its team or volunteer (a reason is needed): it waits for a new
    dispatch at the centre."""
    if not (reason or "").strip():
        raise ReasonRequired(field="reason")
    with transaction.atomic():
        order = order_locked(order)
        if not can_handle_order(actor, order):
            raise NotAllowed()
        before = assignee_users(order)
        order.assigned_team = None
        order.assigned_volunteer = None
        order.accepted_by = None
        order.accepted_at = None
        order.accept_by = deadline(order)
        transition_apply(
            order,
            "redispatch",
            actor=actor,
            reason=reason,
            extra_fields=[
                "assigned_team",
                "assigned_volunteer",
                "accepted_by",
                "accepted_at",
                "accept_by",
            ],
        )
        tell(before, "withdrawn", gettext("An order was taken back from you"), order)
    return order
