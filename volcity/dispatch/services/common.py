"""What the order-loop services share: deadlines, locking, who to tell, photos."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from volcity.accounts.models import User
from volcity.accounts.roles import ADMIN_ROLES, Role
from volcity.accounts.sms import sms_send
from volcity.core.privacy import decrypt_text, mask_phone
from volcity.dispatch.errors import OrderNotFound
from volcity.dispatch.models import DutyShift, Order
from volcity.notifications.services import notify
from volcity.regions.models import Region

# How long each stage may wait before the order moves up to the higher level's centre.
ACCEPT_WITHIN: dict[str, datetime.timedelta] = {
    Order.Urgency.EMERGENCY: datetime.timedelta(minutes=15),
    Order.Urgency.URGENT: datetime.timedelta(hours=1),
    Order.Urgency.NORMAL: datetime.timedelta(hours=24),
}
MAX_PHOTOS = 6

logger = logging.getLogger(__name__)


def deadline(order: Order, now: datetime.datetime | None = None) -> datetime.datetime:
    return (now or timezone.now()) + ACCEPT_WITHIN.get(
        order.urgency, ACCEPT_WITHIN[Order.Urgency.NORMAL]
    )


def order_locked(order: Order | int) -> Order:
    """The order's row, locked for the rest of the transaction."""
    pk = order if isinstance(order, int) else order.pk
    found = Order.objects.select_for_update().filter(pk=pk).first()
    if found is None:
        raise OrderNotFound()
    return found


def ancestors(region_code: str) -> list[str]:
    """The region and the regions above it (village, town, city), by code."""
    codes: list[str] = []
    region: Region | None = Region.objects.filter(pk=region_code).only("code", "parent").first()
    while region is not None and len(codes) < 3:
        codes.append(region.code)
        region = region.parent
    return codes


def centre_users(region_code: str, *, urgent: bool = False) -> list[User]:
    """Dispatchers of the centre (granted at the region or above), and when ``urgent`` also
    the people on duty there now (the help line's roster)."""
    codes = ancestors(region_code)
    users = list(
        User.objects.filter(
            grants__role=Role.DISPATCHER, grants__region_id__in=codes, is_active=True
        ).distinct()[:50]
    )
    if not users:  # no dispatcher: the centre's administrators answer
        users = list(
            User.objects.filter(
                grants__role__in=ADMIN_ROLES, grants__region_id=region_code, is_active=True
            ).distinct()[:20]
        )
    if urgent:
        now = timezone.now()
        on_duty = DutyShift.objects.filter(region_id__in=codes, starts_at__lte=now, ends_at__gt=now)
        users += list(
            User.objects.filter(
                Q(pk__in=on_duty.filter(user__isnull=False).values("user_id"))
                | Q(
                    grants__role=Role.TEAM_LEADER,
                    grants__team_id__in=on_duty.filter(team__isnull=False).values("team_id"),
                ),
                is_active=True,
            ).distinct()[:20]
        )
    return users


def team_leaders(team_ids: Iterable[int]) -> list[User]:
    return list(
        User.objects.filter(
            grants__role=Role.TEAM_LEADER, grants__team_id__in=list(team_ids), is_active=True
        ).distinct()[:50]
    )


def assignee_users(order: Order) -> list[User]:
    if order.assigned_volunteer_id is not None:
        return [order.assigned_volunteer.user]  # type: ignore[union-attr]
    if order.assigned_team_id is not None:
        return team_leaders([order.assigned_team_id])
    return []


def resident_users(order: Order) -> list[User]:
    """The account that ordered on the phone page (none for kiosk orders and help-line calls,
    whose ``created_by`` is the dispatcher who took the call)."""
    if order.channel != Order.Channel.PHONE or order.created_by_id is None:
        return []
    return [order.created_by]  # type: ignore[list-item]


def tell_resident(order: Order, kind: str, title: str, *, sms: bool = False) -> None:
    """Tell whoever asked for ``order``: the resident's account (in-app, SMS when ``sms``), or,
    for a kiosk order or a help-line call, nobody has an account, so an SMS goes to the contact
    phone after commit when ``sms``. A failing SMS gateway never breaks the change."""
    users = resident_users(order)
    if users:
        tell(users, kind, title, order, sms=sms)
        return
    if not sms or not order.contact_phone_cipher:
        return
    phone = decrypt_text(order.contact_phone_cipher)
    text = f"{title}: {order.number} {order.item.name}"

    def send() -> None:
        try:
            sms_send(phone, text)
        except Exception:  # noqa: BLE001 - the order has changed; a lost text is only logged
            logger.exception("SMS about order %s to %s failed", order.number, mask_phone(phone))

    transaction.on_commit(send)


def tell(users: Iterable[User], kind: str, title: str, order: Order, *, sms: bool = False) -> None:
    """One notification per user about ``order`` (in this transaction; SMS after commit)."""
    from django.urls import reverse

    notify(
        users=users,
        kind=f"dispatch.order.{kind}",
        title=title,
        body=f"{order.number} {order.item.name}",
        url=reverse("dispatch:order", args=[order.number]),
        sms=sms,
    )


def is_urgent(order: Order) -> bool:
    return order.urgency != Order.Urgency.NORMAL


def actor_or_none(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None
