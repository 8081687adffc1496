"""Reads of the ledger: a balance (one primary-key read), an account's statement (one keyset
query per page on the (account, id) index), and the accounts a staff member may see."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from volcity.accounts.roles import ADMIN_ROLES
from volcity.accounts.scope import visible_to
from volcity.ledger.errors import AccountNotFound
from volcity.ledger.models import Account, Posting

MAX_LIMIT = 200


def balance_of(account_id: int) -> int:
    try:
        return Account.objects.values_list("balance", flat=True).get(pk=account_id)
    except Account.DoesNotExist:
        raise AccountNotFound() from None


def accounts_for(actor: Any, *, unit: str = "", owner_type: str = "") -> QuerySet[Account]:
    """Accounts in the regions ``actor`` administers (superusers: every account)."""
    qs = visible_to(actor, Account.objects.all(), roles=ADMIN_ROLES, region_field="region")
    if unit:
        qs = qs.filter(unit=unit)
    if owner_type:
        qs = qs.filter(owner_type=owner_type)
    return qs.order_by("id")


def account_get_for(actor: Any, account_id: int) -> Account:
    found = accounts_for(actor).filter(pk=account_id).first()
    if found is None:
        raise AccountNotFound()
    return found


@dataclass(frozen=True)
class StatementRow:
    posting_id: int
    amount: int
    unit: str
    balance_after: int
    seq: int
    key: str
    memo: str
    kind: str
    created_at: datetime.datetime
    reverses_id: int | None

    @property
    def balance_before(self) -> int:
        return self.balance_after - self.amount


@dataclass(frozen=True)
class Statement:
    account: Account
    items: list[StatementRow]
    next: str | None


def _day_start(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def statement(
    account: Account,
    *,
    after: int | str | None = None,
    limit: int = 50,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> Statement:
    """Newest postings first, ``limit`` to a page, after the posting id ``after``; each row
    with the balance it left (so a running balance reads straight off the page)."""
    limit = max(1, min(int(limit), MAX_LIMIT))
    qs = Posting.objects.filter(account_id=account.pk)
    if after not in (None, ""):
        qs = qs.filter(pk__lt=int(after))  # type: ignore[arg-type]
    if date_from is not None:
        qs = qs.filter(transaction__created_at__gte=_day_start(date_from))
    if date_to is not None:
        qs = qs.filter(transaction__created_at__lt=_day_start(date_to + datetime.timedelta(days=1)))
    rows = list(
        qs.order_by("-id").values_list(
            "pk",
            "amount",
            "unit",
            "balance_after",
            "transaction__seq",
            "transaction__key",
            "transaction__memo",
            "transaction__kind",
            "transaction__created_at",
            "transaction__reverses_id",
        )[: limit + 1]
    )
    more = len(rows) > limit
    items = [StatementRow(*row) for row in rows[:limit]]
    return Statement(
        account=account, items=items, next=str(items[-1].posting_id) if more and items else None
    )
