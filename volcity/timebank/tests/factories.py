"""Making time-bank data in tests, through the services (records approved by their leader,
so every credit is earned the way it is in life)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Sum

from volcity.activities.models import ServiceRecord
from volcity.activities.services.records import record_approve
from volcity.activities.tests.factories_records import Stage, entered
from volcity.ledger.models import Account, Posting
from volcity.timebank.models import FamilyMember
from volcity.timebank.services import family_member_add
from volcity.timebank.services.accounts import ISSUED, volunteer_account_code

DAY = datetime.timedelta(days=1)


def approved(s: Stage, minutes: int = 120, **kw: Any) -> ServiceRecord:
    record = entered(s, minutes=minutes, **kw)
    return record_approve(actor=s.leader, record=record)


def balance(volunteer: Any) -> int:
    account = Account.objects.filter(code=volunteer_account_code(volunteer.pk)).first()
    return account.balance if account is not None else 0


def postings_sum(code: str) -> int:
    return int(Posting.objects.filter(account__code=code).aggregate(s=Sum("amount"))["s"] or 0)


def assert_balances_equal_postings() -> None:
    for account in Account.objects.filter(code__startswith="timebank:"):
        assert account.balance == postings_sum(account.code), account.code
        if account.code != ISSUED:
            assert account.balance >= 0


def relative(
    volunteer: Any, *, born: datetime.date, name: str = "王秀兰", relation: str = "parent"
) -> FamilyMember:
    return family_member_add(
        actor=volunteer.user, volunteer=volunteer, name=name, relation=relation, birth_date=born
    )
