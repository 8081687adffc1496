"""Placing an order (点单): the resident's phone page, the kiosk, a dispatcher taking a call.

Every order needs a reachable location: coordinates from the phone's geolocation, or the
centre of the picked village when the map knows it; an order with neither is refused. The
order goes to the centre of its town (``handling_region``), which must review it by
``accept_by``; after that ``order_escalate_due`` moves it up to the city's centre.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from volcity.audit.services import audit_record
from volcity.core.errors import DomainError
from volcity.core.privacy import encrypt_text, mask_phone, parse_mobile
from volcity.core.sequences import sequence_take
from volcity.dispatch.errors import (
    BadTimeRange,
    FieldRequired,
    InvalidValue,
    ItemUnavailable,
    LocationRequired,
    LocationUnreachable,
    NotAllowed,
)
from volcity.dispatch.models import Order, ServiceItem
from volcity.dispatch.permissions import is_centre_of, is_centre_staff
from volcity.dispatch.services.common import centre_users, deadline, is_urgent, tell
from volcity.regions.codes import is_within, prefix_of
from volcity.regions.models import Region

# Qingzhou and its neighbours, generously: a point outside is a typo, not a place we can reach.
LAT_RANGE = (Decimal("34.0"), Decimal("39.0"))
LNG_RANGE = (Decimal("115.0"), Decimal("123.0"))


@dataclass
class OrderIn:
    item: int | None
    region: str
    address: str
    latitude: Decimal | float | str | None
    longitude: Decimal | float | str | None
    wanted_from: datetime.datetime | None
    wanted_until: datetime.datetime | None
    contact_name: str
    contact_phone: str
    urgency: str = Order.Urgency.NORMAL
    description: str = ""


def _decimal(value: Any, field: str) -> Decimal | None:
    if value is None or str(value).strip() == "":
        return None
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise LocationUnreachable(field=field) from None
    if not number.is_finite():
        raise LocationUnreachable(field=field)
    return number.quantize(Decimal("0.000001"))


def _location(data: OrderIn, region: Region) -> tuple[Decimal, Decimal]:
    lat, lng = _decimal(data.latitude, "latitude"), _decimal(data.longitude, "longitude")
    if lat is None and lng is None:
        lat = getattr(region, "latitude", None)
        lng = getattr(region, "longitude", None)
    if lat is None or lng is None:
        raise LocationRequired(field="latitude")
    if not (LAT_RANGE[0] <= lat <= LAT_RANGE[1]):
        raise LocationUnreachable(field="latitude")
    if not (LNG_RANGE[0] <= lng <= LNG_RANGE[1]):
        raise LocationUnreachable(field="longitude")
    return Decimal(lat), Decimal(lng)


def _clean(data: OrderIn) -> dict[str, Any]:
    """Every field checked; all the refusals at once, each beside its field."""
    errors: dict[str, list[Any]] = {}

    def refuse(error: DomainError) -> None:
        for name, messages in error.fields.items():
            errors.setdefault(name, []).extend(messages)

    values: dict[str, Any] = {}
    item = None
    if data.item:
        item = (
            ServiceItem.objects.select_related("category")
            .filter(pk=data.item, active=True, category__active=True)
            .first()
        )
    if item is None:
        refuse(ItemUnavailable(field="item"))
    region = Region.objects.select_related("parent").filter(pk=(data.region or "").strip()).first()
    if region is None or region.level != Region.Level.VILLAGE:
        refuse(FieldRequired(gettext("Pick the village or community."), field="region"))
        region = None
    if item is not None and region is not None:
        menu = item.category.region
        if not is_within(region.code, prefix_of(menu.code, menu.level)):
            refuse(ItemUnavailable(field="item"))
    address = (data.address or "").strip()
    if not address:
        refuse(FieldRequired(field="address"))
    if region is not None:
        try:
            values["latitude"], values["longitude"] = _location(data, region)
        except DomainError as error:
            refuse(error)
    now = timezone.now()
    start, end = data.wanted_from, data.wanted_until
    if start is None:
        refuse(FieldRequired(field="wanted_from"))
    if end is None:
        refuse(FieldRequired(field="wanted_until"))
    if start is not None and end is not None and (end < start or end <= now):
        refuse(BadTimeRange(field="wanted_until"))
    if data.urgency not in Order.Urgency.values:
        refuse(InvalidValue(field="urgency"))
    name = (data.contact_name or "").strip()
    if not name:
        refuse(FieldRequired(field="contact_name"))
    elif len(name) > 40:
        refuse(InvalidValue(field="contact_name"))
    phone = ""
    if not (data.contact_phone or "").strip():
        refuse(FieldRequired(field="contact_phone"))
    else:
        try:
            phone = parse_mobile(data.contact_phone, field="contact_phone")
        except DomainError as error:
            refuse(error)
    if errors:
        first = next(iter(errors.values()))[0]
        raise InvalidValue(first, code=_code(errors), fields=errors)
    assert item is not None and region is not None  # noqa: S101
    values.update(
        item=item,
        region=region,
        address=address[:200],
        wanted_from=start,
        wanted_until=end,
        urgency=data.urgency,
        description=(data.description or "").strip()[:2000],
        contact_name=name,
        contact_phone_cipher=encrypt_text(phone),
        contact_phone_masked=mask_phone(phone),
        handling_region=region.parent,
    )
    return values


def _code(errors: dict[str, list[Any]]) -> str:
    """The most telling code when several fields are refused (location first)."""
    if "latitude" in errors or "longitude" in errors:
        text = str(errors.get("latitude", errors.get("longitude", [""]))[0])
        if text == str(LocationRequired.default_message):
            return LocationRequired.code
        return LocationUnreachable.code
    if "item" in errors:
        return ItemUnavailable.code
    return "order_invalid"


def _place(*, actor: Any, data: OrderIn, channel: str) -> Order:
    values = _clean(data)
    with transaction.atomic():
        today = timezone.localdate()
        serial = sequence_take(f"dispatch-order-{today:%Y%m%d}")
        order = Order(
            number=f"PD{today:%Y%m%d}{serial:05d}",
            channel=channel,
            created_by=actor if channel != Order.Channel.KIOSK else None,
            status=Order.Status.SUBMITTED,
            **values,
        )
        order.accept_by = deadline(order)
        order.save()
        from volcity.core.models import StatusEvent

        StatusEvent.objects.create(
            object_type=order._meta.label_lower,
            object_id=str(order.pk),
            action="place",
            from_status="",
            to_status=order.status,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            at=timezone.now(),
        )
        audit_record(
            "dispatch.order.placed",
            obj=order,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            region_id=order.region_id,
            changes={
                "number": order.number,
                "item": order.item_id,
                "channel": channel,
                "urgency": order.urgency,
                "contact_phone": order.contact_phone_masked,
            },
        )
        tell(
            centre_users(order.handling_region_id, urgent=is_urgent(order)),
            "placed",
            gettext("New order to review"),
            order,
            sms=is_urgent(order),
        )
    return order


def order_place(*, actor: Any, data: OrderIn) -> Order:
    """A signed-in resident orders from the phone page."""
    if not getattr(actor, "is_authenticated", False):
        raise NotAllowed()
    return _place(actor=actor, data=data, channel=Order.Channel.PHONE)


def order_place_kiosk(*, data: OrderIn) -> Order:
    """Anyone at a kiosk (no sign-in): the contact phone is required like everywhere."""
    return _place(actor=None, data=data, channel=Order.Channel.KIOSK)


def order_place_call(*, actor: Any, data: OrderIn) -> Order:
    """A dispatcher enters a help-line call for the caller."""
    if not is_centre_staff(actor):
        raise NotAllowed()
    if data.region and not is_centre_of(actor, data.region.strip()):
        raise NotAllowed(field="region")
    return _place(actor=actor, data=data, channel=Order.Channel.CALL)
