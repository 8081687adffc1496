"""Schemas of the rankings and ratings API."""

from __future__ import annotations

import datetime
from typing import Any

from ninja import Schema

from volcity.virtue.models_ratings import (
    BankSharingConsent,
    CreditRating,
    ListEntry,
    ListPublication,
    RatingPolicy,
)
from volcity.virtue.queries_ratings import PublicEntry, Ranking, TotalRow, category_labels


class TotalOut(Schema):
    household: int
    number: str
    head_name: str
    earned: int
    deducted: int
    net: int
    deeds: int
    rank: int
    categories: list[str]


def total_out(r: TotalRow) -> TotalOut:
    return TotalOut(
        household=r.household_id,
        number=r.number,
        head_name=r.head_name,
        earned=r.earned,
        deducted=r.deducted,
        net=r.net,
        deeds=r.deeds,
        rank=r.rank,
        categories=category_labels(r.categories),
    )


class RankingOut(Schema):
    quarter: str
    top_n: int
    black_list_threshold: int
    ranking: list[TotalOut]
    red: list[TotalOut]
    black: list[TotalOut]
    published: bool


def ranking_out(r: Ranking, *, published: bool) -> RankingOut:
    return RankingOut(
        quarter=f"{r.year}-Q{r.quarter}",
        top_n=r.top_n,
        black_list_threshold=r.threshold,
        ranking=[total_out(x) for x in r.rows],
        red=[total_out(x) for x in r.red],
        black=[total_out(x) for x in r.black],
        published=published,
    )


class QuarterIn(Schema):
    quarter: str


class EntryOut(Schema):
    id: int
    kind: str
    rank: int
    household: int
    household_number: str
    name: str
    earned: int
    deducted: int
    net: int
    categories: list[str]
    withdrawn_at: datetime.datetime | None = None
    withdraw_reason: str = ""


def entry_out(e: ListEntry) -> EntryOut:
    return EntryOut(
        id=e.pk,
        kind=e.kind,
        rank=e.rank,
        household=e.household_id,
        household_number=e.household_number,
        name=e.head_name,
        earned=e.earned,
        deducted=e.deducted,
        net=e.net,
        categories=category_labels(e.categories),
        withdrawn_at=e.withdrawn_at,
        withdraw_reason=e.withdraw_reason,
    )


class PublicEntryOut(Schema):
    kind: str
    rank: int
    household_number: str
    name: str
    net: int
    deducted: int
    categories: list[str]


def public_entry_out(e: PublicEntry) -> PublicEntryOut:
    return PublicEntryOut(
        kind=e.kind,
        rank=e.rank,
        household_number=e.household_number,
        name=e.name,
        net=e.net,
        deducted=e.deducted,
        categories=e.categories,
    )


class PublicationOut(Schema):
    id: int
    quarter: str
    top_n: int
    black_list_threshold: int
    published_at: datetime.datetime
    entries: list[Any]


def publication_out(p: ListPublication, entries: list[Any]) -> PublicationOut:
    return PublicationOut(
        id=p.pk,
        quarter=f"{p.year}-Q{p.quarter}",
        top_n=p.top_n,
        black_list_threshold=p.black_list_threshold,
        published_at=p.published_at,
        entries=entries,
    )


class ReasonIn(Schema):
    reason: str = ""


class PolicyIn(Schema):
    black_list_threshold: int
    aaa_min: int
    aa_min: int
    a_min: int
    b_min: int


class PolicyOut(PolicyIn):
    bank: int


def policy_out(p: RatingPolicy) -> PolicyOut:
    return PolicyOut(
        bank=p.bank_id,
        black_list_threshold=p.black_list_threshold,
        aaa_min=p.aaa_min,
        aa_min=p.aa_min,
        a_min=p.a_min,
        b_min=p.b_min,
    )


class RunIn(Schema):
    as_of: datetime.date | None = None


class RunOut(Schema):
    as_of: datetime.date
    rated: int


class RatingOut(Schema):
    household: int
    household_number: str
    head_name: str
    as_of: datetime.date
    score: int
    grade: str
    inputs: dict[str, Any]


def rating_out(r: CreditRating) -> RatingOut:
    return RatingOut(
        household=r.household_id,
        household_number=r.household.number,
        head_name=r.household.head_name,
        as_of=r.as_of,
        score=r.score,
        grade=r.grade,
        inputs=r.inputs,
    )


class ConsentIn(Schema):
    resident: int
    partner: str
    evidence: str = ""


class ConsentOut(Schema):
    id: int
    household: int
    resident: int
    resident_name: str
    partner: str
    granted_at: datetime.datetime
    evidence: str
    revoked_at: datetime.datetime | None = None
    revoke_reason: str = ""


def consent_out(c: BankSharingConsent) -> ConsentOut:
    return ConsentOut(
        id=c.pk,
        household=c.household_id,
        resident=c.resident_id,
        resident_name=c.resident.name,
        partner=c.partner,
        granted_at=c.granted_at,
        evidence=c.evidence,
        revoked_at=c.revoked_at,
        revoke_reason=c.revoke_reason,
    )


class ExportIn(Schema):
    partner: str
