"""The points shop's JSON API, mounted at ``/api/v1/virtue/shop``: goods and stock, redemptions
(with the client's idempotency key), receipts, voids, a household's monthly statement. The same
services and queries as the pages."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from volcity.core.api_auth import api_user
from volcity.core.errors import NotFound, PermissionDenied
from volcity.core.pagination import keyset_page
from volcity.virtue.errors_shop import CodeInvalid
from volcity.virtue.household_codes import household_code_parse
from volcity.virtue.models import Household, Resident
from volcity.virtue.models_shop import Redemption, ShopItem
from volcity.virtue.permissions import is_virtue_staff
from volcity.virtue.queries import bank_get_for, household_get_for
from volcity.virtue.queries_shop import (
    Receipt,
    month_parse,
    month_statement,
    receipt,
    receipts,
    redemption_get_for,
    redemptions_for,
    shop_item_get_for,
    shop_items,
)
from volcity.virtue.services.shop import redemption_make, redemption_void
from volcity.virtue.services.shop_stock import (
    shop_item_add,
    shop_item_restock,
    shop_item_stock_adjust,
    shop_item_update,
)

router = Router(tags=["virtue shop"])


def _staff(request: HttpRequest) -> Any:
    actor = api_user(request)
    if not is_virtue_staff(actor):
        raise PermissionDenied()
    return actor


class ShopItemIn(Schema):
    bank: int | None = None
    name: str
    points_price: int
    unit_label: str = "件"
    low_stock_at: int = 5
    sort: int = 0


class ShopItemPatch(Schema):
    name: str | None = None
    points_price: int | None = None
    unit_label: str | None = None
    low_stock_at: int | None = None
    sort: int | None = None
    active: bool | None = None


class ShopItemOut(Schema):
    id: int
    bank: int
    name: str
    unit_label: str
    points_price: int
    stock: int
    low: bool
    active: bool


class RestockIn(Schema):
    quantity: int
    key: str = Field(..., description="A token of the request: the same key again counts once.")
    note: str = ""


class AdjustIn(Schema):
    counted: int
    reason: str
    key: str


class LineIn(Schema):
    item: int
    quantity: int


class RedemptionIn(Schema):
    household: int | None = None
    code: str = Field("", description="The household's code (VH1:…), instead of its id.")
    resident: int | None = None
    lines: list[LineIn]
    key: str = Field(..., description="Idempotency key: a retry returns the first receipt.")


class LineOut(Schema):
    item: int
    name: str
    unit_label: str
    quantity: int
    points_each: int
    points: int


class ReceiptOut(Schema):
    id: int
    number: str
    bank: int
    bank_name: str
    household: int
    household_number: str
    head_name: str
    total_points: int
    balance_after: int | None
    clerk: str
    created_at: datetime.datetime
    lines: list[LineOut]
    voided_at: datetime.datetime | None
    void_reason: str


class ReceiptPage(Schema):
    items: list[ReceiptOut]
    next: str | None


class VoidIn(Schema):
    reason: str


class MonthRowOut(Schema):
    created_at: datetime.datetime
    memo: str
    kind: str
    amount: int
    balance_after: int


class MonthOut(Schema):
    household: int
    month: str
    opening: int
    closing: int
    earned: int
    spent: int
    rows: list[MonthRowOut]


def item_out(item: ShopItem) -> ShopItemOut:
    stock = item.stock_account.balance if item.stock_account is not None else 0
    return ShopItemOut(
        id=item.pk,
        bank=item.bank_id,
        name=item.name,
        unit_label=item.unit_label,
        points_price=item.points_price,
        stock=stock,
        low=stock <= item.low_stock_at,
        active=item.active,
    )


def receipt_out(redemption: Redemption, r: Receipt | None = None) -> ReceiptOut:
    r = r or receipt(redemption)
    x = r.redemption
    return ReceiptOut(
        id=x.pk,
        number=x.number,
        bank=x.bank_id,
        bank_name=x.bank.name,
        household=x.household_id,
        household_number=x.household.number,
        head_name=x.household.head_name,
        total_points=x.total_points,
        balance_after=r.balance_after,
        clerk=x.clerk.display_name or x.clerk.username,
        created_at=x.created_at,
        lines=[
            LineOut(
                item=line.item_id,
                name=line.name,
                unit_label=line.unit_label,
                quantity=line.quantity,
                points_each=line.points_each,
                points=line.points,
            )
            for line in r.lines
        ],
        voided_at=x.voided_at,
        void_reason=x.void_reason,
    )


def _fresh_item(item_id: int) -> ShopItemOut:
    return item_out(ShopItem.objects.select_related("stock_account").get(pk=item_id))


def _fresh_receipt(redemption_id: int) -> ReceiptOut:
    return receipt_out(
        Redemption.objects.select_related(
            "household", "resident", "clerk", "bank", "voided_by"
        ).get(pk=redemption_id)
    )


@router.get("/items", response=list[ShopItemOut])
def items_api(request: HttpRequest, bank: int | None = None) -> list[ShopItemOut]:
    """The goods of a bank (the first the caller works for, unless ``bank``), with stock."""
    found = bank_get_for(_staff(request), bank)
    return [item_out(i) for i in shop_items(found)]


@router.post("/items", response={201: ShopItemOut})
def item_add_api(request: HttpRequest, payload: ShopItemIn) -> Status[ShopItemOut]:
    actor = _staff(request)
    bank = bank_get_for(actor, payload.bank)
    data = payload.dict(exclude={"bank"})
    return Status(201, _fresh_item(shop_item_add(actor=actor, bank=bank, **data).pk))


@router.patch("/items/{item_id}", response=ShopItemOut)
def item_update_api(request: HttpRequest, item_id: int, payload: ShopItemPatch) -> ShopItemOut:
    """Change goods; a new price counts for later redemptions only."""
    actor = api_user(request)
    item = shop_item_get_for(actor, item_id)
    changes = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    shop_item_update(actor=actor, item=item, **changes)
    return _fresh_item(item.pk)


@router.post("/items/{item_id}/restock", response=ShopItemOut)
def restock_api(request: HttpRequest, item_id: int, payload: RestockIn) -> ShopItemOut:
    actor = api_user(request)
    item = shop_item_get_for(actor, item_id)
    shop_item_restock(
        actor=actor, item=item, quantity=payload.quantity, key=payload.key, note=payload.note
    )
    return _fresh_item(item.pk)


@router.post("/items/{item_id}/adjust", response=ShopItemOut)
def adjust_api(request: HttpRequest, item_id: int, payload: AdjustIn) -> ShopItemOut:
    """Set the stock to the count on the shelf, with a reason."""
    actor = api_user(request)
    item = shop_item_get_for(actor, item_id)
    shop_item_stock_adjust(
        actor=actor, item=item, counted=payload.counted, reason=payload.reason, key=payload.key
    )
    return _fresh_item(item.pk)


def _household(actor: Any, payload: RedemptionIn) -> Household:
    household_id = payload.household
    if payload.code:
        household_id = household_code_parse(payload.code)
        if household_id is None:
            raise CodeInvalid(field="code")
    if household_id is None:
        raise NotFound(field="household")
    return household_get_for(actor, household_id)


@router.post("/redemptions", response={200: ReceiptOut, 201: ReceiptOut})
def redemption_make_api(request: HttpRequest, payload: RedemptionIn) -> Status[ReceiptOut]:
    """Hand out goods for points: 201 with the receipt; a retry with the same key returns the
    same receipt (200). Refused with ``points_short`` or ``stock_short`` naming the field."""
    actor = _staff(request)
    household = _household(actor, payload)
    items = ShopItem.objects.in_bulk([line.item for line in payload.lines])
    lines = []
    for line in payload.lines:
        if line.item not in items:
            raise NotFound(field=f"qty_{line.item}")
        lines.append((items[line.item], line.quantity))
    resident = None
    if payload.resident is not None:
        resident = Resident.objects.filter(pk=payload.resident, household=household).first()
        if resident is None:
            raise NotFound(field="resident")
    replay = Redemption.objects.filter(bank_id=household.bank_id, key=payload.key).exists()
    made = redemption_make(
        actor=actor, household=household, lines=lines, key=payload.key, resident=resident
    )
    return Status(200 if replay else 201, _fresh_receipt(made.pk))


@router.get("/redemptions", response=ReceiptPage)
def redemptions_api(
    request: HttpRequest,
    bank: int | None = None,
    household: int | None = None,
    after: int | None = None,
    limit: int = 50,
) -> ReceiptPage:
    """Receipts of a bank, newest first (keyset: pass ``next`` as ``after``)."""
    actor = _staff(request)
    found = bank_get_for(actor, bank)
    home = household_get_for(actor, household) if household is not None else None
    qs = redemptions_for(actor, bank=found, household=home)
    page = keyset_page(
        qs, after=None if after is None else str(after), limit=min(limit, 50), descending=True
    )
    return ReceiptPage(
        items=[receipt_out(r.redemption, r) for r in receipts(page.items)], next=page.next
    )


@router.get("/redemptions/{redemption_id}", response=ReceiptOut)
def receipt_api(request: HttpRequest, redemption_id: int) -> ReceiptOut:
    """A receipt (the village's staff, or a member of the household)."""
    return receipt_out(redemption_get_for(api_user(request), redemption_id))


@router.post("/redemptions/{redemption_id}/void", response=ReceiptOut)
def void_api(request: HttpRequest, redemption_id: int, payload: VoidIn) -> ReceiptOut:
    """The goods came back: points and pieces return (once, with a reason)."""
    actor = api_user(request)
    redemption = redemption_get_for(actor, redemption_id)
    redemption_void(actor=actor, redemption=redemption, reason=payload.reason)
    return _fresh_receipt(redemption.pk)


@router.get("/households/{household_id}/month", response=MonthOut)
def month_api(request: HttpRequest, household_id: int, month: str = "") -> MonthOut:
    """The household's statement for ``month`` (YYYY-MM; this month when left out)."""
    household = household_get_for(api_user(request), household_id)
    s = month_statement(household, month_parse(month))
    return MonthOut(
        household=household.pk,
        month=s.month.strftime("%Y-%m"),
        opening=s.opening,
        closing=s.closing,
        earned=s.earned,
        spent=s.spent,
        rows=[MonthRowOut(**r.__dict__) for r in s.rows],
    )
