"""Escalation: an order nobody reviewed or accepted by ``accept_by`` moves to the centre one
level up (town → city); its dispatchers are told. Run every minute by ``dispatch_escalate``.

An order already at the top (the city) stays there; its deadline is cleared after the city's
centre has been told, so it is not told again every minute.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from volcity.core.lifecycle import transition_apply
from volcity.dispatch.models import Order
from volcity.dispatch.services.common import (
    assignee_users,
    centre_users,
    deadline,
    order_locked,
    tell,
)

BATCH = 500


def order_escalate(*, order: Order, now: datetime.datetime) -> Order | None:
    """Escalate one order if it is still due (locked; a concurrent accept wins)."""
    with transaction.atomic():
        order = order_locked(order)
        if order.status not in Order.WAITING_FOR_ACCEPT or order.accept_by is None:
            return None
        if order.accept_by > now:
            return None
        higher = order.handling_region.parent
        told_before = assignee_users(order)
        order.escalated_at = now
        order.escalation_count += 1
        fields = ["escalated_at", "escalation_count", "accept_by"]
        if higher is not None:
            order.handling_region = higher
            order.accept_by = deadline(order, now)
            fields.append("handling_region")
        else:
            order.accept_by = None
        action = "escalate_review" if order.status == Order.Status.SUBMITTED else "escalate"
        if action == "escalate":
            order.assigned_team = None
            order.assigned_volunteer = None
            fields += ["assigned_team", "assigned_volunteer"]
        transition_apply(
            order,
            action,
            actor=None,
            reason=gettext("Not accepted in time"),
            extra_fields=fields,
        )
        tell(
            centre_users(order.handling_region_id, urgent=True),
            "escalated",
            gettext("An order was not accepted in time and comes to your centre"),
            order,
            sms=True,
        )
        if action == "escalate":
            tell(told_before, "withdrawn", gettext("An order was taken back from you"), order)
    return order


def order_escalate_due(*, now: datetime.datetime | None = None) -> list[Order]:
    """Escalate every open order whose deadline has passed (at most ``BATCH`` a run)."""
    moment = now or timezone.now()
    due = list(
        Order.objects.filter(
            status__in=Order.WAITING_FOR_ACCEPT, accept_by__isnull=False, accept_by__lte=moment
        )
        .order_by("accept_by")
        .values_list("pk", flat=True)[:BATCH]
    )
    moved: list[Order] = []
    for pk in due:
        done = order_escalate(order=Order(pk=pk), now=moment)
        if done is not None:
            moved.append(done)
    return moved
