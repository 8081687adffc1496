"""API shapes of the time bank. Amounts are in minutes; ``*_text`` fields read as hours."""

from __future__ import annotations

import datetime

from ninja import Schema

from volcity.core.privacy import mask_name
from volcity.timebank.models import TimeCredit, TimeSpend
from volcity.timebank.queries import MemberRow, Overview, Summary, hours_text


class SummaryOut(Schema):
    volunteer: str
    enabled: bool
    balance_minutes: int
    balance_text: str
    cap_minutes: int
    room_minutes: int
    pending_minutes: int
    available_minutes: int
    over_cap_minutes: int
    earned_minutes: int
    spent_minutes: int


def summary_out(number: str, s: Summary, enabled: bool) -> SummaryOut:
    return SummaryOut(
        volunteer=number,
        enabled=enabled,
        balance_minutes=s.balance,
        balance_text=hours_text(s.balance),
        cap_minutes=s.cap,
        room_minutes=s.room,
        pending_minutes=s.pending,
        available_minutes=s.available,
        over_cap_minutes=s.over_cap,
        earned_minutes=s.earned,
        spent_minutes=s.spent,
    )


class CreditOut(Schema):
    id: int
    kind: str
    record: int
    record_title: str
    served_on: datetime.date
    minutes: int
    credited: int
    over_cap: int
    not_taken_back: int
    at: datetime.datetime


def credit_out(c: TimeCredit) -> CreditOut:
    return CreditOut(
        id=c.pk,
        kind=c.kind,
        record=c.record_id,
        record_title=c.record.title,
        served_on=c.record.served_on,
        minutes=c.minutes,
        credited=c.credited,
        over_cap=c.over_cap,
        not_taken_back=c.not_taken_back,
        at=c.created_at,
    )


class SpendIn(Schema):
    volunteer_number: str
    service: str
    minutes: int
    service_date: datetime.date
    beneficiary: int | None = None
    description: str = ""


class SpendOut(Schema):
    id: int
    volunteer: str
    service: str
    service_label: str
    description: str
    service_date: datetime.date
    minutes: int
    status: str
    beneficiary: int | None
    beneficiary_name: str
    confirmed_how: str
    transaction_seq: int | None
    created_at: datetime.datetime


def spend_out(s: TimeSpend, *, mask: bool = False) -> SpendOut:
    name = s.beneficiary.name if s.beneficiary is not None else ""
    return SpendOut(
        id=s.pk,
        volunteer=s.volunteer.number,
        service=s.service,
        service_label=str(s.get_service_display()),
        description=s.description,
        service_date=s.service_date,
        minutes=s.minutes,
        status=s.status,
        beneficiary=s.beneficiary_id,
        beneficiary_name=mask_name(name) if mask else name,
        confirmed_how=s.confirmed_how,
        transaction_seq=s.transaction.seq if s.transaction is not None else None,
        created_at=s.created_at,
    )


class ReasonIn(Schema):
    reason: str


class FamilyIn(Schema):
    name: str
    relation: str
    birth_date: datetime.date | None = None


class FamilyOut(Schema):
    id: int
    name: str
    relation: str
    age: int
    eligible_today: bool


def family_out(row: MemberRow, *, mask: bool = False) -> FamilyOut:
    return FamilyOut(
        id=row.member.pk,
        name=row.masked_name if mask else row.member.name,
        relation=row.member.relation,
        age=row.age,
        eligible_today=row.eligible,
    )


class VolunteerOut(Schema):
    summary: SummaryOut
    family: list[FamilyOut]
    spends: list[SpendOut]


class OverviewRowOut(Schema):
    region: str
    name: str
    balance_minutes: int
    accounts: int
    spent_minutes: int
    over_cap_minutes: int


class OverviewOut(Schema):
    town: str | None
    rows: list[OverviewRowOut]
    balance_minutes: int
    spent_minutes: int
    over_cap_minutes: int


def overview_out(o: Overview) -> OverviewOut:
    return OverviewOut(
        town=o.town.code if o.town is not None else None,
        rows=[
            OverviewRowOut(
                region=r.code,
                name=r.name,
                balance_minutes=r.balance,
                accounts=r.accounts,
                spent_minutes=r.spent,
                over_cap_minutes=r.over_cap,
            )
            for r in o.rows
        ],
        balance_minutes=o.total("balance"),
        spent_minutes=o.total("spent"),
        over_cap_minutes=o.total("over_cap"),
    )
