"""Accepting (接单) or declining a dispatched order: the assigned volunteer, or a leader of the
assigned team. A decline needs a reason and returns the order to the centre."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from volcity.core.lifecycle import transition_apply
from volcity.dispatch.errors import AlreadyTaken, NotAllowed, ReasonRequired, WrongStatus
from volcity.dispatch.models import Order
from volcity.dispatch.permissions import is_assignee
from volcity.dispatch.services.common import (
    actor_or_none,
    centre_users,
    deadline,
    order_locked,
    tell,
    tell_resident,
)


def _check_assignee(actor: Any, order: Order) -> None:
    if order.status in ("accepted", "completed", "rated"):
        if is_assignee(actor, order):
            raise WrongStatus()
        raise AlreadyTaken()
    if not is_assignee(actor, order):
        if order.status == Order.Status.DISPATCHED:
            raise AlreadyTaken()  # dispatched to someone else
        raise NotAllowed()
    if order.status != Order.Status.DISPATCHED:
        raise WrongStatus()


def order_accept(*, actor: Any, order: Order) -> Order:
    with transaction.atomic():
        order = order_locked(order)
        _check_assignee(actor, order)
        order.accepted_at = timezone.now()
        order.accepted_by = actor_or_none(actor)
        order.accept_by = None
        transition_apply(
            order, "accept", actor=actor, extra_fields=["accepted_at", "accepted_by", "accept_by"]
        )
        title = gettext("Your order was accepted: a volunteer is on the way")
        tell_resident(order, "accepted", title, sms=True)
        tell(centre_users(order.handling_region_id), "accepted", gettext("Order accepted"), order)
    return order


def order_decline(*, actor: Any, order: Order, reason: str) -> Order:
    if not (reason or "").strip():
        raise ReasonRequired(field="reason")
    with transaction.atomic():
        order = order_locked(order)
        _check_assignee(actor, order)
        order.assigned_team = None
        order.assigned_volunteer = None
        order.accept_by = deadline(order)
        transition_apply(
            order,
            "decline",
            actor=actor,
            reason=reason,
            extra_fields=["assigned_team", "assigned_volunteer", "accept_by"],
        )
        tell(
            centre_users(order.handling_region_id, urgent=order.urgency != "normal"),
            "declined",
            gettext("An order was declined: dispatch it again"),
            order,
        )
    return order
