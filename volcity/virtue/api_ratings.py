"""Rankings and ratings API, mounted under ``/api/v1/virtue`` by ``volcity.virtue.api``: the
public village ranking (names masked), monthly totals, the live quarter ranking, publishing
the red and black lists, the rating policy, rating runs, a household's rating and consents,
and the partner-bank export. The same services and queries as the pages."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpRequest
from django.utils import timezone
from ninja import Router, Status

from volcity.core.api_auth import api_user
from volcity.core.errors import NotFound, PermissionDenied
from volcity.virtue.models_ratings import BankSharingConsent, ListEntry
from volcity.virtue.permissions import STAFF_ROLES, is_virtue_staff
from volcity.virtue.queries import bank_get_for, bank_public, household_get_for
from volcity.virtue.queries_ratings import (
    consent_get_for,
    consents_of,
    entries_of,
    entry_get_for,
    latest_rating,
    monthly_totals,
    parse_month,
    parse_quarter,
    policy_of,
    publication_get,
    publications_of,
    quarter_ranking,
    ratings_of,
)
from volcity.virtue.schemas_ratings import (
    ConsentIn,
    ConsentOut,
    EntryOut,
    ExportIn,
    PolicyIn,
    PolicyOut,
    PublicationOut,
    QuarterIn,
    RankingOut,
    RatingOut,
    ReasonIn,
    RunIn,
    RunOut,
    TotalOut,
    consent_out,
    entry_out,
    policy_out,
    public_entry_out,
    publication_out,
    ranking_out,
    rating_out,
    total_out,
)
from volcity.virtue.services.credit import (
    consent_grant,
    consent_revoke,
    rating_export,
    rating_run,
)
from volcity.virtue.services.ratings import (
    list_entry_withdraw,
    lists_publish,
    rating_policy_update,
)

router = Router(tags=["virtue ratings"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _staff_bank(request: HttpRequest, bank_id: int) -> Any:
    actor = api_user(request)
    if not is_virtue_staff(actor):
        raise PermissionDenied()
    return actor, bank_get_for(actor, bank_id, STAFF_ROLES)


@router.get("/ranking/{region}", response=PublicationOut, auth=None)
def ranking_public_api(request: HttpRequest, region: str, quarter: str = "") -> PublicationOut:
    """The village's published red and black lists (the latest, or ``quarter``), names masked
    and withdrawn entries left out."""
    bank = bank_public(region)
    if quarter:
        found = publication_get(bank, *parse_quarter(quarter))
    else:
        found = next(iter(publications_of(bank)), None)
    if found is None:
        raise NotFound()
    return publication_out(found, [public_entry_out(e) for e in entries_of(found, public=True)])


@router.get("/banks/{bank_id}/totals", response=list[TotalOut])
def totals_api(
    request: HttpRequest, bank_id: int, month: str = "", sort: str = "net"
) -> list[TotalOut]:
    """Every household's points earned, deducted and net in a month (``YYYY-MM``), by the
    month the deeds were posted (local time)."""
    _actor, bank = _staff_bank(request, bank_id)
    return [total_out(r) for r in monthly_totals(bank, *parse_month(month), sort=sort)]


@router.get("/banks/{bank_id}/ranking", response=RankingOut)
def ranking_api(request: HttpRequest, bank_id: int, quarter: str = "") -> RankingOut:
    """The live ranking of a quarter (``YYYY-Qn``) with its red and black lists, full names."""
    _actor, bank = _staff_bank(request, bank_id)
    year, q = parse_quarter(quarter)
    ranking = quarter_ranking(bank, year, q)
    return ranking_out(ranking, published=publication_get(bank, year, q) is not None)


@router.get("/banks/{bank_id}/publications", response=list[PublicationOut])
def publications_api(request: HttpRequest, bank_id: int) -> list[PublicationOut]:
    _actor, bank = _staff_bank(request, bank_id)
    return [
        publication_out(p, [entry_out(e) for e in entries_of(p, public=False)])
        for p in publications_of(bank)
    ]


@router.post("/banks/{bank_id}/publications", response={201: PublicationOut})
def publish_api(request: HttpRequest, bank_id: int, payload: QuarterIn) -> Status[PublicationOut]:
    """Publish (freeze) a finished quarter's red and black lists; once only."""
    actor, bank = _staff_bank(request, bank_id)
    year, quarter = parse_quarter(payload.quarter or "x")
    p = lists_publish(actor=actor, bank=bank, year=year, quarter=quarter)
    return Status(201, publication_out(p, [entry_out(e) for e in entries_of(p, public=False)]))


@router.post("/list-entries/{entry_id}/withdraw", response=EntryOut)
def entry_withdraw_api(request: HttpRequest, entry_id: int, payload: ReasonIn) -> EntryOut:
    actor = api_user(request)
    entry = entry_get_for(actor, entry_id)
    list_entry_withdraw(actor=actor, entry=entry, reason=payload.reason)
    return entry_out(ListEntry.objects.get(pk=entry.pk))


@router.get("/banks/{bank_id}/rating-policy", response=PolicyOut)
def policy_api(request: HttpRequest, bank_id: int) -> PolicyOut:
    _actor, bank = _staff_bank(request, bank_id)
    return policy_out(policy_of(bank))


@router.put("/banks/{bank_id}/rating-policy", response=PolicyOut)
def policy_update_api(request: HttpRequest, bank_id: int, payload: PolicyIn) -> PolicyOut:
    actor, bank = _staff_bank(request, bank_id)
    return policy_out(rating_policy_update(actor=actor, bank=bank, **payload.dict()))


@router.post("/banks/{bank_id}/ratings/run", response=RunOut)
def rating_run_api(request: HttpRequest, bank_id: int, payload: RunIn) -> RunOut:
    """Rate every active household of the bank as of a day (today by default)."""
    actor, bank = _staff_bank(request, bank_id)
    as_of = payload.as_of or timezone.localdate()
    return RunOut(as_of=as_of, rated=rating_run(actor=actor, bank=bank, as_of=as_of))


@router.get("/banks/{bank_id}/ratings", response=list[RatingOut])
def ratings_api(request: HttpRequest, bank_id: int) -> list[RatingOut]:
    """The ratings of the bank's latest run, best first."""
    _actor, bank = _staff_bank(request, bank_id)
    return [rating_out(r) for r in ratings_of(bank)]


@router.post("/banks/{bank_id}/rating-exports", response={200: None})
def rating_export_api(request: HttpRequest, bank_id: int, payload: ExportIn) -> Any:
    """The .xlsx for a partner bank: households with consent in force for it, only."""
    actor, bank = _staff_bank(request, bank_id)
    f, _record = rating_export(actor=actor, bank=bank, partner=payload.partner)
    return FileResponse(
        f, as_attachment=True, filename=f"credit-ratings-{bank.region_id}.xlsx", content_type=XLSX
    )


@router.get("/households/{household_id}/rating", response=RatingOut)
def household_rating_api(request: HttpRequest, household_id: int) -> RatingOut:
    """The household's latest rating with its inputs (the household itself, or staff)."""
    household = household_get_for(api_user(request), household_id)
    found = latest_rating(household)
    if found is None:
        raise NotFound()
    return rating_out(found)


@router.get("/households/{household_id}/consents", response=list[ConsentOut])
def consents_api(request: HttpRequest, household_id: int) -> list[ConsentOut]:
    household = household_get_for(api_user(request), household_id)
    return [consent_out(c) for c in consents_of(household)]


@router.post("/households/{household_id}/consents", response={201: ConsentOut})
def consent_grant_api(
    request: HttpRequest, household_id: int, payload: ConsentIn
) -> Status[ConsentOut]:
    actor = api_user(request)
    household = household_get_for(actor, household_id)
    resident = household.residents.filter(pk=payload.resident).first()
    if resident is None:
        raise NotFound()
    consent = consent_grant(
        actor=actor,
        household=household,
        resident=resident,
        partner=payload.partner,
        evidence=payload.evidence,
    )
    return Status(201, consent_out(consent))


@router.post("/consents/{consent_id}/revoke", response=ConsentOut)
def consent_revoke_api(request: HttpRequest, consent_id: int, payload: ReasonIn) -> ConsentOut:
    actor = api_user(request)
    consent = consent_get_for(actor, consent_id)
    consent_revoke(actor=actor, consent=consent, reason=payload.reason)
    return consent_out(BankSharingConsent.objects.select_related("resident").get(pk=consent.pk))
