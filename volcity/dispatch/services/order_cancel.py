"""Cancelling an order, always with a reason: the centre at any open stage, the resident
who placed it before it is accepted."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from volcity.core.lifecycle import transition_apply
from volcity.dispatch.errors import NotAllowed, ReasonRequired, WrongStatus
from volcity.dispatch.models import Order
from volcity.dispatch.permissions import can_handle_order, is_resident_of_order
from volcity.dispatch.services.common import (
    assignee_users,
    centre_users,
    order_locked,
    tell,
    tell_resident,
)


def order_cancel(*, actor: Any, order: Order, reason: str) -> Order:
    if not (reason or "").strip():
        raise ReasonRequired(field="reason")
    with transaction.atomic():
        order = order_locked(order)
        centre = can_handle_order(actor, order)
        if not centre:
            if not is_resident_of_order(actor, order):
                raise NotAllowed()
            if order.status not in ("submitted", "approved", "pooled", "dispatched"):
                raise WrongStatus()
        if order.status not in Order.OPEN:
            raise WrongStatus()
        told = assignee_users(order)
        order.cancelled_at = timezone.now()
        order.accept_by = None
        transition_apply(
            order, "cancel", actor=actor, reason=reason, extra_fields=["cancelled_at", "accept_by"]
        )
        title = gettext("An order was cancelled")
        if centre:
            tell_resident(order, "cancelled", title, sms=True)
        else:
            tell(centre_users(order.handling_region_id), "cancelled", title, order)
        tell(told, "cancelled", title, order)
    return order
