"""Reading the order loop's plain HTML forms into service input, and errors back beside fields.

The pages use hand-written forms (phone-first, big buttons); every rule is in the services, so
this module only converts text to values and never refuses anything itself except what cannot
be converted."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from volcity.core.errors import DomainError
from volcity.core.photos import Photo
from volcity.dispatch.services.order_place import OrderIn

MAX_UPLOAD = 8 * 1024 * 1024 + 1


def when(text: str) -> datetime.datetime | None:
    """A ``datetime-local`` value (city time) or an ISO datetime with its offset."""
    value = parse_datetime((text or "").strip())
    if value is None:
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def order_in(request: HttpRequest, *, region: str = "") -> OrderIn:
    p = request.POST
    item = p.get("item", "").strip()
    return OrderIn(
        item=int(item) if item.isdigit() else None,
        region=p.get("region", "").strip() or region,
        address=p.get("address", ""),
        latitude=p.get("latitude", ""),
        longitude=p.get("longitude", ""),
        wanted_from=when(p.get("wanted_from", "")),
        wanted_until=when(p.get("wanted_until", "")),
        contact_name=p.get("contact_name", ""),
        contact_phone=p.get("contact_phone", ""),
        urgency=p.get("urgency", "normal"),
        description=p.get("description", ""),
    )


def photos(request: HttpRequest) -> list[Photo]:
    return [
        Photo(f.name or "photo", f.read(MAX_UPLOAD)) for f in request.FILES.getlist("photos")[:7]
    ]


def errors_of(error: DomainError) -> dict[str, list[str]]:
    return {name: [str(m) for m in msgs] for name, msgs in error.fields.items()}


def int_or_none(text: Any) -> int | None:
    text = str(text or "").strip()
    return int(text) if text.isdigit() else None


def local_input(value: datetime.datetime | None) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M") if value else ""
