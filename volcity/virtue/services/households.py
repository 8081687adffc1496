"""Households and their members. Each household holds a points account in the ledger
(``virtue:household:<id>``, never below zero) and starts with the bank's base allotment,
posted from the bank's issuing account under the key ``virtue:base:<household id>``."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from volcity.audit.services import audit_record
from volcity.ledger.models import Account
from volcity.ledger.services import account_open, ledger_post
from volcity.virtue.errors import (
    BankInactive,
    HouseholdNumberTaken,
    InvalidSetting,
    NotAllowed,
    ResidentHasHousehold,
)
from volcity.virtue.models import Household, Resident, VirtueBank
from volcity.virtue.permissions import can_run_counter


def household_code(household: Household) -> str:
    return f"virtue:household:{household.pk}"


def issuing_account(bank: VirtueBank) -> Account:
    """The bank's source of points (opened by ``bank_configure``)."""
    if bank.issuing_account_id is None:  # pragma: no cover - banks are opened by bank_configure
        raise BankInactive()
    return Account.objects.get(pk=bank.issuing_account_id)


def household_register(
    *,
    actor: Any,
    bank: VirtueBank,
    number: str,
    head_name: str,
    address: str = "",
    joined_at: datetime.date | None = None,
) -> Household:
    if not can_run_counter(actor, bank.region_id):
        raise NotAllowed()
    if not bank.active:
        raise BankInactive()
    number = (number or "").strip()
    head_name = (head_name or "").strip()
    if not number or len(number) > 20:
        raise InvalidSetting(field="number")
    if not head_name:
        raise InvalidSetting(field="head_name")
    with transaction.atomic():
        if Household.objects.filter(bank=bank, number=number).exists():
            raise HouseholdNumberTaken(field="number")
        household = Household.objects.create(
            bank=bank,
            number=number,
            head_name=head_name[:60],
            address=(address or "").strip()[:120],
            region_id=bank.region_id,
            joined_at=joined_at or timezone.localdate(),
        )
        household.account = account_open(
            code=household_code(household),
            name=f"{bank.name} · {number} {head_name}"[:120],
            unit="points",
            region=bank.region,
            owner_type="virtue.household",
            owner_id=str(household.pk),
        )
        household.save(update_fields=["account"])
        Resident.objects.create(
            household=household, name=head_name[:60], relation=Resident.Relation.HEAD
        )
        if bank.base_allotment > 0:
            ledger_post(
                key=f"virtue:base:{household.pk}",
                memo=f"基础积分 {number}",
                kind="virtue.base",
                lines=[
                    (issuing_account(bank), -bank.base_allotment),
                    (household.account, bank.base_allotment),
                ],
                actor=actor,
            )
        audit_record(
            "virtue.household.registered",
            obj=household,
            actor=actor,
            region_id=bank.region_id,
            changes={"number": number, "base_allotment": bank.base_allotment},
        )
    return household


def resident_add(
    *,
    actor: Any,
    household: Household,
    name: str,
    relation: str,
    user: Any = None,
    birth_year: int | None = None,
) -> Resident:
    bank = household.bank
    if not can_run_counter(actor, bank.region_id):
        raise NotAllowed()
    name = (name or "").strip()
    if not name:
        raise InvalidSetting(field="name")
    if relation not in Resident.Relation.values:
        raise InvalidSetting(field="relation")
    this_year = timezone.localdate().year
    if birth_year is not None and not 1900 <= birth_year <= this_year:
        raise InvalidSetting(field="birth_year")
    with transaction.atomic():
        if user is not None and Resident.objects.filter(user=user).exists():
            raise ResidentHasHousehold(field="user")
        resident = Resident.objects.create(
            household=household,
            name=name[:60],
            relation=relation,
            user=user,
            birth_year=birth_year,
        )
        if bank.person_accounts:
            resident.account = account_open(
                code=f"virtue:person:{resident.pk}",
                name=f"{bank.name} · {household.number} {name}"[:120],
                unit="points",
                region=bank.region,
                owner_type="virtue.resident",
                owner_id=str(resident.pk),
            )
            resident.save(update_fields=["account"])
        audit_record(
            "virtue.resident.added",
            obj=resident,
            actor=actor,
            region_id=bank.region_id,
            changes={"household": household.number, "relation": relation},
        )
    return resident


def resident_link_user(*, actor: Any, resident: Resident, user: Any) -> Resident:
    """Give a household member a login (so they see their household's statement)."""
    if not can_run_counter(actor, resident.household.bank.region_id):
        raise NotAllowed()
    with transaction.atomic():
        if Resident.objects.filter(user=user).exclude(pk=resident.pk).exists():
            raise ResidentHasHousehold(field="user")
        resident.user = user
        resident.save(update_fields=["user"])
        audit_record(
            "virtue.resident.linked",
            obj=resident,
            actor=actor,
            region_id=resident.household.region_id,
            changes={"user": user.pk},
        )
    return resident
