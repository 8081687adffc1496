"""Deeds posted at a given moment, for ranking and rating tests: the clock is moved to a few
days before, the deed reported and approved, then the clock moved to ``at`` and the deed posted
by the clerk (so ``posted_at`` and the ledger's time are ``at``)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from volcity.virtue.models import DeedClaim, Household
from volcity.virtue.services import claim_post, household_register
from volcity.virtue.tests.factories import Village, approved, reported, village

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


def third_quarter(
    people: dict[str, Any], city: dict[str, Any], make_user: Any, time_machine: Any
) -> Village:
    """A bank opened on 1 July 2026 with four households and deeds posted in the third
    quarter (and one in October), then the clock back at 20 November 2026."""
    time_machine.move_to(at("2026-06-20"), tick=False)
    v = village(people, city, make_user)
    h1, h2 = v.households
    h3 = household_register(actor=v.clerk, bank=v.bank, number="H003", head_name="张建国")
    h4 = household_register(actor=v.clerk, bank=v.bank, number="H004", head_name="赵玉兰")
    v.households += [h3, h4]
    posted(v, time_machine, h1, "filial", at("2026-07-10"))  # +5
    posted(v, time_machine, h1, "clean", at("2026-08-10"))  # +2   h1: net 7
    posted(v, time_machine, h2, "filial", at("2026-07-12"))  # +5
    posted(v, time_machine, h2, "neighbour", at("2026-07-13"))  # +3, h2: net 8
    posted(v, time_machine, h3, "filial", at("2026-08-01"))  # +5
    posted(v, time_machine, h3, "clean", at("2026-08-02"))  # +2, h3: net 7 (ties h1)
    posted(v, time_machine, h4, "filial", at("2026-09-01"))  # +5
    posted(v, time_machine, h4, "filial", at("2026-09-02"))  # +5
    posted(v, time_machine, h4, "fireworks", at("2026-09-03"))  # -5
    posted(v, time_machine, h4, "fireworks", at("2026-09-04"))  # -5, h4: net 0, deducted 10
    posted(v, time_machine, h1, "filial", at("2026-10-03"))  # Q4
    time_machine.move_to(at("2026-11-20"), tick=False)
    return v
