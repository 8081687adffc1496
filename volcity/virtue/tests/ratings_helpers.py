"""Deeds posted at a given moment, for ranking and rating tests: the clock is moved to a few
days before, the deed reported and approved, then the clock moved to ``at`` and the deed posted
by the clerk (so ``posted_at`` and the ledger's time are ``at``)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from volcity.virtue.models import DeedClaim, Household
from volcity.virtue.services import claim_post
from volcity.virtue.tests.factories import Village, approved, reported

UTC = datetime.UTC


def at(day: str, hour: int = 10) -> datetime.datetime:
    """A local (Asia/Shanghai) time on ``day`` as an aware datetime."""
    return timezone.make_aware(
        datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(hour))
    )


def posted(
    v: Village,
    time_machine: Any,
    household: Household,
    item_code: str,
    when: datetime.datetime,
    *,
    quantity: int = 1,
) -> DeedClaim:
    time_machine.move_to(when - datetime.timedelta(days=v.bank.notice_days + 1), tick=False)
    claim = reported(
        v,
        household=household,
        item_code=item_code,
        occurred_on=timezone.localdate(),
        quantity=quantity,
    )
    approved(v, claim)
    time_machine.move_to(when, tick=False)
    return claim_post(actor=v.clerk, claim=claim)
