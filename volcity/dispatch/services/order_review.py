"""Reviewing an order (审单): the handling centre approves it, or rejects it with a reason."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from volcity.core.lifecycle import transition_apply
from volcity.dispatch.errors import NotAllowed, ReasonRequired
from volcity.dispatch.models import Order
from volcity.dispatch.permissions import can_handle_order
from volcity.dispatch.services.common import deadline, order_locked, tell_resident


def order_approve(*, actor: Any, order: Order, note: str = "") -> Order:
    with transaction.atomic():
        order = order_locked(order)
        if not can_handle_order(actor, order):
            raise NotAllowed()
        now = timezone.now()
        order.reviewed_at = now
        order.review_note = (note or "").strip()[:200]
        order.accept_by = deadline(order, now)
        transition_apply(
            order,
            "approve",
            actor=actor,
            extra_fields=["reviewed_at", "review_note", "accept_by"],
        )
        tell_resident(order, "approved", gettext("Your order was accepted for service"))
    return order


def order_reject(*, actor: Any, order: Order, reason: str) -> Order:
    if not (reason or "").strip():
        raise ReasonRequired(field="reason")
    with transaction.atomic():
        order = order_locked(order)
        if not can_handle_order(actor, order):
            raise NotAllowed()
        order.reviewed_at = timezone.now()
        order.review_note = reason.strip()[:200]
        order.accept_by = None
        transition_apply(
            order,
            "reject",
            actor=actor,
            reason=reason,
            extra_fields=["reviewed_at", "review_note", "accept_by"],
        )
        tell_resident(order, "rejected", gettext("Your order could not be taken"), sms=True)
    return order
