"""Reads of the virtue bank, scoped to the person asking.

Staff (clerk, committee, administrators) see the villages their grants cover; a resident sees
their own household; the public notice board is open to everyone and masks names.
Lists are keyset-paged querysets with what each row shows joined in (no query per row).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from volcity.accounts.scope import scope_for
from volcity.core.errors import NotFound
from volcity.core.lifecycle import status_history
from volcity.core.privacy import mask_name
from volcity.ledger.queries import Statement, statement
from volcity.virtue.models import (
    CatalogueVersion,
    ClaimPhoto,
    ClaimReview,
    DeedClaim,
    DeedItem,
    Household,
    Objection,
    Resident,
    VirtueBank,
)
from volcity.virtue.permissions import CLERK_ROLES, STAFF_ROLES
from volcity.virtue.services.catalogue import version_in_force

CLAIM_JOINS = ("household", "item", "resident", "reported_by", "bank")


def banks_for(user: Any, roles: Any = STAFF_ROLES) -> QuerySet[VirtueBank]:
    scope = scope_for(user, roles)
    if scope.empty:
        return VirtueBank.objects.none()
    return VirtueBank.objects.filter(scope.q()).select_related("region").order_by("region_id")


def bank_get_for(user: Any, bank_id: int | str | None, roles: Any = STAFF_ROLES) -> VirtueBank:
    """The bank asked for (or the first one in scope when none is asked for)."""
    banks = banks_for(user, roles)
    found = (
        banks.filter(pk=bank_id).first()
        if bank_id not in (None, "") and str(bank_id).isdigit()
        else banks.first()
    )
    if found is None:
        raise NotFound()
    return found


def bank_public(region_code: str) -> VirtueBank:
    found = VirtueBank.objects.select_related("region").filter(region_id=region_code).first()
    if found is None or not found.active:
        raise NotFound()
    return found


def banks_public() -> QuerySet[VirtueBank]:
    return VirtueBank.objects.filter(active=True).select_related("region").order_by("region_id")


# ---------------------------------------------------------------- households


def households_for(user: Any, bank: VirtueBank, *, q: str = "") -> QuerySet[Household]:
    """The bank's households for its staff, found by number (prefix) or head's name."""
    if not scope_for(user, STAFF_ROLES).covers_region(bank.region_id):
        return Household.objects.none()
    qs = Household.objects.filter(bank=bank).select_related("account")
    q = (q or "").strip()
    if q:
        qs = qs.filter(Q(number__startswith=q) | Q(head_name__contains=q))
    return qs


def my_households(user: Any) -> list[Household]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Household.objects.filter(residents__user=user)
        .select_related("bank", "account")
        .distinct()
        .order_by("id")
    )


def is_member(user: Any, household: Household) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and Resident.objects.filter(user=user, household=household).exists()
    )


def household_get_for(user: Any, household_id: int) -> Household:
    """For the village's staff, and for the household's own members."""
    found = (
        Household.objects.select_related("bank", "account", "region")
        .filter(pk=household_id)
        .first()
    )
    if found is None:
        raise NotFound()
    if scope_for(user, STAFF_ROLES).covers_region(found.region_id) or is_member(user, found):
        return found
    raise NotFound()


def household_statement(household: Household, *, after: str | None = None) -> Statement:
    if household.account is None:  # pragma: no cover - every household gets one
        raise NotFound()
    return statement(household.account, after=after, limit=30)


# ---------------------------------------------------------------- claims


def claims_for(
    user: Any,
    *,
    bank: VirtueBank | None = None,
    status: str = "",
    household: Household | None = None,
) -> QuerySet[DeedClaim]:
    scope = scope_for(user, STAFF_ROLES)
    if scope.empty:
        return DeedClaim.objects.none()
    qs = DeedClaim.objects.filter(scope.q()).select_related(*CLAIM_JOINS)
    if bank is not None:
        qs = qs.filter(bank=bank)
    if status:
        qs = qs.filter(status=status)
    if household is not None:
        qs = qs.filter(household=household)
    return qs


def claims_of_household(household: Household) -> QuerySet[DeedClaim]:
    return DeedClaim.objects.filter(household=household).select_related(*CLAIM_JOINS)


def claim_get_for(user: Any, claim_id: int) -> DeedClaim:
    found = DeedClaim.objects.select_related(*CLAIM_JOINS).filter(pk=claim_id).first()
    if found is None:
        raise NotFound()
    if scope_for(user, STAFF_ROLES).covers_region(found.region_id):
        return found
    if is_member(user, found.household):
        return found
    raise NotFound()


def review_queue_for(user: Any) -> QuerySet[DeedClaim]:
    """Deeds waiting for this committee member: not their own, not yet reviewed by them."""
    from volcity.accounts.roles import Role

    scope = scope_for(user, [Role.VIRTUE_COMMITTEE])
    if scope.empty:
        return DeedClaim.objects.none()
    mine = ClaimReview.objects.filter(claim=OuterRef("pk"), reviewer=user)
    member = Resident.objects.filter(household=OuterRef("household_id"), user=user)
    return (
        DeedClaim.objects.filter(scope.q(), status=DeedClaim.Status.SUBMITTED)
        .exclude(reported_by=user)
        .exclude(Exists(mine))
        .exclude(Exists(member))
        .select_related(*CLAIM_JOINS)
    )


@dataclass(frozen=True)
class ClaimDetail:
    claim: DeedClaim
    reviews: list[ClaimReview]
    objections: list[Objection]
    photos: list[ClaimPhoto]
    history: list[Any]


def claim_detail(claim: DeedClaim) -> ClaimDetail:
    return ClaimDetail(
        claim=claim,
        reviews=list(claim.reviews.select_related("reviewer").order_by("id")),
        objections=list(claim.objections.select_related("resolved_by").order_by("id")),
        photos=list(claim.photos.order_by("id")),
        history=list(status_history(claim).select_related("actor")),
    )


def photo_get_for(user: Any, photo_id: int) -> ClaimPhoto:
    found = ClaimPhoto.objects.select_related("claim").filter(pk=photo_id).first()
    if found is None:
        raise NotFound()
    claim_get_for(user, found.claim_id)
    return found


# ---------------------------------------------------------------- the public notice board


@dataclass(frozen=True)
class NoticeRow:
    """One deed on the public board: names masked, no description or photos."""

    id: int
    household_number: str
    name: str
    item: str
    category: str
    points: int
    occurred_on: datetime.date
    notice_until: datetime.datetime | None
    status: str
    status_label: str
    open: bool


def notice_board(bank: VirtueBank, *, now: datetime.datetime | None = None) -> list[NoticeRow]:
    """Deeds on notice or under objection, the newest first (a village has tens, not
    thousands: one query, no paging)."""
    now = now or timezone.now()
    rows = (
        DeedClaim.objects.filter(
            bank=bank, status__in=[DeedClaim.Status.ON_NOTICE, DeedClaim.Status.OBJECTED]
        )
        .select_related("household", "item", "resident")
        .order_by("-notice_until", "-id")[:200]
    )
    return [
        NoticeRow(
            id=c.pk,
            household_number=c.household.number,
            name=mask_name(c.resident.name if c.resident is not None else c.household.head_name),
            item=c.item.name,
            category=c.item.get_category_display(),
            points=c.points,
            occurred_on=c.occurred_on,
            notice_until=c.notice_until,
            status=c.status,
            status_label=c.get_status_display(),
            open=c.notice_until is not None and now < c.notice_until,
        )
        for c in rows
    ]


# ---------------------------------------------------------------- the catalogue


def versions_of(bank: VirtueBank) -> list[CatalogueVersion]:
    return list(CatalogueVersion.objects.filter(bank=bank).order_by("-number"))


def version_get_for(user: Any, version_id: int) -> CatalogueVersion:
    found = CatalogueVersion.objects.select_related("bank").filter(pk=version_id).first()
    if found is None or not scope_for(user, STAFF_ROLES).covers_region(found.bank.region_id):
        raise NotFound()
    return found


def item_get_for(user: Any, item_id: int) -> DeedItem:
    found = DeedItem.objects.select_related("version__bank").filter(pk=item_id).first()
    if found is None or not scope_for(user, STAFF_ROLES).covers_region(
        found.version.bank.region_id
    ):
        raise NotFound()
    return found


def items_in_force(bank: VirtueBank, day: datetime.date | None = None) -> list[DeedItem]:
    version = version_in_force(bank, day or timezone.localdate())
    if version is None:
        return []
    return list(version.items.order_by("sort", "id"))


def is_counter_staff(user: Any) -> bool:
    return not scope_for(user, CLERK_ROLES).empty
