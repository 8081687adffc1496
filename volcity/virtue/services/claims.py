"""Deed claims: report → review → public notice (objections) → posting.

* ``claim_report``: a resident for their own household, a volunteer or the clerk of the
  village. The item comes from the catalogue version in force on the day of the deed, and its
  points are copied onto the claim. Limits per period count the household's claims of that
  deed code (not rejected) in the period of the deed's date, in times or hours.
* ``claim_review``: members of the village's review group (committee), never the reporter nor
  a member of the household. Enough approvals (the bank's ``approvals_required``) approve the
  claim and put it on public notice for ``notice_days``; one rejection (with a reason) rejects.
* ``objection_raise``: anyone of the village while the notice runs; the claim waits.
* ``objection_resolve``: upheld rejects the claim, dismissed lets it go on.
* Posting is in ``services.posting``.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext

from volcity.audit.services import audit_record
from volcity.core.lifecycle import transition_apply
from volcity.core.photos import Photo, photo_read
from volcity.virtue.errors import (
    AlreadyReviewed,
    BankInactive,
    DateInFuture,
    HouseholdInactive,
    InvalidSetting,
    LimitReached,
    NoCatalogue,
    NotAllowed,
    NotAVillager,
    NoticeClosed,
    NotInReviewGroup,
    NotOnNotice,
    NotSubmitted,
    NotYourHousehold,
    ObjectionClosed,
    OwnClaim,
    ReasonRequired,
    TooManyPhotos,
    UnknownItem,
)
from volcity.virtue.models import (
    ClaimPhoto,
    ClaimReview,
    DeedClaim,
    DeedItem,
    Household,
    Objection,
    Resident,
)
from volcity.virtue.permissions import (
    can_resolve_objection,
    can_see_bank,
    is_clerk_of,
    is_reviewer_of,
    is_volunteer_of,
)
from volcity.virtue.services.catalogue import version_in_force

MAX_PHOTOS = 6
MAX_QUANTITY = 24


def _reporter_role(actor: Any, household: Household) -> str:
    region = household.region_id
    if is_clerk_of(actor, region):
        return DeedClaim.ReporterRole.CLERK
    if is_volunteer_of(actor, region):
        return DeedClaim.ReporterRole.VOLUNTEER
    if Resident.objects.filter(user=actor, household=household, active=True).exists():
        return DeedClaim.ReporterRole.RESIDENT
    if getattr(actor, "is_superuser", False):
        return DeedClaim.ReporterRole.CLERK
    if Resident.objects.filter(user=actor).exists():
        raise NotYourHousehold()
    raise NotAllowed()


def period_bounds(day: datetime.date, period: str) -> tuple[datetime.date, datetime.date]:
    """[start, end) of the month, quarter or year ``day`` falls in."""
    if period == DeedItem.Period.MONTH:
        start = day.replace(day=1)
        months = 1
    elif period == DeedItem.Period.QUARTER:
        start = day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
        months = 3
    else:
        start = day.replace(month=1, day=1)
        months = 12
    month = start.month - 1 + months
    end = start.replace(year=start.year + month // 12, month=month % 12 + 1)
    return start, end


def _check_limit(household: Household, item: DeedItem, day: datetime.date, quantity: int) -> None:
    if item.limit_period == DeedItem.Period.NONE or item.limit_count is None:
        return
    start, end = period_bounds(day, item.limit_period)
    used = (
        DeedClaim.objects.filter(
            household=household,
            item_code=item.code,
            occurred_on__gte=start,
            occurred_on__lt=end,
        )
        .exclude(status=DeedClaim.Status.REJECTED)
        .aggregate(n=Sum("quantity"))["n"]
        or 0
    )
    if used + quantity > item.limit_count:
        message = gettext(
            "“%(item)s” counts at most %(limit)s per %(period)s; this household already has "
            "%(used)s from %(start)s to %(end)s."
        ) % {
            "item": item.name,
            "limit": item.limit_count,
            "period": item.get_limit_period_display(),
            "used": used,
            "start": start.isoformat(),
            "end": (end - datetime.timedelta(days=1)).isoformat(),
        }
        raise LimitReached(message, field="item_code")


def claim_report(
    *,
    actor: Any,
    household: Household,
    item_code: str,
    occurred_on: datetime.date,
    description: str = "",
    photos: Sequence[Photo] = (),
    quantity: int = 1,
    resident: Resident | None = None,
) -> DeedClaim:
    bank = household.bank
    role = _reporter_role(actor, household)
    if not bank.active:
        raise BankInactive()
    if not household.active:
        raise HouseholdInactive(field="household")
    if occurred_on > timezone.localdate():
        raise DateInFuture(field="occurred_on")
    if not isinstance(quantity, int) or not 1 <= quantity <= MAX_QUANTITY:
        raise InvalidSetting(field="quantity")
    if resident is not None and resident.household_id != household.pk:
        raise InvalidSetting(field="resident")
    if len(photos) > MAX_PHOTOS:
        raise TooManyPhotos(TooManyPhotos.default_message % {"count": MAX_PHOTOS}, field="photos")
    read = [photo_read(p) for p in photos]
    version = version_in_force(bank, occurred_on)
    if version is None:
        raise NoCatalogue(field="occurred_on")
    item = DeedItem.objects.filter(version=version, code=(item_code or "").strip()).first()
    if item is None:
        raise UnknownItem(field="item_code")
    with transaction.atomic():
        # One report at a time per household, so limits cannot be overrun by a race.
        Household.objects.select_for_update().get(pk=household.pk)
        _check_limit(household, item, occurred_on, quantity)
        claim = DeedClaim.objects.create(
            bank=bank,
            region_id=household.region_id,
            household=household,
            resident=resident,
            item=item,
            item_code=item.code,
            quantity=quantity,
            points=item.points * quantity,
            occurred_on=occurred_on,
            description=(description or "").strip()[:2000],
            reported_by=actor,
            reporter_role=role,
        )
        for photo, (content_type, extension, width, height) in zip(photos, read, strict=True):
            stored = ClaimPhoto(claim=claim, content_type=content_type, width=width, height=height)
            stored.image.save(f"claim{claim.pk}.{extension}", ContentFile(photo.data), save=False)
            stored.save()
        audit_record(
            "virtue.claim.reported",
            obj=claim,
            actor=actor,
            region_id=claim.region_id,
            changes={
                "household": household.number,
                "item": item.code,
                "version": version.number,
                "points": claim.points,
                "occurred_on": occurred_on.isoformat(),
                "photos": len(photos),
                "as": role,
            },
        )
    return claim


def _is_member(user: Any, household_id: int) -> bool:
    return Resident.objects.filter(user=user, household_id=household_id).exists()


def claim_review(*, reviewer: Any, claim: DeedClaim, approve: bool, reason: str = "") -> DeedClaim:
    """One review-group member's decision. Enough approvals put the claim on public notice."""
    if not is_reviewer_of(reviewer, claim.region_id):
        raise NotInReviewGroup()
    if claim.reported_by_id == reviewer.pk or _is_member(reviewer, claim.household_id):
        raise OwnClaim()
    reason = (reason or "").strip()
    if not approve and not reason:
        raise ReasonRequired(field="reason")
    with transaction.atomic():
        locked = (
            DeedClaim.objects.select_for_update(of=("self",))
            .select_related("bank")
            .get(pk=claim.pk)
        )
        if locked.status != DeedClaim.Status.SUBMITTED:
            raise NotSubmitted()
        if ClaimReview.objects.filter(claim=locked, reviewer=reviewer).exists():
            raise AlreadyReviewed()
        ClaimReview.objects.create(
            claim=locked,
            reviewer=reviewer,
            decision=ClaimReview.Decision.APPROVE if approve else ClaimReview.Decision.REJECT,
            reason=reason,
            at=timezone.now(),
        )
        audit_record(
            "virtue.review.approved" if approve else "virtue.review.rejected",
            obj=locked,
            actor=reviewer,
            region_id=locked.region_id,
            changes={"reason": reason},
        )
        if not approve:
            locked.decision_reason = reason
            transition_apply(
                locked, "reject", actor=reviewer, reason=reason, extra_fields=["decision_reason"]
            )
        else:
            locked.approvals += 1
            locked.save(update_fields=["approvals"])
            if locked.approvals >= locked.bank.approvals_required:
                transition_apply(locked, "approve", actor=reviewer)
                locked.notice_until = timezone.now() + datetime.timedelta(
                    days=locked.bank.notice_days
                )
                transition_apply(locked, "notice", actor=reviewer, extra_fields=["notice_until"])
    return locked


def claim_reject(*, actor: Any, claim: DeedClaim, reason: str) -> DeedClaim:
    """The clerk turns down a reported deed before review (a mistake, a duplicate)."""
    if not is_clerk_of(actor, claim.region_id) and not getattr(actor, "is_superuser", False):
        raise NotAllowed()
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired(field="reason")
    with transaction.atomic():
        locked = DeedClaim.objects.select_for_update().get(pk=claim.pk)
        if locked.status != DeedClaim.Status.SUBMITTED:
            raise NotSubmitted()
        locked.decision_reason = reason
        transition_apply(
            locked, "reject", actor=actor, reason=reason, extra_fields=["decision_reason"]
        )
    return locked


def is_villager(user: Any, region_code: str) -> bool:
    """Lives in the village (home region or household member) or works there for the bank."""
    if not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "home_region_id", None) == region_code:
        return True
    if Resident.objects.filter(user=user, household__region_id=region_code).exists():
        return True
    return can_see_bank(user, region_code)


def objection_raise(*, user: Any, claim: DeedClaim, reason: str) -> Objection:
    if not is_villager(user, claim.region_id):
        raise NotAVillager()
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired(field="reason")
    with transaction.atomic():
        locked = DeedClaim.objects.select_for_update().get(pk=claim.pk)
        if locked.status not in (DeedClaim.Status.ON_NOTICE, DeedClaim.Status.OBJECTED):
            raise NotOnNotice()
        if locked.notice_until is None or timezone.now() >= locked.notice_until:
            raise NoticeClosed()
        objection = Objection.objects.create(
            claim=locked,
            raised_by=user,
            name=(getattr(user, "display_name", "") or user.get_username())[:60],
            reason=reason[:2000],
            raised_at=timezone.now(),
        )
        audit_record(
            "virtue.objection.raised",
            obj=objection,
            actor=user,
            region_id=locked.region_id,
            changes={"claim": locked.pk},
        )
        if locked.status == DeedClaim.Status.ON_NOTICE:
            transition_apply(locked, "object", actor=user, reason=reason)
    return objection


def objection_resolve(*, actor: Any, objection: Objection, uphold: bool, reason: str) -> Objection:
    """Upheld: the claim is rejected. Dismissed: once no objection is open, the claim is back
    on notice (and posts when its notice has ended)."""
    claim = objection.claim
    if not can_resolve_objection(actor, claim.region_id):
        raise NotAllowed()
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired(field="reason")
    with transaction.atomic():
        locked_claim = DeedClaim.objects.select_for_update().get(pk=claim.pk)
        locked = Objection.objects.select_for_update().get(pk=objection.pk)
        if locked.status != Objection.Status.OPEN:
            raise ObjectionClosed()
        now = timezone.now()
        locked.status = Objection.Status.UPHELD if uphold else Objection.Status.DISMISSED
        locked.resolution = reason[:2000]
        locked.resolved_by = actor
        locked.resolved_at = now
        locked.save(update_fields=["status", "resolution", "resolved_by", "resolved_at"])
        audit_record(
            "virtue.objection.upheld" if uphold else "virtue.objection.dismissed",
            obj=locked,
            actor=actor,
            region_id=locked_claim.region_id,
            changes={"claim": locked_claim.pk, "reason": reason},
        )
        if locked_claim.status != DeedClaim.Status.OBJECTED:
            return locked
        if uphold:
            # The other open objections against the claim fall with it.
            Objection.objects.filter(claim=locked_claim, status=Objection.Status.OPEN).update(
                status=Objection.Status.UPHELD,
                resolution=reason[:2000],
                resolved_by=actor,
                resolved_at=now,
            )
            locked_claim.decision_reason = reason
            transition_apply(
                locked_claim,
                "uphold",
                actor=actor,
                reason=reason,
                extra_fields=["decision_reason"],
            )
        elif not Objection.objects.filter(
            claim=locked_claim, status=Objection.Status.OPEN
        ).exists():
            transition_apply(locked_claim, "resume", actor=actor, reason=reason)
    return locked
