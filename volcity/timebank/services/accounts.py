"""The time bank's ledger accounts. Hour credits are kept in minutes (unit ``hour_credits``).

* ``timebank:volunteer:<volunteer id>``: the volunteer's credits, never below zero, in the
  volunteer's region (so the region's administrators see it in the ledger pages);
* ``timebank:city:issued``: where credits come from; it may go below zero and stands at minus
  every credit ever issued (less what was taken back);
* ``timebank:city:spent``: where credits go when they pay for a service.
"""

from __future__ import annotations

from django.conf import settings

from volcity.ledger.models import Account
from volcity.ledger.services import account_open
from volcity.regions.models import Region
from volcity.registry.models import Volunteer

UNIT = "hour_credits"
ISSUED = "timebank:city:issued"
SPENT = "timebank:city:spent"


def cap_minutes() -> int:
    return int(settings.VOLCITY_TIMEBANK_CAP_HOURS) * 60


def timebank_enabled() -> bool:
    return bool(settings.VOLCITY_TIMEBANK_ENABLED)


def volunteer_account_code(volunteer_id: int) -> str:
    return f"timebank:volunteer:{volunteer_id}"


def _city() -> Region | None:
    return Region.objects.filter(level=1).order_by("code").first()


def issuing_account() -> Account:
    return account_open(
        code=ISSUED,
        name="时间银行 · 发行",
        unit=UNIT,
        allow_negative=True,
        region=_city(),
        owner_type="timebank.city",
        owner_id="issued",
    )


def spent_account() -> Account:
    return account_open(
        code=SPENT,
        name="时间银行 · 已兑换服务",
        unit=UNIT,
        region=_city(),
        owner_type="timebank.city",
        owner_id="spent",
    )


def volunteer_account_open(volunteer: Volunteer) -> Account:
    return account_open(
        code=volunteer_account_code(volunteer.pk),
        name=f"时间银行 · {volunteer.number}",
        unit=UNIT,
        region=volunteer.region,
        owner_type="timebank.volunteer",
        owner_id=str(volunteer.pk),
    )


def volunteer_account(volunteer_id: int) -> Account | None:
    """The volunteer's account, or None before their first credit (balance zero)."""
    return Account.objects.filter(code=volunteer_account_code(volunteer_id)).first()


def locked_balance(account: Account) -> int:
    """The balance under a row lock (the ledger locks the same row again when posting)."""
    return int(
        Account.objects.select_for_update().values_list("balance", flat=True).get(pk=account.pk)
    )
