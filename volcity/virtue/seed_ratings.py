"""Demo data of rankings and ratings, run after the virtue banks are seeded: the last quarter's
red and black lists published in every bank, a rating run as of today, and household 001 of
the demo clerk's village (the demo ``resident``'s household) consenting to share its rating
with 青州农商银行.

Only the clock is helped: the demo deeds were all posted while seeding, so each posted deed's
``posted_at`` is moved back to the day its public notice would have ended (the deed's day plus
the notice days, 10:00 local time). The ledger keeps its own times.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from volcity.virtue.models import DeedClaim, Household, Resident, VirtueBank
from volcity.virtue.models_ratings import (
    BankSharingConsent,
    CreditRating,
    ListEntry,
    ListPublication,
    RatingExport,
    RatingPolicy,
)
from volcity.virtue.queries_ratings import DEFAULT_PARTNERS, previous_quarter
from volcity.virtue.services.credit import consent_grant, rating_run
from volcity.virtue.services.ratings import lists_publish


def _backdate_postings(bank: VirtueBank) -> None:
    now = timezone.now()
    for claim in DeedClaim.objects.filter(bank=bank, status=DeedClaim.Status.POSTED):
        day = claim.occurred_on + datetime.timedelta(days=bank.notice_days)
        when = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
        DeedClaim.objects.filter(pk=claim.pk).update(posted_at=min(now, when))


def seed_ratings(*, operator: Any, clerk: Any) -> dict[str, int]:
    year, quarter = previous_quarter(timezone.localdate())
    made = {"publications": 0, "ratings": 0, "consents": 0}
    with transaction.atomic():
        for index, bank in enumerate(VirtueBank.objects.order_by("region_id")):
            _backdate_postings(bank)
            publisher = clerk if index == 0 and clerk is not None else operator
            lists_publish(actor=publisher, bank=bank, year=year, quarter=quarter)
            made["publications"] += 1
            made["ratings"] += rating_run(actor=None, bank=bank)
            if index == 0:
                household = Household.objects.filter(bank=bank, number="001").first()
                head = Resident.objects.filter(household=household, relation="head").first()
                if household is not None and head is not None:
                    consent_grant(
                        actor=publisher,
                        household=household,
                        resident=head,
                        partner=DEFAULT_PARTNERS[0],
                        evidence="授权书 2026-001（户主签字）",
                    )
                    made["consents"] += 1
    return made


def unseed_ratings() -> None:
    for model in (
        RatingExport,
        BankSharingConsent,
        CreditRating,
        ListEntry,
        ListPublication,
        RatingPolicy,
    ):
        model._default_manager.all().delete()
