"""Publishing a quarter's red and black lists, withdrawing a black-list entry, and the
rating policy (black-list threshold, grade thresholds).

A publication is a frozen snapshot of ``quarter_ranking`` taken once the quarter has ended:
one per bank and quarter (a second is refused, and the database refuses it too). Its entries'
figures never change; a black-list entry may be withdrawn (with a reason, audited): it stays
in the record, marked, and leaves the public page.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from volcity.audit.services import audit_record
from volcity.virtue.errors_ratings import (
    AlreadyPublished,
    AlreadyWithdrawn,
    GradesOutOfOrder,
    NotAllowedRatings,
    NotBlackListEntry,
    QuarterNotOver,
    ReasonMissing,
    ThresholdInvalid,
)
from volcity.virtue.models import VirtueBank
from volcity.virtue.models_ratings import ListEntry, ListPublication, RatingPolicy
from volcity.virtue.permissions import can_configure_bank, can_run_counter
from volcity.virtue.queries_ratings import quarter_last_day, quarter_ranking


def rating_policy_update(
    *,
    actor: Any,
    bank: VirtueBank,
    black_list_threshold: int,
    aaa_min: int,
    aa_min: int,
    a_min: int,
    b_min: int,
) -> RatingPolicy:
    """Administrators of the village set the black-list threshold and grade thresholds."""
    if not can_configure_bank(actor, bank.region_id):
        raise NotAllowedRatings()
    if black_list_threshold is None or black_list_threshold < 1:
        raise ThresholdInvalid(field="black_list_threshold")
    if not 100 >= aaa_min > aa_min > a_min > b_min >= 0:
        raise GradesOutOfOrder(field="aaa_min")
    with transaction.atomic():
        policy, _created = RatingPolicy.objects.select_for_update().get_or_create(bank=bank)
        before = {
            "black_list_threshold": policy.black_list_threshold,
            "grades": [policy.aaa_min, policy.aa_min, policy.a_min, policy.b_min],
        }
        policy.black_list_threshold = black_list_threshold
        policy.aaa_min, policy.aa_min, policy.a_min, policy.b_min = aaa_min, aa_min, a_min, b_min
        policy.updated_by = actor
        policy.save()
        audit_record(
            "virtue.rating_policy.updated",
            obj=policy,
            actor=actor,
            region_id=bank.region_id,
            changes={
                "before": before,
                "black_list_threshold": black_list_threshold,
                "grades": [aaa_min, aa_min, a_min, b_min],
            },
        )
    return policy


def lists_publish(*, actor: Any, bank: VirtueBank, year: int, quarter: int) -> ListPublication:
    """Freeze the quarter's red and black lists (the clerk or administrators)."""
    if not can_run_counter(actor, bank.region_id):
        raise NotAllowedRatings()
    if quarter_last_day(year, quarter) >= timezone.localdate():
        raise QuarterNotOver(field="quarter")
    with transaction.atomic():
        VirtueBank.objects.select_for_update().filter(pk=bank.pk).first()
        if ListPublication.objects.filter(bank=bank, year=year, quarter=quarter).exists():
            raise AlreadyPublished(field="quarter")
        ranking = quarter_ranking(bank, year, quarter)
        try:
            with transaction.atomic():
                publication = ListPublication.objects.create(
                    bank=bank,
                    year=year,
                    quarter=quarter,
                    top_n=ranking.top_n,
                    black_list_threshold=ranking.threshold,
                    published_at=timezone.now(),
                    published_by=actor,
                )
        except IntegrityError:
            raise AlreadyPublished(field="quarter") from None
        ListEntry.objects.bulk_create(
            [
                ListEntry(
                    publication=publication,
                    kind=kind,
                    household_id=r.household_id,
                    rank=r.rank,
                    head_name=r.head_name,
                    household_number=r.number,
                    earned=r.earned,
                    deducted=r.deducted,
                    net=r.net,
                    categories=r.categories,
                )
                for kind, rows in ((ListEntry.Kind.RED, ranking.red), ("black", ranking.black))
                for r in rows
            ]
        )
        audit_record(
            "virtue.lists.published",
            obj=publication,
            actor=actor,
            region_id=bank.region_id,
            changes={
                "quarter": f"{year}-Q{quarter}",
                "red": len(ranking.red),
                "black": len(ranking.black),
                "top_n": ranking.top_n,
                "black_list_threshold": ranking.threshold,
            },
        )
    return publication


def list_entry_withdraw(*, actor: Any, entry: ListEntry, reason: str) -> ListEntry:
    """Take a household off a published black list (a mistake, a successful appeal). The
    entry stays in the record, marked withdrawn; the public no longer sees it."""
    bank = entry.publication.bank
    if not can_run_counter(actor, bank.region_id):
        raise NotAllowedRatings()
    reason = (reason or "").strip()
    if not reason:
        raise ReasonMissing(field="reason")
    with transaction.atomic():
        locked = ListEntry.objects.select_for_update().get(pk=entry.pk)
        if locked.kind != ListEntry.Kind.BLACK:
            raise NotBlackListEntry()
        if locked.withdrawn_at is not None:
            raise AlreadyWithdrawn()
        locked.withdrawn_at = timezone.now()
        locked.withdrawn_by = actor
        locked.withdraw_reason = reason
        locked.save(update_fields=["withdrawn_at", "withdrawn_by", "withdraw_reason"])
        audit_record(
            "virtue.lists.entry_withdrawn",
            obj=locked,
            actor=actor,
            region_id=bank.region_id,
            changes={"household": locked.household_number, "reason": reason},
        )
    return locked
