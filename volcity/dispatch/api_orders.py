"""API of the order loop, mounted under ``/api/v1/dispatch``: the same services and queries as
the pages. Refusals come back as ``{"code", "message", "fields"}``."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from volcity.core.api_auth import api_user
from volcity.core.errors import NotFound, PermissionDenied
from volcity.core.lifecycle import status_history
from volcity.core.photos import Photo
from volcity.dispatch.errors import InvalidValue, PhotoInvalid
from volcity.dispatch.models import DutyShift, Order, ServiceCategory, ServiceItem
from volcity.dispatch.permissions import can_keep_menu, can_keep_roster, is_centre_staff
from volcity.dispatch.queries import (
    contact_phone_for,
    menu_for,
    order_get_for,
    orders_for_centre,
    orders_of_resident,
    pool_for,
    roster_for,
    tasks_for,
)
from volcity.dispatch.schemas import (
    ActivityIn,
    CategoryIn,
    CategoryOut,
    CategoryPatch,
    CompleteIn,
    DispatchIn,
    DutyIn,
    DutyOut,
    EventOut,
    ItemIn,
    ItemOut,
    NoteIn,
    OrderBrief,
    OrderIn,
    OrderOut,
    RateIn,
    ReasonIn,
    TakeIn,
)
from volcity.dispatch.services.menu import category_add, category_update, item_add, item_update
from volcity.dispatch.services.order_accept import order_accept, order_decline
from volcity.dispatch.services.order_activity import order_to_activity
from volcity.dispatch.services.order_cancel import order_cancel
from volcity.dispatch.services.order_complete import order_complete
from volcity.dispatch.services.order_dispatch import (
    order_dispatch,
    order_pool,
    order_redispatch,
    order_take,
)
from volcity.dispatch.services.order_place import order_place, order_place_call, order_place_kiosk
from volcity.dispatch.services.order_rate import order_follow_up, order_rate
from volcity.dispatch.services.order_review import order_approve, order_reject
from volcity.dispatch.services.roster import duty_add, duty_remove
from volcity.regions.models import Region
from volcity.registry.models import Team, Volunteer

router = Router(tags=["dispatch"])


def order_out(user: Any, order: Order, *, history: bool = True) -> OrderOut:
    return OrderOut(
        number=order.number,
        item=order.item_id,
        item_name=order.item.name,
        category=order.item.category.name,
        region=order.region_id,
        address=order.address,
        latitude=order.latitude,
        longitude=order.longitude,
        wanted_from=order.wanted_from,
        wanted_until=order.wanted_until,
        urgency=order.urgency,
        description=order.description,
        contact_name=order.contact_name,
        contact_phone=contact_phone_for(user, order),
        channel=order.channel,
        status=order.status,
        handling_region=order.handling_region_id,
        assigned_team=order.assigned_team_id,
        assigned_volunteer=order.assigned_volunteer_id,
        accept_by=order.accept_by,
        escalated_at=order.escalated_at,
        activity=order.activity_id,
        report=order.report,
        hours=order.hours,
        rating=order.rating,
        comment=order.comment,
        needs_follow_up=order.needs_follow_up,
        created_at=order.created_at,
        history=[
            EventOut(
                action=e.action,
                from_status=e.from_status,
                to_status=e.to_status,
                reason=e.reason,
                at=e.at,
            )
            for e in status_history(order)
        ]
        if history
        else [],
    )


def brief(order: Order) -> OrderBrief:
    return OrderBrief(
        number=order.number,
        item_name=order.item.name,
        region=order.region_id,
        urgency=order.urgency,
        status=order.status,
        created_at=order.created_at,
        accept_by=order.accept_by,
    )


def _fresh(user: Any, number: str) -> OrderOut:
    return order_out(user, order_get_for(user, number))


# ------------------------------------------------------------------ menu


@router.get("/menu", response=list[CategoryOut], auth=None)
def menu_api(request: HttpRequest, region: str = "") -> list[CategoryOut]:
    """The services a village's residents may order (its town's and the city's menus)."""
    return [
        CategoryOut(
            id=c.pk,
            region=c.region_id,
            name=c.name,
            active=c.active,
            items=[ItemOut(id=i.pk, name=i.name, description=i.description) for i in c.menu_items],  # type: ignore[attr-defined]
        )
        for c in menu_for(region)
    ]


@router.post("/menu/categories", response={201: CategoryOut})
def category_add_api(request: HttpRequest, payload: CategoryIn) -> Status[CategoryOut]:
    actor = api_user(request)
    region = Region.objects.filter(pk=payload.region).first()
    if region is None:
        raise InvalidValue(field="region")
    c = category_add(actor=actor, region=region, name=payload.name, sort=payload.sort)
    return Status(
        201, CategoryOut(id=c.pk, region=c.region_id, name=c.name, active=c.active, items=[])
    )


def _category(actor: Any, category_id: int) -> ServiceCategory:
    found = ServiceCategory.objects.filter(pk=category_id).first()
    if found is None or not can_keep_menu(actor, found.region_id):
        raise NotFound()
    return found


@router.put("/menu/categories/{category_id}", response=CategoryOut)
def category_update_api(
    request: HttpRequest, category_id: int, payload: CategoryPatch
) -> CategoryOut:
    actor = api_user(request)
    c = category_update(actor=actor, category=_category(actor, category_id), **payload.dict())
    return CategoryOut(id=c.pk, region=c.region_id, name=c.name, active=c.active, items=[])


@router.post("/menu/categories/{category_id}/items", response={201: ItemOut})
def item_add_api(request: HttpRequest, category_id: int, payload: ItemIn) -> Status[ItemOut]:
    actor = api_user(request)
    item = item_add(actor=actor, category=_category(actor, category_id), **payload.dict())
    return Status(201, ItemOut(id=item.pk, name=item.name, description=item.description))


@router.put("/menu/items/{item_id}", response=ItemOut)
def item_update_api(request: HttpRequest, item_id: int, payload: ItemIn) -> ItemOut:
    actor = api_user(request)
    item = ServiceItem.objects.select_related("category").filter(pk=item_id).first()
    if item is None or not can_keep_menu(actor, item.category.region_id):
        raise NotFound()
    item = item_update(actor=actor, item=item, **payload.dict())
    return ItemOut(id=item.pk, name=item.name, description=item.description)


# ------------------------------------------------------------------ placing


@router.post("/orders", response={201: OrderOut})
def order_place_api(request: HttpRequest, payload: OrderIn) -> Status[OrderOut]:
    """A signed-in resident orders a service."""
    actor = api_user(request)
    order = order_place(actor=actor, data=payload.to_data())
    return Status(201, _fresh(actor, order.number))


@router.post("/kiosk/orders", response={201: OrderBrief}, auth=None)
def order_kiosk_api(request: HttpRequest, payload: OrderIn) -> Status[OrderBrief]:
    """An order from a kiosk: no sign-in; only the number comes back."""
    return Status(201, brief(order_place_kiosk(data=payload.to_data())))


@router.post("/calls", response={201: OrderOut})
def order_call_api(request: HttpRequest, payload: OrderIn) -> Status[OrderOut]:
    """A dispatcher enters a help-line call."""
    actor = api_user(request)
    order = order_place_call(actor=actor, data=payload.to_data())
    return Status(201, _fresh(actor, order.number))


# ------------------------------------------------------------------ lists


@router.get("/orders/mine", response=list[OrderBrief])
def my_orders_api(request: HttpRequest) -> list[OrderBrief]:
    return [brief(o) for o in orders_of_resident(api_user(request))]


@router.get("/orders/centre", response=list[OrderBrief])
def centre_orders_api(request: HttpRequest, status: str = "") -> list[OrderBrief]:
    actor = api_user(request)
    if not is_centre_staff(actor):
        raise PermissionDenied()
    return [brief(o) for o in orders_for_centre(actor, status=status)]


@router.get("/tasks", response=list[OrderBrief])
def tasks_api(request: HttpRequest) -> list[OrderBrief]:
    return [brief(o) for o in tasks_for(api_user(request))]


@router.get("/pool", response=list[OrderBrief])
def pool_api(request: HttpRequest) -> list[OrderBrief]:
    orders, _teams = pool_for(api_user(request))
    return [brief(o) for o in orders]


@router.get("/orders/{number}", response=OrderOut)
def order_get_api(request: HttpRequest, number: str) -> OrderOut:
    return _fresh(api_user(request), number)


# ------------------------------------------------------------------ moves


def _move(request: HttpRequest, number: str, call: Any) -> OrderOut:
    actor = api_user(request)
    call(actor, order_get_for(actor, number))
    return _fresh(actor, number)


@router.post("/orders/{number}/approve", response=OrderOut)
def approve_api(request: HttpRequest, number: str, payload: NoteIn) -> OrderOut:
    return _move(request, number, lambda a, o: order_approve(actor=a, order=o, note=payload.note))


@router.post("/orders/{number}/reject", response=OrderOut)
def reject_api(request: HttpRequest, number: str, payload: ReasonIn) -> OrderOut:
    return _move(
        request, number, lambda a, o: order_reject(actor=a, order=o, reason=payload.reason)
    )


@router.post("/orders/{number}/dispatch", response=OrderOut)
def dispatch_api(request: HttpRequest, number: str, payload: DispatchIn) -> OrderOut:
    team = Team.objects.filter(pk=payload.team).first() if payload.team else None
    volunteer = (
        Volunteer.objects.filter(pk=payload.volunteer).first() if payload.volunteer else None
    )
    if payload.team and team is None:
        raise InvalidValue(field="team")
    if payload.volunteer and volunteer is None:
        raise InvalidValue(field="volunteer")
    return _move(
        request,
        number,
        lambda a, o: order_dispatch(actor=a, order=o, team=team, volunteer=volunteer),
    )


@router.post("/orders/{number}/pool", response=OrderOut)
def pool_order_api(request: HttpRequest, number: str) -> OrderOut:
    return _move(request, number, lambda a, o: order_pool(actor=a, order=o))


@router.post("/orders/{number}/take", response=OrderOut)
def take_api(request: HttpRequest, number: str, payload: TakeIn) -> OrderOut:
    team = Team.objects.filter(pk=payload.team).first()
    if team is None:
        raise InvalidValue(field="team")
    actor = api_user(request)
    order = Order.objects.filter(number=number, status__in=["pooled", "accepted"]).first()
    if order is None:
        raise NotFound()
    order_take(actor=actor, order=order, team=team)
    return _fresh(actor, number)


@router.post("/orders/{number}/accept", response=OrderOut)
def accept_api(request: HttpRequest, number: str) -> OrderOut:
    return _move(request, number, lambda a, o: order_accept(actor=a, order=o))


@router.post("/orders/{number}/decline", response=OrderOut)
def decline_api(request: HttpRequest, number: str, payload: ReasonIn) -> OrderOut:
    return _move(
        request, number, lambda a, o: order_decline(actor=a, order=o, reason=payload.reason)
    )


@router.post("/orders/{number}/redispatch", response=OrderOut)
def redispatch_api(request: HttpRequest, number: str, payload: ReasonIn) -> OrderOut:
    return _move(
        request, number, lambda a, o: order_redispatch(actor=a, order=o, reason=payload.reason)
    )


@router.post("/orders/{number}/cancel", response=OrderOut)
def cancel_api(request: HttpRequest, number: str, payload: ReasonIn) -> OrderOut:
    return _move(
        request, number, lambda a, o: order_cancel(actor=a, order=o, reason=payload.reason)
    )


@router.post("/orders/{number}/activity", response=OrderOut)
def activity_api(request: HttpRequest, number: str, payload: ActivityIn) -> OrderOut:
    return _move(
        request, number, lambda a, o: order_to_activity(actor=a, order=o, helpers=payload.helpers)
    )


def _photos(encoded: list[str]) -> list[Photo]:
    photos = []
    for n, text in enumerate(encoded[:7], start=1):
        try:
            photos.append(Photo(f"photo{n}", base64.b64decode(text, validate=True)))
        except (binascii.Error, ValueError):
            raise PhotoInvalid(field="photos") from None
    return photos


@router.post("/orders/{number}/complete", response=OrderOut)
def complete_api(request: HttpRequest, number: str, payload: CompleteIn) -> OrderOut:
    volunteer = (
        Volunteer.objects.filter(pk=payload.volunteer).first() if payload.volunteer else None
    )
    photos = _photos(payload.photos)
    return _move(
        request,
        number,
        lambda a, o: order_complete(
            actor=a,
            order=o,
            report=payload.report,
            hours=payload.hours,
            photos=photos,
            volunteer=volunteer,
        ),
    )


@router.post("/orders/{number}/rate", response=OrderOut)
def rate_api(request: HttpRequest, number: str, payload: RateIn) -> OrderOut:
    return _move(
        request,
        number,
        lambda a, o: order_rate(actor=a, order=o, rating=payload.rating, comment=payload.comment),
    )


@router.post("/orders/{number}/follow-up", response=OrderOut)
def follow_up_api(request: HttpRequest, number: str, payload: NoteIn) -> OrderOut:
    return _move(request, number, lambda a, o: order_follow_up(actor=a, order=o, note=payload.note))


# ------------------------------------------------------------------ roster


def duty_out(s: DutyShift) -> DutyOut:
    return DutyOut(
        id=s.pk,
        region=s.region_id,
        user=s.user_id,
        team=s.team_id,
        starts_at=s.starts_at,
        ends_at=s.ends_at,
        note=s.note,
    )


@router.get("/roster", response=list[DutyOut])
def roster_api(request: HttpRequest) -> list[DutyOut]:
    actor = api_user(request)
    if not is_centre_staff(actor):
        raise PermissionDenied()
    return [duty_out(s) for s in roster_for(actor)]


@router.post("/roster", response={201: DutyOut})
def duty_add_api(request: HttpRequest, payload: DutyIn) -> Status[DutyOut]:
    from volcity.accounts.models import User

    actor = api_user(request)
    region = Region.objects.filter(pk=payload.region).first()
    if region is None:
        raise InvalidValue(field="region")
    user = User.objects.filter(pk=payload.user).first() if payload.user else None
    team = Team.objects.filter(pk=payload.team).first() if payload.team else None
    shift = duty_add(
        actor=actor,
        region=region,
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        user=user,
        team=team,
        note=payload.note,
    )
    return Status(201, duty_out(shift))


@router.delete("/roster/{shift_id}", response={204: None})
def duty_remove_api(request: HttpRequest, shift_id: int) -> Status[None]:
    actor = api_user(request)
    shift = DutyShift.objects.filter(pk=shift_id).first()
    if shift is None or not can_keep_roster(actor, shift.region_id):
        raise NotFound()
    duty_remove(actor=actor, shift=shift)
    return Status(204, None)
