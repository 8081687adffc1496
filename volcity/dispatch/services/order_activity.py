"""Turning an accepted team order into an activity, to recruit helpers (activities area)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from volcity.activities.recurrence import ShiftSpec
from volcity.activities.services.activities import ActivityIn, activity_create, activity_publish
from volcity.audit.services import audit_record
from volcity.dispatch.errors import InvalidValue, NotAllowed, WrongStatus
from volcity.dispatch.models import Order
from volcity.dispatch.permissions import is_team_leader_of
from volcity.dispatch.services.common import order_locked


def order_to_activity(*, actor: Any, order: Order, helpers: int = 3) -> Order:
    """A leader of the team serving an accepted order opens a published activity for it, with
    one shift over the wanted time and ``helpers`` seats."""
    if not isinstance(helpers, int) or not 1 <= helpers <= 200:
        raise InvalidValue(field="helpers")
    with transaction.atomic():
        order = order_locked(order)
        if not is_team_leader_of(actor, order.assigned_team_id):
            raise NotAllowed()
        if order.status != Order.Status.ACCEPTED or order.activity_id is not None:
            raise WrongStatus()
        assert order.assigned_team_id is not None  # noqa: S101
        activity = activity_create(
            actor=actor,
            data=ActivityIn(
                title=f"{order.item.name} {order.number}"[:80],
                team=order.assigned_team_id,
                region=order.region_id,
                address=order.address,
                latitude=order.latitude,
                longitude=order.longitude,
                description=order.description or gettext("Helpers wanted for a service order."),
                shifts=[
                    ShiftSpec(
                        starts_at=order.wanted_from, ends_at=order.wanted_until, capacity=helpers
                    )
                ],
            ),
        )
        activity_publish(actor=actor, activity=activity)
        order.activity = activity
        order.save(update_fields=["activity"])
        audit_record(
            "dispatch.order.activity_opened",
            obj=order,
            actor=actor,
            region_id=order.region_id,
            changes={"activity": activity.pk, "helpers": helpers},
        )
    return order
