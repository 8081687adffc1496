"""Reads of the points shop, scoped to the person asking: the village's staff see its goods and
receipts; a household's members see their own receipts and monthly statements."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from volcity.accounts.scope import scope_for
from volcity.core.errors import NotFound
from volcity.ledger.models import Posting
from volcity.virtue.models import Household, VirtueBank
from volcity.virtue.models_shop import Redemption, RedemptionLine, ShopItem
from volcity.virtue.permissions import STAFF_ROLES
from volcity.virtue.queries import is_member

REDEMPTION_JOINS = ("household", "resident", "clerk", "bank", "voided_by")


def shop_items(bank: VirtueBank, *, active_only: bool = False) -> list[ShopItem]:
    """The bank's goods with their stock account joined (``item.stock_account.balance``)."""
    qs = ShopItem.objects.filter(bank=bank).select_related("stock_account")
    if active_only:
        qs = qs.filter(active=True)
    return list(qs.order_by("sort", "id"))


def shop_item_get_for(user: Any, item_id: int) -> ShopItem:
    found = ShopItem.objects.select_related("bank", "stock_account").filter(pk=item_id).first()
    if found is None or not scope_for(user, STAFF_ROLES).covers_region(found.bank.region_id):
        raise NotFound()
    return found


def stock_of(item: ShopItem) -> int:
    return item.stock_account.balance if item.stock_account is not None else 0


def is_low(item: ShopItem) -> bool:
    return stock_of(item) <= item.low_stock_at


def redemptions_for(
    user: Any, *, bank: VirtueBank | None = None, household: Household | None = None
) -> QuerySet[Redemption]:
    scope = scope_for(user, STAFF_ROLES)
    if scope.empty:
        return Redemption.objects.none()
    qs = Redemption.objects.filter(scope.q()).select_related(*REDEMPTION_JOINS)
    if bank is not None:
        qs = qs.filter(bank=bank)
    if household is not None:
        qs = qs.filter(household=household)
    return qs


def redemptions_of_household(household: Household) -> QuerySet[Redemption]:
    return Redemption.objects.filter(household=household).select_related(*REDEMPTION_JOINS)


def redemption_get_for(user: Any, redemption_id: int) -> Redemption:
    """For the village's staff, and for the household's own members."""
    found = (
        Redemption.objects.select_related(*REDEMPTION_JOINS, "household__bank")
        .filter(pk=redemption_id)
        .first()
    )
    if found is None:
        raise NotFound()
    if scope_for(user, STAFF_ROLES).covers_region(found.region_id):
        return found
    if is_member(user, found.household):
        return found
    raise NotFound()


@dataclass(frozen=True)
class Receipt:
    redemption: Redemption
    lines: list[RedemptionLine]
    balance_after: int | None


def _points_account_id(redemption: Redemption) -> int | None:
    account_id = redemption.household.account_id
    if redemption.bank.person_accounts and redemption.resident is not None:
        account_id = redemption.resident.account_id or account_id
    return account_id


def receipts(redemptions: list[Redemption]) -> list[Receipt]:
    """Receipts with their lines and the balance each left (from the points posting of its
    transaction): two queries for the whole list."""
    lines: dict[int, list[RedemptionLine]] = {r.pk: [] for r in redemptions}
    for line in RedemptionLine.objects.filter(redemption__in=redemptions).order_by("id"):
        lines[line.redemption_id].append(line)
    after: dict[tuple[int, int | None], int] = {
        (t, a): b
        for t, a, b in Posting.objects.filter(
            transaction_id__in=[r.transaction_id for r in redemptions],
            account_id__in={_points_account_id(r) for r in redemptions},
        ).values_list("transaction_id", "account_id", "balance_after")
    }
    return [
        Receipt(r, lines[r.pk], after.get((r.transaction_id, _points_account_id(r))))
        for r in redemptions
    ]


def receipt(redemption: Redemption) -> Receipt:
    """The receipt: its lines and the household's balance right after it (from the posting)."""
    return receipts([redemption])[0]


# ---------------------------------------------------------------- the monthly statement


@dataclass(frozen=True)
class MonthRow:
    created_at: datetime.datetime
    memo: str
    kind: str
    amount: int
    balance_after: int


@dataclass(frozen=True)
class MonthStatement:
    household: Household
    month: datetime.date  # the first day
    opening: int
    rows: list[MonthRow]
    closing: int
    earned: int
    spent: int


def month_bounds(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    tz = timezone.get_current_timezone()
    first = month.replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return (
        datetime.datetime.combine(first, datetime.time.min, tzinfo=tz),
        datetime.datetime.combine(following, datetime.time.min, tzinfo=tz),
    )


def month_parse(text: str | None) -> datetime.date:
    """``YYYY-MM`` to its first day; this month when empty or not a month."""
    try:
        year, month = (int(p) for p in (text or "").strip().split("-"))
        return datetime.date(year, month, 1)
    except ValueError:
        return timezone.localdate().replace(day=1)


def month_statement(household: Household, month: datetime.date) -> MonthStatement:
    """Opening balance, every posting of the month with its memo, closing balance: two
    queries on the ``(account, id)`` index (a household has tens of postings a month)."""
    start, end = month_bounds(month)
    postings = Posting.objects.filter(account_id=household.account_id or 0)
    before = (
        postings.filter(transaction__created_at__lt=start)
        .order_by("-id")
        .values_list("balance_after", flat=True)
        .first()
    )
    opening = before or 0
    rows = [
        MonthRow(*r)
        for r in postings.filter(
            transaction__created_at__gte=start, transaction__created_at__lt=end
        )
        .order_by("id")
        .values_list(
            "transaction__created_at",
            "transaction__memo",
            "transaction__kind",
            "amount",
            "balance_after",
        )
    ]
    return MonthStatement(
        household=household,
        month=month.replace(day=1),
        opening=opening,
        rows=rows,
        closing=rows[-1].balance_after if rows else opening,
        earned=sum(r.amount for r in rows if r.amount > 0),
        spent=-sum(r.amount for r in rows if r.amount < 0),
    )
