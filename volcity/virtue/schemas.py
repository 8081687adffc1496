"""API shapes of the virtue bank."""

from __future__ import annotations

import datetime

from ninja import Field, Schema

from volcity.virtue.models import CatalogueVersion, DeedClaim, DeedItem, Household, VirtueBank
from volcity.virtue.queries import NoticeRow


class BankIn(Schema):
    name: str = ""
    approvals_required: int = 3
    notice_days: int = 3
    base_allotment: int = 100
    person_accounts: bool = False
    ranking_top_n: int = 50
    active: bool = True


class BankOut(Schema):
    id: int
    region: str
    name: str
    approvals_required: int
    notice_days: int
    base_allotment: int
    person_accounts: bool
    ranking_top_n: int
    active: bool


def bank_out(b: VirtueBank) -> BankOut:
    return BankOut(
        id=b.pk,
        region=b.region_id,
        name=b.name,
        approvals_required=b.approvals_required,
        notice_days=b.notice_days,
        base_allotment=b.base_allotment,
        person_accounts=b.person_accounts,
        ranking_top_n=b.ranking_top_n,
        active=b.active,
    )


class ItemIn(Schema):
    code: str
    name: str
    points: int
    category: str = DeedItem.Category.OTHER
    unit: str = DeedItem.Unit.EACH
    limit_count: int | None = None
    limit_period: str = DeedItem.Period.NONE
    sort: int = 0


class ItemPatch(Schema):
    code: str | None = None
    name: str | None = None
    points: int | None = None
    category: str | None = None
    unit: str | None = None
    limit_count: int | None = None
    limit_period: str | None = None
    sort: int | None = None


class ItemOut(Schema):
    id: int
    code: str
    name: str
    category: str
    points: int
    unit: str
    limit_count: int | None
    limit_period: str
    sort: int


def item_out(i: DeedItem) -> ItemOut:
    return ItemOut(
        id=i.pk,
        code=i.code,
        name=i.name,
        category=i.category,
        points=i.points,
        unit=i.unit,
        limit_count=i.limit_count,
        limit_period=i.limit_period,
        sort=i.sort,
    )


class VersionOut(Schema):
    id: int
    bank: int
    number: int
    status: str
    effective_from: datetime.date | None
    published_at: datetime.datetime | None
    items: list[ItemOut] = Field(default_factory=list)


def version_out(v: CatalogueVersion, items: list[DeedItem] | None = None) -> VersionOut:
    return VersionOut(
        id=v.pk,
        bank=v.bank_id,
        number=v.number,
        status=v.status,
        effective_from=v.effective_from,
        published_at=v.published_at,
        items=[item_out(i) for i in items or []],
    )


class DraftIn(Schema):
    from_version: int | None = None


class PublishIn(Schema):
    effective_from: datetime.date


class HouseholdIn(Schema):
    bank: int | None = Field(None, description="The bank; the caller's first bank if omitted.")
    number: str
    head_name: str
    address: str = ""


class HouseholdOut(Schema):
    id: int
    bank: int
    number: str
    head_name: str
    address: str
    region: str
    balance: int
    joined_at: datetime.date
    active: bool


def household_out(h: Household) -> HouseholdOut:
    return HouseholdOut(
        id=h.pk,
        bank=h.bank_id,
        number=h.number,
        head_name=h.head_name,
        address=h.address,
        region=h.region_id,
        balance=h.account.balance if h.account is not None else 0,
        joined_at=h.joined_at,
        active=h.active,
    )


class HouseholdPage(Schema):
    items: list[HouseholdOut]
    next: str | None


class ResidentIn(Schema):
    name: str
    relation: str
    birth_year: int | None = None
    user_phone: str | None = None


class ResidentOut(Schema):
    id: int
    household: int
    name: str
    relation: str
    birth_year: int | None
    has_login: bool
    account_balance: int | None


class StatementRowOut(Schema):
    posting_id: int
    amount: int
    balance_after: int
    memo: str
    kind: str
    created_at: datetime.datetime


class StatementOut(Schema):
    household: HouseholdOut
    items: list[StatementRowOut]
    next: str | None


class ClaimIn(Schema):
    household: int
    item_code: str
    occurred_on: datetime.date
    quantity: int = 1
    description: str = ""
    resident: int | None = None
    photos: list[str] = Field(
        default_factory=list, description="Base64-encoded JPEG, PNG or WebP images (up to 6)."
    )


class ReviewIn(Schema):
    approve: bool
    reason: str = ""


class ReasonIn(Schema):
    reason: str


class ResolveIn(Schema):
    uphold: bool
    reason: str


class ClaimOut(Schema):
    id: int
    bank: int
    region: str
    household: int
    household_number: str
    resident: int | None
    item: int
    item_code: str
    item_name: str
    quantity: int
    points: int
    occurred_on: datetime.date
    description: str
    reporter_role: str
    status: str
    approvals: int
    approvals_required: int
    notice_until: datetime.datetime | None
    held: bool
    hold_reason: str
    decision_reason: str
    posted_transaction: int | None
    posted_at: datetime.datetime | None
    created_at: datetime.datetime


def claim_out(c: DeedClaim) -> ClaimOut:
    """``c`` with household, item and bank loaded (the queries select them)."""
    return ClaimOut(
        id=c.pk,
        bank=c.bank_id,
        region=c.region_id,
        household=c.household_id,
        household_number=c.household.number,
        resident=c.resident_id,
        item=c.item_id,
        item_code=c.item_code,
        item_name=c.item.name,
        quantity=c.quantity,
        points=c.points,
        occurred_on=c.occurred_on,
        description=c.description,
        reporter_role=c.reporter_role,
        status=c.status,
        approvals=c.approvals,
        approvals_required=c.bank.approvals_required,
        notice_until=c.notice_until,
        held=c.held,
        hold_reason=c.hold_reason,
        decision_reason=c.decision_reason,
        posted_transaction=c.posted_transaction_id,
        posted_at=c.posted_at,
        created_at=c.created_at,
    )


class ClaimPage(Schema):
    items: list[ClaimOut]
    next: str | None


class ObjectionOut(Schema):
    id: int
    claim: int
    name: str
    reason: str
    status: str
    resolution: str
    raised_at: datetime.datetime
    resolved_at: datetime.datetime | None


class NoticeOut(Schema):
    id: int
    household_number: str
    name: str
    item: str
    category: str
    points: int
    occurred_on: datetime.date
    notice_until: datetime.datetime | None
    status: str
    open: bool


def notice_out(r: NoticeRow) -> NoticeOut:
    return NoticeOut(
        id=r.id,
        household_number=r.household_number,
        name=r.name,
        item=r.item,
        category=r.category,
        points=r.points,
        occurred_on=r.occurred_on,
        notice_until=r.notice_until,
        status=r.status,
        open=r.open,
    )
