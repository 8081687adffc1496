"""The shop's goods and their stock. Prices are plain fields (a redemption copies the price it
paid); stock lives in the ledger, four accounts per item (see ``models_shop``). Restocking and
count corrections are ledger transactions keyed by a token of the form that sent them, so a
double submit posts once."""

from __future__ import annotations

import re
from typing import Any

from django.db import IntegrityError, transaction

from volcity.audit.services import audit_record
from volcity.ledger.models import Account, LedgerTransaction
from volcity.ledger.services import account_open, ledger_post
from volcity.virtue.errors import BankInactive, NotAllowed, ReasonRequired
from volcity.virtue.errors_shop import (
    InvalidKey,
    InvalidPrice,
    InvalidQuantity,
    InvalidShopValue,
    NoChange,
    ShopItemNameTaken,
)
from volcity.virtue.models import VirtueBank
from volcity.virtue.models_shop import ShopItem
from volcity.virtue.permissions import can_run_counter

KEY = re.compile(r"[A-Za-z0-9_-]{8,64}")
MAX_PRICE = 100_000
MAX_QUANTITY = 10_000


def item_unit(item: ShopItem) -> str:
    return f"item:vshop-{item.pk}"


def item_account_code(item: ShopItem, part: str = "") -> str:
    base = f"virtue:shop:{item.bank_id}:item:{item.pk}"
    return f"{base}:{part}" if part else base


def check_key(key: str) -> str:
    key = (key or "").strip()
    if not KEY.fullmatch(key):
        raise InvalidKey(field="key")
    return key


def check_quantity(value: Any, field: str = "quantity") -> int:
    if type(value) is not int or not 1 <= value <= MAX_QUANTITY:
        raise InvalidQuantity(field=field)
    return value


def _check_price(value: Any) -> int:
    if type(value) is not int or not 1 <= value <= MAX_PRICE:
        raise InvalidPrice(field="points_price")
    return value


def _check_name(name: str) -> str:
    name = (name or "").strip()
    if not name or len(name) > 60:
        raise InvalidShopValue(field="name")
    return name


def _check_unit_label(label: str) -> str:
    label = (label or "").strip() or "件"
    if len(label) > 10:
        raise InvalidShopValue(field="unit_label")
    return label


def _allowed(actor: Any, bank: VirtueBank) -> None:
    if not can_run_counter(actor, bank.region_id):
        raise NotAllowed()


def shop_item_add(
    *,
    actor: Any,
    bank: VirtueBank,
    name: str,
    points_price: int,
    unit_label: str = "件",
    low_stock_at: int = 5,
    sort: int = 0,
) -> ShopItem:
    """New goods on sale, with no stock yet (restock them)."""
    _allowed(actor, bank)
    if not bank.active:
        raise BankInactive()
    name = _check_name(name)
    points_price = _check_price(points_price)
    unit_label = _check_unit_label(unit_label)
    if type(low_stock_at) is not int or not 0 <= low_stock_at <= MAX_QUANTITY:
        raise InvalidShopValue(field="low_stock_at")
    try:
        with transaction.atomic():
            item = ShopItem.objects.create(
                bank=bank,
                name=name,
                unit_label=unit_label,
                points_price=points_price,
                low_stock_at=low_stock_at,
                sort=sort,
            )
            label = f"{bank.name} · {name}"
            for part in ("", "supply", "out", "adjust"):
                account = account_open(
                    code=item_account_code(item, part),
                    name=f"{label} · {part}" if part else label,
                    unit=item_unit(item),
                    allow_negative=part in ("supply", "adjust"),
                    region=bank.region,
                    owner_type="virtue.shopitem",
                    owner_id=str(item.pk),
                )
                setattr(item, f"{part or 'stock'}_account", account)
            item.save(
                update_fields=["stock_account", "supply_account", "out_account", "adjust_account"]
            )
            audit_record(
                "virtue.shop.item_added",
                obj=item,
                actor=actor,
                region_id=bank.region_id,
                changes={"name": name, "points_price": points_price},
            )
    except IntegrityError:
        raise ShopItemNameTaken(field="name") from None
    return item


def shop_item_update(*, actor: Any, item: ShopItem, **changes: Any) -> ShopItem:
    """Change name, unit, price, low-stock mark, order or whether it is on sale. A new price
    counts for later redemptions only: receipts keep the price they paid."""
    bank = item.bank
    _allowed(actor, bank)
    allowed = {"name", "unit_label", "points_price", "low_stock_at", "active", "sort"}
    unknown = set(changes) - allowed
    if unknown:
        raise InvalidShopValue(field=sorted(unknown)[0])
    checks = {
        "name": _check_name,
        "unit_label": _check_unit_label,
        "points_price": _check_price,
    }
    before: dict[str, Any] = {}
    with transaction.atomic():
        locked = ShopItem.objects.select_for_update().get(pk=item.pk)
        for field, value in changes.items():
            if field in checks:
                value = checks[field](value)
            elif field == "active":
                value = bool(value)
            elif type(value) is not int or not 0 <= value <= MAX_QUANTITY:
                raise InvalidShopValue(field=field)
            if getattr(locked, field) != value:
                before[field] = [getattr(locked, field), value]
                setattr(locked, field, value)
        if not before:
            return locked
        if "name" in before and (
            ShopItem.objects.filter(bank_id=locked.bank_id, name=locked.name)
            .exclude(pk=locked.pk)
            .exists()
        ):
            raise ShopItemNameTaken(field="name")
        locked.save(update_fields=sorted(before))
        audit_record(
            "virtue.shop.item_updated",
            obj=locked,
            actor=actor,
            region_id=bank.region_id,
            changes=before,
        )
    return locked


def _accounts(item: ShopItem) -> dict[str, Account]:
    ids = {
        "stock": item.stock_account_id,
        "supply": item.supply_account_id,
        "out": item.out_account_id,
        "adjust": item.adjust_account_id,
    }
    found = Account.objects.in_bulk([pk for pk in ids.values() if pk])
    return {part: found[pk] for part, pk in ids.items() if pk in found}


def shop_item_restock(
    *, actor: Any, item: ShopItem, quantity: int, key: str, note: str = ""
) -> LedgerTransaction:
    """Goods in: ``quantity`` pieces onto the shelf. The same ``key`` again is harmless."""
    _allowed(actor, item.bank)
    key = check_key(key)
    quantity = check_quantity(quantity)
    ledger_key = f"virtue:shop:restock:{item.pk}:{key}"
    accounts = _accounts(item)
    memo = f"入库 {item.name} ×{quantity} {(note or '').strip()}".strip()[:200]
    with transaction.atomic():
        existing = LedgerTransaction.objects.filter(key=ledger_key).first()
        posted = ledger_post(
            key=ledger_key,
            memo=memo,
            kind="virtue.shop.restock",
            lines=[(accounts["supply"], -quantity), (accounts["stock"], quantity)],
            actor=actor,
        )
        if existing is None:
            audit_record(
                "virtue.shop.restocked",
                obj=item,
                actor=actor,
                region_id=item.bank.region_id,
                changes={"quantity": quantity, "seq": posted.seq},
            )
    return posted


def shop_item_stock_adjust(
    *, actor: Any, item: ShopItem, counted: int, reason: str, key: str
) -> LedgerTransaction:
    """Set the stock to what was counted on the shelf, with a reason (broken, lost, found)."""
    _allowed(actor, item.bank)
    key = check_key(key)
    if type(counted) is not int or not 0 <= counted <= 10 * MAX_QUANTITY:
        raise InvalidQuantity(field="counted")
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired(field="reason")
    ledger_key = f"virtue:shop:adjust:{item.pk}:{key}"
    with transaction.atomic():
        existing = LedgerTransaction.objects.filter(key=ledger_key).first()
        if existing is not None:
            return existing
        accounts = _accounts(item)
        stock = Account.objects.select_for_update().get(pk=accounts["stock"].pk)
        delta = counted - stock.balance
        if delta == 0:
            raise NoChange(field="counted")
        posted = ledger_post(
            key=ledger_key,
            memo=f"盘点 {item.name} {stock.balance}→{counted} {reason}"[:200],
            kind="virtue.shop.adjust",
            lines=[(accounts["adjust"], -delta), (accounts["stock"], delta)],
            actor=actor,
        )
        audit_record(
            "virtue.shop.stock_adjusted",
            obj=item,
            actor=actor,
            region_id=item.bank.region_id,
            changes={"before": stock.balance, "counted": counted, "reason": reason[:200]},
        )
    return posted
