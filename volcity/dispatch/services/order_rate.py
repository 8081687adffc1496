"""Rating (评单): only a completed order, only by the resident who placed it. A rating of 2 or
less goes back to the centre for follow-up, which records what it did."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from volcity.audit.services import audit_record
from volcity.core.lifecycle import transition_apply
from volcity.dispatch.errors import (
    FieldRequired,
    NotAllowed,
    NotCompleted,
    NotYourOrder,
    RatingOutOfRange,
    WrongStatus,
)
from volcity.dispatch.models import Order
from volcity.dispatch.permissions import can_handle_order, is_centre_of, is_resident_of_order
from volcity.dispatch.services.common import centre_users, order_locked, tell

LOW_RATING = 2


def order_rate(*, actor: Any, order: Order, rating: Any, comment: str = "") -> Order:
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise RatingOutOfRange(field="rating")
    with transaction.atomic():
        order = order_locked(order)
        if not is_resident_of_order(actor, order):
            raise NotYourOrder()
        if order.status != Order.Status.COMPLETED:
            raise NotCompleted(field="rating")
        order.rating = rating
        order.comment = (comment or "").strip()[:2000]
        order.rated_at = timezone.now()
        order.needs_follow_up = rating <= LOW_RATING
        transition_apply(
            order,
            "rate",
            actor=actor,
            extra_fields=["rating", "comment", "rated_at", "needs_follow_up"],
        )
        if order.needs_follow_up:
            tell(
                centre_users(order.handling_region_id),
                "low_rating",
                gettext("A low rating needs your follow-up"),
                order,
                sms=True,
            )
    return order


def order_follow_up(*, actor: Any, order: Order, note: str) -> Order:
    """The centre records how it followed up a low rating."""
    text = (note or "").strip()
    if not text:
        raise FieldRequired(field="note")
    with transaction.atomic():
        order = order_locked(order)
        if not (can_handle_order(actor, order) or is_centre_of(actor, order.region_id)):
            raise NotAllowed()
        if not order.needs_follow_up or order.followed_up_at is not None:
            raise WrongStatus()
        order.followed_up_at = timezone.now()
        order.follow_up_note = text[:2000]
        order.save(update_fields=["followed_up_at", "follow_up_note"])
        audit_record(
            "dispatch.order.followed_up",
            obj=order,
            actor=actor,
            region_id=order.region_id,
            changes={"note": text[:200]},
        )
    return order
