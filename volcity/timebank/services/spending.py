"""Spending hour credits on a service for the volunteer or an eligible family member.

The service centre's staff record the spend (``spend_request``: pending, nothing debited);
the volunteer gives consent on their phone (``spend_confirm``) or before the staff, who mark
it confirmed in person (``spend_confirm_in_person``); confirming debits the volunteer's
account to the city's spent account in one ledger transaction (key ``timebank:spend:<id>``).
Before confirmation the staff or the volunteer may cancel it, with a reason.

Refused: minutes not above zero; more minutes than are available (the balance less other
pending spends; at confirmation, the balance); a service not in the list (there is no cash
option); a family member of another volunteer, a removed one, or one under 60 on the day of
the service; a deleted volunteer.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from volcity.audit.services import audit_record
from volcity.core.lifecycle import TransitionNotAllowed, transition_apply
from volcity.ledger.services import ledger_post
from volcity.ledger.units import format_amount
from volcity.registry.models import Volunteer
from volcity.timebank.errors import (
    BeneficiaryUnder60,
    DateOutOfRange,
    MinutesInvalid,
    NotAllowed,
    NotEnoughCredits,
    NotYourFamily,
    NotYourSpend,
    ServiceNotAllowed,
    TimeBankOff,
    VolunteerNotActive,
)
from volcity.timebank.models import FamilyMember, TimeSpend
from volcity.timebank.permissions import can_record_spend
from volcity.timebank.services.accounts import (
    UNIT,
    locked_balance,
    spent_account,
    timebank_enabled,
    volunteer_account,
    volunteer_account_open,
)
from volcity.timebank.services.family import is_elder_on

DATE_WINDOW_DAYS = 90


def pending_minutes(volunteer_id: int, *, exclude: int | None = None) -> int:
    qs = TimeSpend.objects.filter(volunteer_id=volunteer_id, status=TimeSpend.Status.PENDING)
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    return int(qs.aggregate(s=Sum("minutes"))["s"] or 0)


def _short(available: int, needed: int) -> NotEnoughCredits:
    return NotEnoughCredits(
        NotEnoughCredits.default_message
        % {
            "available": format_amount(UNIT, max(0, available)),
            "needed": format_amount(UNIT, needed),
        },
        field="minutes",
    )


def _check_beneficiary(
    volunteer: Volunteer, beneficiary: FamilyMember | None, day: datetime.date
) -> None:
    if beneficiary is None:
        return
    if beneficiary.volunteer_id != volunteer.pk or beneficiary.removed_at is not None:
        raise NotYourFamily(field="beneficiary")
    if not is_elder_on(beneficiary, day):
        raise BeneficiaryUnder60(field="beneficiary")


def spend_request(
    *,
    actor: Any,
    volunteer: Volunteer,
    service: str,
    minutes: int,
    service_date: datetime.date,
    beneficiary: FamilyMember | None = None,
    description: str = "",
) -> TimeSpend:
    """Staff record a service to be paid with the volunteer's credits; it waits for the
    volunteer's consent."""
    if not timebank_enabled():
        raise TimeBankOff()
    if not can_record_spend(actor, volunteer.region_id):
        raise NotAllowed()
    if volunteer.status == Volunteer.Status.DELETED:
        raise VolunteerNotActive(field="volunteer")
    if service not in TimeSpend.Service.values:
        raise ServiceNotAllowed(field="service")
    if type(minutes) is not int or minutes < 1:
        raise MinutesInvalid(field="minutes")
    today = timezone.localdate()
    if service_date is None or abs((service_date - today).days) > DATE_WINDOW_DAYS:
        raise DateOutOfRange(
            DateOutOfRange.default_message % {"days": DATE_WINDOW_DAYS}, field="service_date"
        )
    _check_beneficiary(volunteer, beneficiary, service_date)
    with transaction.atomic():
        account = volunteer_account_open(volunteer)
        available = locked_balance(account) - pending_minutes(volunteer.pk)
        if minutes > available:
            raise _short(available, minutes)
        spend = TimeSpend.objects.create(
            volunteer=volunteer,
            beneficiary=beneficiary,
            region_id=volunteer.region_id,
            service=service,
            description=(description or "").strip()[:200],
            service_date=service_date,
            minutes=minutes,
            requested_by=actor,
        )
        audit_record(
            "timebank.spend.requested",
            obj=spend,
            actor=actor,
            region_id=volunteer.region_id,
            changes={
                "volunteer": volunteer.number,
                "service": service,
                "minutes": minutes,
                "beneficiary": beneficiary.pk if beneficiary is not None else None,
                "service_date": service_date.isoformat(),
            },
        )
    return spend


def _pay(actor: Any, spend: TimeSpend, how: str) -> TimeSpend:
    """Debit the credits and mark the spend confirmed, in the caller's transaction."""
    locked = TimeSpend.objects.select_for_update().get(pk=spend.pk)
    if locked.status != TimeSpend.Status.PENDING:
        raise TransitionNotAllowed()
    volunteer = Volunteer.objects.select_related("region").get(pk=locked.volunteer_id)
    if volunteer.status == Volunteer.Status.DELETED:
        raise VolunteerNotActive(field="volunteer")
    if locked.beneficiary_id is not None:
        member = FamilyMember.objects.get(pk=locked.beneficiary_id)
        _check_beneficiary(volunteer, member, locked.service_date)
    account = volunteer_account_open(volunteer)
    balance = locked_balance(account)
    if locked.minutes > balance:
        raise _short(balance, locked.minutes)
    locked.transaction = ledger_post(
        key=f"timebank:spend:{locked.pk}",
        memo=f"时间银行兑换 #{locked.pk} {locked.get_service_display()}"[:200],
        kind="timebank.spend",
        lines=[(account, -locked.minutes), (spent_account(), locked.minutes)],
        actor=actor,
    )
    locked.confirmed_how = how
    locked.confirmed_by = actor if getattr(actor, "is_authenticated", False) else None
    locked.decided_at = timezone.now()
    transition_apply(
        locked,
        "confirm",
        actor=actor,
        extra_fields=["transaction", "confirmed_how", "confirmed_by", "decided_at"],
    )
    return locked


def spend_confirm(*, actor: Any, spend: TimeSpend) -> TimeSpend:
    """The volunteer consents on their phone: the credits are debited."""
    volunteer = Volunteer.objects.get(pk=spend.volunteer_id)
    if getattr(actor, "pk", None) is None or volunteer.user_id != actor.pk:
        raise NotYourSpend()
    if not timebank_enabled():
        raise TimeBankOff()
    with transaction.atomic():
        return _pay(actor, spend, TimeSpend.ConfirmedBy.PHONE)


def spend_confirm_in_person(*, actor: Any, spend: TimeSpend) -> TimeSpend:
    """The volunteer consented in person before the staff, who mark it so."""
    if not can_record_spend(actor, spend.region_id):
        raise NotAllowed()
    if not timebank_enabled():
        raise TimeBankOff()
    with transaction.atomic():
        return _pay(actor, spend, TimeSpend.ConfirmedBy.IN_PERSON)


def spend_cancel(*, actor: Any, spend: TimeSpend, reason: str) -> TimeSpend:
    """Cancel a spend before it is confirmed (the staff, or the volunteer declining it)."""
    volunteer = Volunteer.objects.get(pk=spend.volunteer_id)
    own = getattr(actor, "pk", None) is not None and volunteer.user_id == actor.pk
    if not own and not can_record_spend(actor, spend.region_id):
        raise NotAllowed()
    with transaction.atomic():
        locked = TimeSpend.objects.select_for_update().get(pk=spend.pk)
        locked.decided_at = timezone.now()
        return transition_apply(
            locked, "cancel", actor=actor, reason=reason or "", extra_fields=["decided_at"]
        )


def balance_minutes(volunteer_id: int) -> int:
    account = volunteer_account(volunteer_id)
    return int(account.balance) if account is not None else 0
