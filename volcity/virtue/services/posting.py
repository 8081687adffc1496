"""Posting a claim's points to the ledger, once its public notice has ended with no open
objection.

One ledger transaction per claim, key ``virtue:claim:<id>``, between the bank's issuing account
and the household's account (the resident's own account instead, where the bank keeps one per
person and the claim names the resident). A good deed moves points from the issuing account to
the household; a bad deed moves them back.

Households never go below zero (their accounts refuse it). A bad deed whose points exceed the
balance is not posted in part: the claim is **held** (``held`` and ``hold_reason`` set, status
still ``on_notice``) and every later run of ``claims_post_due`` tries it again, so it posts in
full as soon as the household has earned enough. Clerks see held claims flagged on the counter.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from volcity.core.errors import DomainError
from volcity.core.lifecycle import transition_apply
from volcity.ledger.models import Account
from volcity.ledger.services import ledger_post
from volcity.virtue.errors import (
    AlreadyPosted,
    ClaimRejected,
    NotAllowed,
    NotApproved,
    NoticeRunning,
    ObjectionOpen,
)
from volcity.virtue.models import DeedClaim
from volcity.virtue.permissions import can_run_counter
from volcity.virtue.services.households import issuing_account

INSUFFICIENT = "ledger_insufficient_balance"


def claim_key(claim: DeedClaim) -> str:
    return f"virtue:claim:{claim.pk}"


def _refuse_unpostable(claim: DeedClaim, now: datetime.datetime) -> None:
    status = claim.status
    if status == DeedClaim.Status.POSTED:
        raise AlreadyPosted()
    if status == DeedClaim.Status.REJECTED:
        raise ClaimRejected()
    if status == DeedClaim.Status.OBJECTED:
        raise ObjectionOpen()
    if status != DeedClaim.Status.ON_NOTICE:
        raise NotApproved()
    if claim.notice_until is None or claim.notice_until > now:
        raise NoticeRunning()


def _target_account(claim: DeedClaim) -> Account:
    if claim.bank.person_accounts and claim.resident is not None and claim.resident.account_id:
        return Account.objects.get(pk=claim.resident.account_id)
    return Account.objects.get(pk=claim.household.account_id or 0)


def _post_locked(claim: DeedClaim, *, actor: Any, now: datetime.datetime) -> bool:
    """Post ``claim`` (already locked and checked). False when it is held instead."""
    target = _target_account(claim)
    source = issuing_account(claim.bank)
    memo = f"{claim.item.name} ×{claim.quantity} · {claim.household.number}"[:200]
    try:
        with transaction.atomic():
            posted = ledger_post(
                key=claim_key(claim),
                memo=memo,
                kind="virtue.deed",
                lines=[(source, -claim.points), (target, claim.points)],
                actor=actor,
            )
    except DomainError as exc:
        if exc.code != INSUFFICIENT:
            raise
        reason = gettext("Not enough points in the household's account for this deduction.")
        if not claim.held or claim.hold_reason != reason:
            claim.held = True
            claim.hold_reason = reason
            claim.save(update_fields=["held", "hold_reason"])
        return False
    claim.posted_transaction = posted
    claim.posted_at = now
    claim.held = False
    claim.hold_reason = ""
    transition_apply(
        claim,
        "post",
        actor=actor,
        extra_fields=["posted_transaction", "posted_at", "held", "hold_reason"],
    )
    return True


def claim_post(*, actor: Any, claim: DeedClaim, now: datetime.datetime | None = None) -> DeedClaim:
    """Post one claim now (the clerk's button). Refused unless approved, its notice over and
    no objection open; a second posting is refused. A held deduction stays held."""
    if not can_run_counter(actor, claim.region_id):
        raise NotAllowed()
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            DeedClaim.objects.select_for_update(of=("self",))
            .select_related("bank", "household", "resident", "item")
            .get(pk=claim.pk)
        )
        _refuse_unpostable(locked, now)
        _post_locked(locked, actor=actor, now=now)
    return locked


@dataclass(frozen=True)
class PostRun:
    posted: int
    held: int


def claims_post_due(*, now: datetime.datetime | None = None, actor: Any = None) -> PostRun:
    """Post every claim whose public notice has ended with no open objection (the cron job
    ``manage.py virtue_post_due``). Each claim in its own transaction; idempotent."""
    now = now or timezone.now()
    due = sorted(
        DeedClaim.objects.filter(
            status=DeedClaim.Status.ON_NOTICE, notice_until__lte=now
        ).values_list("points", "pk"),
        key=lambda row: (row[0] < 0, row[1]),  # credits first, so a held deduction can post
    )
    posted = held = 0
    for _points, claim_id in due:
        with transaction.atomic():
            locked = (
                DeedClaim.objects.select_for_update(of=("self",))
                .select_related("bank", "household", "resident", "item")
                .filter(pk=claim_id, status=DeedClaim.Status.ON_NOTICE, notice_until__lte=now)
                .first()
            )
            if locked is None:
                continue
            if _post_locked(locked, actor=actor, now=now):
                posted += 1
            else:
                held += 1
    return PostRun(posted=posted, held=held)
