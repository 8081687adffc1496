"""An order's timeline as people read it: each event's step and statuses in words."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from volcity.core.lifecycle import status_history
from volcity.dispatch.models import Order

STEPS = {
    "place": _("Ordered"),
    "approve": _("Reviewed and accepted by the centre"),
    "reject": _("Rejected by the centre"),
    "dispatch": _("Dispatched"),
    "pool": _("Published to the pool"),
    "take": _("Taken from the pool"),
    "accept": _("Accepted by the team or volunteer"),
    "decline": _("Declined"),
    "redispatch": _("Taken back for re-dispatch"),
    "escalate": _("Escalated to the higher centre"),
    "escalate_review": _("Escalated to the higher centre for review"),
    "complete": _("Service completed"),
    "rate": _("Rated"),
    "cancel": _("Cancelled"),
}


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime.datetime
    action: str
    step: str
    from_label: str
    to_label: str
    reason: str


def _status_label(value: str) -> str:
    if not value:
        return ""
    try:
        return str(Order.Status(value).label)
    except ValueError:
        return value


def order_timeline(order: Order) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            at=e.at,
            action=e.action,
            step=str(STEPS.get(e.action, e.action)),
            from_label=_status_label(e.from_status),
            to_label=_status_label(e.to_status),
            reason=e.reason,
        )
        for e in status_history(order)
    ]
