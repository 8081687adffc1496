"""Redeeming points for goods at the shop counter, and voiding a receipt (goods returned).

``redemption_make`` is one ledger transaction: the points move from the household's account
to the bank's redeemed account (``virtue:bank:<id>:redeemed``) and each item's pieces from
its stock account to its out account, all or nothing. Before posting, the accounts are locked
(in id order, as the ledger locks them) and checked, so a shortage is refused with a message
that names what is short: ``points_short`` (field ``household``) with the balance and the
need, ``stock_short`` (field ``qty_<item id>``) with what is left. The client's key makes a
retry return the first receipt: the same key is looked up again under the locks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volcity.audit.services import audit_record
from volcity.core.errors import DomainError
from volcity.core.sequences import sequence_take
from volcity.ledger.models import Account
from volcity.ledger.services import account_open, ledger_post, ledger_reverse
from volcity.virtue.errors import BankInactive, HouseholdInactive, NotAllowed, ReasonRequired
from volcity.virtue.errors_shop import (
    AlreadyVoided,
    BasketEmpty,
    ItemInactive,
    ItemOtherBank,
    PointsShort,
    RedemptionKeyReused,
    StockShort,
)
from volcity.virtue.models import Household, Resident, VirtueBank
from volcity.virtue.models_shop import Redemption, RedemptionLine, ShopItem
from volcity.virtue.permissions import can_run_counter
from volcity.virtue.services.shop_stock import check_key, check_quantity

BasketLine = tuple[ShopItem, int]
INSUFFICIENT = "ledger_insufficient_balance"


def redeemed_account(bank: VirtueBank) -> Account:
    """Where the points spent in the bank's shop go (only grows; a void takes some back)."""
    return account_open(
        code=f"virtue:bank:{bank.pk}:redeemed",
        name=f"{bank.name} · 积分超市已兑换",
        unit="points",
        region=bank.region,
        owner_type="virtue.bank",
        owner_id=str(bank.pk),
    )


def _points_account_id(household: Household, resident: Resident | None) -> int:
    if household.bank.person_accounts and resident is not None and resident.account_id:
        return resident.account_id
    return household.account_id or 0


def _merge(lines: Sequence[BasketLine], bank: VirtueBank) -> dict[int, tuple[ShopItem, int]]:
    basket: dict[int, tuple[ShopItem, int]] = {}
    for item, quantity in lines:
        field = f"qty_{item.pk}"
        check_quantity(quantity, field)
        if item.bank_id != bank.pk:
            raise ItemOtherBank(field=field)
        if item.pk in basket:
            quantity += basket[item.pk][1]
        basket[item.pk] = (item, quantity)
    if not basket:
        raise BasketEmpty(field="lines")
    return basket


def _same(found: Redemption, household: Household, basket: dict[int, tuple[ShopItem, int]]) -> bool:
    had = sorted(found.lines.values_list("item_id", "quantity"))
    return found.household_id == household.pk and had == sorted(
        (pk, q) for pk, (_i, q) in basket.items()
    )


def _replay(
    bank: VirtueBank, key: str, household: Household, basket: dict[int, tuple[ShopItem, int]]
) -> Redemption | None:
    found = Redemption.objects.filter(bank=bank, key=key).first()
    if found is None:
        return None
    if not _same(found, household, basket):
        raise RedemptionKeyReused(field="key")
    return found


def _refuse_shortages(
    household: Household,
    items: dict[int, ShopItem],
    basket: dict[int, tuple[ShopItem, int]],
    locked: dict[int, Account],
    points_id: int,
    total: int,
) -> None:
    """Every shortage at once, each beside its field; points first in the message."""
    fields: dict[str, list[Any]] = {}
    first: Any = None
    balance = locked[points_id].balance
    if balance < total:
        first = _(
            "Household %(number)s has %(balance)s points; these goods need %(need)s "
            "(short by %(short)s)."
        ) % {
            "number": household.number,
            "balance": balance,
            "need": total,
            "short": total - balance,
        }
        fields["household"] = [first]
    stock_first: Any = None
    for pk, (_item, quantity) in basket.items():
        item = items[pk]
        left = locked[item.stock_account_id or 0].balance
        if left < quantity:
            message = _("Only %(left)s %(unit)s of %(name)s left; asked for %(asked)s.") % {
                "left": left,
                "unit": item.unit_label,
                "name": item.name,
                "asked": quantity,
            }
            fields[f"qty_{pk}"] = [message]
            stock_first = stock_first or message
    if first is not None:
        raise PointsShort(first, fields=fields)
    if stock_first is not None:
        raise StockShort(stock_first, fields=fields)


def redemption_make(
    *,
    actor: Any,
    household: Household,
    lines: Sequence[BasketLine],
    key: str,
    resident: Resident | None = None,
) -> Redemption:
    """Hand out goods for points: one receipt, one ledger transaction. The same ``key`` with
    the same basket returns the receipt already made; with another basket it is refused."""
    bank = household.bank
    if not can_run_counter(actor, bank.region_id):
        raise NotAllowed()
    key = check_key(key)
    basket = _merge(lines, bank)
    found = _replay(bank, key, household, basket)
    if found is not None:
        return found
    if not bank.active:
        raise BankInactive()
    if not household.active:
        raise HouseholdInactive(field="household")
    if resident is not None and resident.household_id != household.pk:
        raise DomainError(code="invalid_setting", field="resident")
    try:
        with transaction.atomic():
            return _make_locked(actor, bank, household, basket, key, resident)
    except IntegrityError:  # the same key committed by a racing request
        found = _replay(bank, key, household, basket)
        if found is None:
            raise
        return found


def _make_locked(
    actor: Any,
    bank: VirtueBank,
    household: Household,
    basket: dict[int, tuple[ShopItem, int]],
    key: str,
    resident: Resident | None,
) -> Redemption:
    items = {i.pk: i for i in ShopItem.objects.select_for_update().filter(pk__in=list(basket))}
    for pk in basket:
        if not items[pk].active:
            raise ItemInactive(field=f"qty_{pk}")
    redeemed = redeemed_account(bank)
    points_id = _points_account_id(household, resident)
    stock_ids = [items[pk].stock_account_id or 0 for pk in basket]
    locked = {
        a.pk: a
        for a in Account.objects.select_for_update()
        .filter(pk__in=[points_id, redeemed.pk, *stock_ids])
        .order_by("pk")
    }
    found = _replay(bank, key, household, basket)  # a retry that waited for the first one
    if found is not None:
        return found
    total = sum(items[pk].points_price * q for pk, (_i, q) in basket.items())
    _refuse_shortages(household, items, basket, locked, points_id, total)

    now = timezone.now()
    month = timezone.localtime(now).strftime("%Y%m")
    serial = sequence_take(f"virtue.shop.{bank.pk}.{month}")
    number = f"DH{month}{serial:04d}"
    summary = "、".join(f"{items[pk].name}×{q}" for pk, (_i, q) in basket.items())
    ledger_lines: list[tuple[Account, int]] = [(locked[points_id], -total), (redeemed, total)]
    out_ids = {pk: items[pk].out_account_id for pk in basket}
    outs = Account.objects.in_bulk([v for v in out_ids.values() if v])
    for pk, (_i, quantity) in basket.items():
        item = items[pk]
        ledger_lines += [
            (locked[item.stock_account_id or 0], -quantity),
            (outs[out_ids[pk] or 0], quantity),
        ]
    try:
        posted = ledger_post(
            key=f"virtue:shop:redeem:{bank.pk}:{key}",
            memo=f"积分兑换 {number} · {summary}"[:200],
            kind="virtue.redeem",
            lines=ledger_lines,
            actor=actor,
        )
    except DomainError as exc:  # pragma: no cover - checked above under the same locks
        if exc.code == INSUFFICIENT:
            raise PointsShort(field="household") from exc
        raise
    redemption = Redemption.objects.create(
        bank=bank,
        region_id=bank.region_id,
        number=number,
        household=household,
        resident=resident,
        total_points=total,
        key=key,
        transaction=posted,
        clerk=actor,
        created_at=now,
    )
    RedemptionLine.objects.bulk_create(
        RedemptionLine(
            redemption=redemption,
            item=items[pk],
            name=items[pk].name,
            unit_label=items[pk].unit_label,
            quantity=quantity,
            points_each=items[pk].points_price,
        )
        for pk, (_i, quantity) in basket.items()
    )
    audit_record(
        "virtue.shop.redeemed",
        obj=redemption,
        actor=actor,
        region_id=bank.region_id,
        changes={
            "household": household.number,
            "points": total,
            "lines": {items[pk].name: q for pk, (_i, q) in basket.items()},
            "seq": posted.seq,
        },
    )
    return redemption


def redemption_void(*, actor: Any, redemption: Redemption, reason: str) -> Redemption:
    """The goods came back: the points return to the household and the pieces to the shelf
    (a reversing transaction). Voided at most once, with a reason."""
    if not can_run_counter(actor, redemption.region_id):
        raise NotAllowed()
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired(field="reason")
    with transaction.atomic():
        locked = Redemption.objects.select_for_update().get(pk=redemption.pk)
        if locked.voided_at is not None:
            raise AlreadyVoided()
        reversal = ledger_reverse(
            transaction=locked.transaction,
            key=f"virtue:shop:void:{locked.pk}",
            memo=f"退货 {locked.number} · {reason}"[:200],
            actor=actor,
        )
        locked.voided_at = timezone.now()
        locked.voided_by = actor
        locked.void_reason = reason[:200]
        locked.void_transaction = reversal
        locked.save(update_fields=["voided_at", "voided_by", "void_reason", "void_transaction"])
        audit_record(
            "virtue.shop.voided",
            obj=locked,
            actor=actor,
            region_id=locked.region_id,
            changes={"reason": reason[:200], "points": locked.total_points, "seq": reversal.seq},
        )
    return locked
