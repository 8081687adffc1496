"""Earning hour credits: one hour served and approved is one hour credit.

The activities app calls ``credits_earn_for_record`` in the same transaction as every change
of a record's approved minutes (approval; an accepted correction), with a key unique to the
event: ``timebank:record:<record id>`` for the approval, ``timebank:correction:<correction
id>`` for a correction. The call is idempotent on the key.

* An increase is credited up to the cap (``VOLCITY_TIMEBANK_CAP_HOURS``): the balance never
  exceeds it; the rest is recorded as over the cap and never credited later.
* A decrease takes back what the record had credited beyond its new approved minutes (minutes
  that were over the cap were never credited, so nothing is taken for them), as far as the
  balance allows; what was already spent is recorded as not taken back.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Sum

from volcity.activities.models import ServiceRecord
from volcity.audit.services import audit_record
from volcity.ledger.services import ledger_post
from volcity.registry.models import Volunteer
from volcity.timebank.models import TimeCredit
from volcity.timebank.services.accounts import (
    cap_minutes,
    issuing_account,
    locked_balance,
    timebank_enabled,
    volunteer_account_open,
)

CORRECTION_PREFIX = "timebank:correction:"


def credited_for_record(record_id: int) -> int:
    """Minutes the record has put into its volunteer's credits, net of take-backs."""
    total = TimeCredit.objects.filter(record_id=record_id).aggregate(s=Sum("credited"))["s"]
    return int(total or 0)


def credits_earn_for_record(
    *, record: ServiceRecord, minutes: int, key: str, actor: Any = None
) -> TimeCredit | None:
    """Credit (or, when ``minutes`` is negative, take back) the change of ``record``'s
    approved minutes. None when the time bank is off or nothing changed."""
    if not timebank_enabled() or minutes == 0:
        return None
    with transaction.atomic():
        found = TimeCredit.objects.filter(key=key).first()
        if found is not None:
            return found
        volunteer = Volunteer.objects.select_related("region").get(pk=record.volunteer_id)
        account = volunteer_account_open(volunteer)
        balance = locked_balance(account)
        cap = cap_minutes()
        over_cap = not_taken_back = 0
        if minutes > 0:
            credited = max(0, min(minutes, cap - balance))
            over_cap = minutes - credited
        else:
            owed = min(-minutes, max(0, credited_for_record(record.pk) - record.minutes))
            taken = min(owed, balance)
            credited = -taken
            not_taken_back = owed - taken
        posted = None
        if credited:
            posted = ledger_post(
                key=key,
                memo=f"服务时长 #{record.pk} {record.served_on} {record.title}"[:200],
                kind="timebank.earn" if credited > 0 else "timebank.take_back",
                lines=[(issuing_account(), -credited), (account, credited)],
                actor=actor,
            )
        credit = TimeCredit.objects.create(
            key=key,
            kind=TimeCredit.Kind.CORRECTION
            if key.startswith(CORRECTION_PREFIX)
            else TimeCredit.Kind.APPROVAL,
            volunteer=volunteer,
            record_id=record.pk,
            region_id=volunteer.region_id,
            minutes=minutes,
            credited=credited,
            over_cap=over_cap,
            not_taken_back=not_taken_back,
            cap_minutes=cap,
            transaction=posted,
        )
        audit_record(
            "timebank.credit.earned" if minutes > 0 else "timebank.credit.taken_back",
            obj=credit,
            actor=actor,
            region_id=volunteer.region_id,
            changes={
                "record": record.pk,
                "minutes": minutes,
                "credited": credited,
                "over_cap": over_cap,
                "not_taken_back": not_taken_back,
            },
        )
    return credit
