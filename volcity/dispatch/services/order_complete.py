"""Completing an order: a short report, hours served, photos. The hours flow to service
records through the activities area: a team order's leader enters a record for the volunteer
who served (``record_enter``, pending a second person's approval as every leader entry); a
volunteer serving alone reports their own hours for one of their teams
(``record_report_self``). Dispatch refuses a volunteer in no team; one who has left every
team since gets no record, and the audit entry of the report says so (``record: None``)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from volcity.activities.services.records import record_enter, record_report_self
from volcity.audit.services import audit_record
from volcity.core.lifecycle import transition_apply
from volcity.core.photos import Photo, photo_read
from volcity.dispatch.errors import (
    FieldRequired,
    InvalidValue,
    NotAllowed,
    TooManyPhotos,
    WrongStatus,
)
from volcity.dispatch.models import Order, OrderPhoto
from volcity.dispatch.permissions import is_assignee
from volcity.dispatch.services.common import (
    MAX_PHOTOS,
    centre_users,
    order_locked,
    tell,
    tell_resident,
)
from volcity.registry.models import Membership, Volunteer
from volcity.registry.queries import volunteer_of


def _hours(value: Any) -> Decimal:
    try:
        hours = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise InvalidValue(gettext("Give the hours served, like 1.5."), field="hours") from None
    if not hours.is_finite() or not Decimal("0.25") <= hours <= Decimal("24"):
        raise InvalidValue(gettext("Hours served are between 0.25 and 24."), field="hours")
    return hours.quantize(Decimal("0.01"))


def _served_by(actor: Any, order: Order, volunteer: Volunteer | None) -> Volunteer | None:
    if order.assigned_volunteer_id is not None:
        return order.assigned_volunteer
    if volunteer is not None:
        if not Membership.objects.filter(
            team_id=order.assigned_team_id or 0,
            volunteer=volunteer,
            status=Membership.Status.ACTIVE,
        ).exists():
            raise InvalidValue(gettext("Pick a member of the team."), field="volunteer")
        return volunteer
    return volunteer_of(actor)


def order_complete(
    *,
    actor: Any,
    order: Order,
    report: str,
    hours: Any,
    photos: Sequence[Photo] = (),
    volunteer: Volunteer | None = None,
) -> Order:
    text = (report or "").strip()
    if not text:
        raise FieldRequired(field="report")
    served_hours = _hours(hours)
    if len(photos) > MAX_PHOTOS:
        raise TooManyPhotos(TooManyPhotos.default_message % {"count": MAX_PHOTOS}, field="photos")
    read = [photo_read(p) for p in photos]
    with transaction.atomic():
        order = order_locked(order)
        if not is_assignee(actor, order):
            raise NotAllowed()
        if order.status != Order.Status.ACCEPTED:
            raise WrongStatus()
        served = _served_by(actor, order, volunteer)
        minutes = int(served_hours * 60)
        record = None
        title = order.item.name
        if served is not None and order.assigned_team_id is not None:
            record = record_enter(
                actor=actor,
                volunteer=served,
                activity=order.activity,
                team=order.assigned_team,  # type: ignore[arg-type]
                served_on=timezone.localdate(),
                minutes=minutes,
                content=text,
                place=order.address,
                title=title,
            )
        elif served is not None:
            membership = (
                Membership.objects.filter(volunteer=served, status=Membership.Status.ACTIVE)
                .select_related("team")
                .order_by("id")
                .first()
            )
            if membership is not None:
                record = record_report_self(
                    volunteer=served,
                    team=membership.team,
                    served_on=timezone.localdate(),
                    minutes=minutes,
                    title=title,
                    place=order.address,
                    content=text,
                )
        order.report = text[:4000]
        order.hours = served_hours
        order.service_record = record
        order.completed_at = timezone.now()
        transition_apply(
            order,
            "complete",
            actor=actor,
            extra_fields=["report", "hours", "service_record", "completed_at"],
        )
        for photo, (content_type, extension, width, height) in zip(photos, read, strict=True):
            stored = OrderPhoto(order=order, content_type=content_type, width=width, height=height)
            stored.image.save(f"order{order.pk}.{extension}", ContentFile(photo.data), save=False)
            stored.save()
        audit_record(
            "dispatch.order.report",
            obj=order,
            actor=actor,
            region_id=order.region_id,
            changes={
                "hours": str(served_hours),
                "photos": len(photos),
                "record": record.pk if record is not None else None,
                "volunteer": served.number if served is not None else None,
            },
        )
        tell_resident(
            order, "completed", gettext("Your order is done: please rate the service"), sms=True
        )
        tell(centre_users(order.handling_region_id), "completed", gettext("Order completed"), order)
    return order
