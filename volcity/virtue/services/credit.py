"""The civic credit rating (信用评级) of households, the households' consent to share it with a
partner bank, and the export handed to that bank.

The score is deterministic: the same record as of the same day gives the same score. Over the
365 days up to and including ``as_of`` (deeds by the local time they were posted):

    60 (base)
    + min(20, points earned ÷ 5)            (whole points; rounding down)
    + min(10, balance at the end of as_of ÷ 20)
    − min(20, points deducted ÷ 2)
    − min(30, 10 × severe deductions)       (deeds whose item is worth −20 or less)
    + min(10, 5 × red-list entries)          (lists published in the window)
    − min(20, 10 × black-list entries)       (not withdrawn)
    kept within 0 … 100

Grades from the bank's ``RatingPolicy``: AAA ≥ 90, AA ≥ 80, A ≥ 70, B ≥ 60, else C (defaults).
"""

from __future__ import annotations

import datetime
from typing import IO, Any

from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.utils import timezone

from volcity.audit.services import audit_record
from volcity.ledger.models import Posting
from volcity.virtue.errors_ratings import (
    AsOfInFuture,
    ConsentExists,
    ConsentRevoked,
    NotAllowedRatings,
    NotYourConsent,
    ReasonMissing,
    ResidentNotOfHousehold,
    UnknownPartner,
)
from volcity.virtue.models import DeedClaim, Household, Resident, VirtueBank
from volcity.virtue.models_ratings import (
    BankSharingConsent,
    CreditRating,
    ListEntry,
    RatingExport,
    RatingPolicy,
)
from volcity.virtue.permissions import can_run_counter
from volcity.virtue.queries_ratings import local_midnight, partners, policy_of

BASE = 60
SEVERE = -20


def rating_window(as_of: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    return local_midnight(as_of - datetime.timedelta(days=364)), local_midnight(
        as_of + datetime.timedelta(days=1)
    )


def rating_score(inputs: dict[str, int]) -> tuple[int, dict[str, int]]:
    """The score and its parts from the inputs (pure: the rule in one place)."""
    parts = {
        "base": BASE,
        "earned": min(20, max(0, inputs["earned"]) // 5),
        "balance": min(10, max(0, inputs["balance"]) // 20),
        "deducted": -min(20, max(0, inputs["deducted"]) // 2),
        "severe": -min(30, 10 * inputs["severe"]),
        "red_lists": min(10, 5 * inputs["red_lists"]),
        "black_lists": -min(20, 10 * inputs["black_lists"]),
    }
    return max(0, min(100, sum(parts.values()))), parts


def rating_grade(score: int, policy: RatingPolicy) -> str:
    for grade, floor in (
        ("AAA", policy.aaa_min),
        ("AA", policy.aa_min),
        ("A", policy.a_min),
        ("B", policy.b_min),
    ):
        if score >= floor:
            return grade
    return "C"


def rating_inputs(bank: VirtueBank, as_of: datetime.date) -> dict[int, dict[str, int]]:
    """household id → its inputs, for every active household of the bank (five queries)."""
    start, end = rating_window(as_of)
    last_posting = Posting.objects.filter(
        account_id=OuterRef("account_id"), transaction__created_at__lt=end
    ).order_by("-id")
    households = Household.objects.filter(bank=bank, active=True).annotate(
        balance_then=Subquery(last_posting.values("balance_after")[:1])
    )
    inputs = {
        h.pk: {
            "earned": 0,
            "deducted": 0,
            "severe": 0,
            "balance": int(h.balance_then or 0),
            "red_lists": 0,
            "black_lists": 0,
        }
        for h in households
    }
    deeds = (
        DeedClaim.objects.filter(bank=bank, posted_at__gte=start, posted_at__lt=end)
        .values("household_id")
        .annotate(
            earned=Sum("points", filter=Q(points__gt=0), default=0),
            lost=Sum("points", filter=Q(points__lt=0), default=0),
            severe=Count("id", filter=Q(item__points__lte=SEVERE)),
        )
        .order_by()
    )
    for d in deeds:
        if d["household_id"] in inputs:
            row = inputs[d["household_id"]]
            row["earned"], row["deducted"], row["severe"] = d["earned"], -d["lost"], d["severe"]
    entries = (
        ListEntry.objects.filter(
            publication__bank=bank,
            publication__published_at__gte=start,
            publication__published_at__lt=end,
            withdrawn_at__isnull=True,
        )
        .values("household_id", "kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    for e in entries:
        if e["household_id"] in inputs:
            key = "red_lists" if e["kind"] == ListEntry.Kind.RED else "black_lists"
            inputs[e["household_id"]][key] = e["n"]
    return inputs


def rating_run(*, actor: Any, bank: VirtueBank, as_of: datetime.date | None = None) -> int:
    """Rate every active household of the bank as of a day (the clerk, administrators, or
    cron with ``actor=None``). One rating per household and day: a second run of the same day
    recomputes it. Returns how many households were rated."""
    if actor is not None and not can_run_counter(actor, bank.region_id):
        raise NotAllowedRatings()
    today = timezone.localdate()
    as_of = as_of or today
    if as_of > today:
        raise AsOfInFuture(field="as_of")
    policy = policy_of(bank)
    now = timezone.now()
    rows = []
    for household_id, inputs in rating_inputs(bank, as_of).items():
        score, parts = rating_score(inputs)
        rows.append(
            CreditRating(
                bank=bank,
                household_id=household_id,
                as_of=as_of,
                score=score,
                grade=rating_grade(score, policy),
                inputs={**inputs, "parts": parts},
                computed_at=now,
                computed_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
        )
    with transaction.atomic():
        CreditRating.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["household", "as_of"],
            update_fields=["score", "grade", "inputs", "computed_at", "computed_by"],
        )
        audit_record(
            "virtue.rating.run",
            obj=bank,
            actor=actor,
            region_id=bank.region_id,
            changes={"as_of": as_of.isoformat(), "households": len(rows)},
        )
    return len(rows)


# ---------------------------------------------------------------- consent


def _member(user: Any, household: Household) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and Resident.objects.filter(user=user, household=household).exists()
    )


def consent_grant(
    *,
    actor: Any,
    household: Household,
    resident: Resident,
    partner: str,
    evidence: str = "",
) -> BankSharingConsent:
    """Record a household's separate consent to share its rating with a partner bank: by the
    clerk (with the household present; note the evidence, e.g. the signed form's number) or by
    a member of the household with their own login."""
    clerk = can_run_counter(actor, household.region_id)
    if not clerk and not _member(actor, household):
        raise NotYourConsent()
    if resident.household_id != household.pk:
        raise ResidentNotOfHousehold(field="resident")
    if not clerk and resident.user_id != actor.pk:
        raise ResidentNotOfHousehold(field="resident")
    partner = (partner or "").strip()
    if partner not in partners():
        raise UnknownPartner(field="partner")
    with transaction.atomic():
        Household.objects.select_for_update().filter(pk=household.pk).first()
        if BankSharingConsent.objects.filter(
            household=household, partner=partner, revoked_at__isnull=True
        ).exists():
            raise ConsentExists(field="partner")
        try:
            with transaction.atomic():
                consent = BankSharingConsent.objects.create(
                    household=household,
                    resident=resident,
                    partner=partner,
                    granted_at=timezone.now(),
                    recorded_by=actor,
                    evidence=(evidence or "").strip()[:200],
                )
        except IntegrityError:
            raise ConsentExists(field="partner") from None
        audit_record(
            "virtue.consent.granted",
            obj=consent,
            actor=actor,
            region_id=household.region_id,
            changes={"household": household.number, "partner": partner, "by_clerk": clerk},
        )
    return consent


def consent_revoke(*, actor: Any, consent: BankSharingConsent, reason: str = "") -> Any:
    """Revoke a consent (the household itself, or the clerk with a reason). The household
    leaves the next export; the record stays."""
    household = consent.household
    clerk = can_run_counter(actor, household.region_id)
    member = _member(actor, household)
    if not clerk and not member:
        raise NotYourConsent()
    reason = (reason or "").strip()
    if not member and not reason:
        raise ReasonMissing(field="reason")
    with transaction.atomic():
        locked = BankSharingConsent.objects.select_for_update().get(pk=consent.pk)
        if locked.revoked_at is not None:
            raise ConsentRevoked()
        locked.revoked_at = timezone.now()
        locked.revoked_by = actor
        locked.revoke_reason = reason
        locked.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
        audit_record(
            "virtue.consent.revoked",
            obj=locked,
            actor=actor,
            region_id=household.region_id,
            changes={"household": household.number, "partner": locked.partner, "reason": reason},
        )
    return locked


# ---------------------------------------------------------------- export


def rating_export(*, actor: Any, bank: VirtueBank, partner: str) -> tuple[IO[bytes], RatingExport]:
    """The .xlsx for a partner bank: only households whose consent for that bank is in force
    now, each with its latest rating (households never rated are left out). Recorded and
    audited."""
    from volcity.virtue.exports_ratings import bank_export_xlsx

    if not can_run_counter(actor, bank.region_id):
        raise NotAllowedRatings()
    partner = (partner or "").strip()
    if partner not in partners():
        raise UnknownPartner(field="partner")
    with transaction.atomic():
        consented = BankSharingConsent.objects.filter(
            household__bank=bank, partner=partner, revoked_at__isnull=True
        ).values("household_id")
        latest = CreditRating.objects.filter(household_id=OuterRef("household_id")).order_by(
            "-as_of"
        )
        ratings = list(
            CreditRating.objects.filter(household_id__in=consented, bank=bank)
            .filter(pk=Subquery(latest.values("pk")[:1]))
            .select_related("household", "household__region")
            .order_by("household__number")
        )
        record = RatingExport.objects.create(
            bank=bank,
            partner=partner,
            rows=len(ratings),
            exported_at=timezone.now(),
            exported_by=actor,
            household_ids=[r.household_id for r in ratings],
        )
        audit_record(
            "virtue.rating.exported",
            obj=record,
            actor=actor,
            region_id=bank.region_id,
            changes={"partner": partner, "households": len(ratings)},
        )
    return bank_export_xlsx(bank, partner, ratings), record
