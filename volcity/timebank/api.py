"""The time bank's JSON API, mounted at ``/api/v1/timebank``. The same services and queries
as the pages: the volunteer's own credits, family and consent (``/me…``), the staff's spends
(``/volunteers/{number}``, ``/spends``), the administrators' overview."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from volcity.core.api_auth import api_user
from volcity.core.errors import NotFound, PermissionDenied
from volcity.timebank.models import FamilyMember
from volcity.timebank.permissions import can_see_overview, is_timebank_staff
from volcity.timebank.queries import (
    credits_of,
    family_member_get_for,
    family_of,
    my_volunteer,
    overview_for,
    spend_get_for,
    spends_of,
    summary_of,
    volunteer_by_number_for,
)
from volcity.timebank.schemas import (
    CreditOut,
    FamilyIn,
    FamilyOut,
    OverviewOut,
    ReasonIn,
    SpendIn,
    SpendOut,
    SummaryOut,
    VolunteerOut,
    credit_out,
    family_out,
    overview_out,
    spend_out,
    summary_out,
)
from volcity.timebank.services import (
    family_member_add,
    family_member_remove,
    spend_cancel,
    spend_confirm,
    spend_confirm_in_person,
    spend_request,
)
from volcity.timebank.services.accounts import timebank_enabled

router = Router(tags=["timebank"])


def _me(request: HttpRequest) -> Any:
    volunteer = my_volunteer(api_user(request))
    if volunteer is None:
        raise PermissionDenied()
    return volunteer


def _staff(request: HttpRequest) -> Any:
    actor = api_user(request)
    if not is_timebank_staff(actor):
        raise PermissionDenied()
    return actor


def _spend(request: HttpRequest, spend_id: int) -> SpendOut:
    return spend_out(spend_get_for(api_user(request), spend_id))


# ---------------------------------------------------------------- the volunteer


@router.get("/me", response=SummaryOut)
def me_api(request: HttpRequest) -> SummaryOut:
    """The caller's balance, the cap and the room left, pending and over-cap minutes."""
    v = _me(request)
    return summary_out(v.number, summary_of(v), timebank_enabled())


@router.get("/me/credits", response=list[CreditOut])
def my_credits_api(request: HttpRequest) -> list[CreditOut]:
    """The latest credits: each change of a record's approved minutes and what it credited."""
    return [credit_out(c) for c in credits_of(_me(request))]


@router.get("/me/spends", response=list[SpendOut])
def my_spends_api(request: HttpRequest, status: str = "") -> list[SpendOut]:
    """The caller's spends (``status=pending``: those waiting for their consent)."""
    return [spend_out(s) for s in spends_of(_me(request), status=status)]


@router.get("/me/family", response=list[FamilyOut])
def my_family_api(request: HttpRequest) -> list[FamilyOut]:
    return [family_out(r) for r in family_of(_me(request))]


@router.post("/me/family", response={201: FamilyOut})
def family_add_api(request: HttpRequest, payload: FamilyIn) -> Status[FamilyOut]:
    """Register a family member (name, relation, date of birth)."""
    v = _me(request)
    member = family_member_add(
        actor=api_user(request),
        volunteer=v,
        name=payload.name,
        relation=payload.relation,
        birth_date=payload.birth_date,
    )
    row = next(r for r in family_of(v) if r.member.pk == member.pk)
    return Status(201, family_out(row))


@router.delete("/me/family/{member_id}", response={204: None})
def family_remove_api(request: HttpRequest, member_id: int) -> Status[None]:
    member: FamilyMember = family_member_get_for(api_user(request), member_id)
    family_member_remove(actor=api_user(request), member=member)
    return Status(204, None)


@router.post("/spends/{spend_id}/confirm", response=SpendOut)
def spend_confirm_api(request: HttpRequest, spend_id: int) -> SpendOut:
    """The volunteer consents: the credits are debited."""
    spend = spend_get_for(api_user(request), spend_id)
    spend_confirm(actor=api_user(request), spend=spend)
    return _spend(request, spend_id)


# ---------------------------------------------------------------- the service centre


@router.get("/volunteers/{number}", response=VolunteerOut)
def volunteer_api(request: HttpRequest, number: str) -> VolunteerOut:
    """A volunteer of the caller's regions by volunteer number: balance, family (names
    masked), recent spends."""
    actor = _staff(request)
    v = volunteer_by_number_for(actor, number)
    return VolunteerOut(
        summary=summary_out(v.number, summary_of(v), timebank_enabled()),
        family=[family_out(r, mask=True) for r in family_of(v)],
        spends=[spend_out(s, mask=True) for s in spends_of(v)],
    )


@router.post("/spends", response={201: SpendOut})
def spend_request_api(request: HttpRequest, payload: SpendIn) -> Status[SpendOut]:
    """Record a service paid with credits; it waits for the volunteer's consent."""
    actor = _staff(request)
    v = volunteer_by_number_for(actor, payload.volunteer_number)
    beneficiary = None
    if payload.beneficiary is not None:
        beneficiary = FamilyMember.objects.filter(pk=payload.beneficiary).first()
        if beneficiary is None:
            raise NotFound(field="beneficiary")
    spend = spend_request(
        actor=actor,
        volunteer=v,
        service=payload.service,
        minutes=payload.minutes,
        service_date=payload.service_date,
        beneficiary=beneficiary,
        description=payload.description,
    )
    return Status(201, spend_out(spend, mask=True))


@router.get("/spends/{spend_id}", response=SpendOut)
def spend_api(request: HttpRequest, spend_id: int) -> SpendOut:
    return _spend(request, spend_id)


@router.post("/spends/{spend_id}/confirm-in-person", response=SpendOut)
def spend_confirm_in_person_api(request: HttpRequest, spend_id: int) -> SpendOut:
    """The staff mark the volunteer's consent given in person: the credits are debited."""
    spend = spend_get_for(api_user(request), spend_id)
    spend_confirm_in_person(actor=api_user(request), spend=spend)
    return _spend(request, spend_id)


@router.post("/spends/{spend_id}/cancel", response=SpendOut)
def spend_cancel_api(request: HttpRequest, spend_id: int, payload: ReasonIn) -> SpendOut:
    """Cancel before confirmation (the staff, or the volunteer declining), with a reason."""
    spend = spend_get_for(api_user(request), spend_id)
    spend_cancel(actor=api_user(request), spend=spend, reason=payload.reason)
    return _spend(request, spend_id)


@router.get("/overview", response=OverviewOut)
def overview_api(request: HttpRequest, town: str = "") -> OverviewOut:
    """Credits in circulation, spent and over the cap, by town (or by village of ``town``)."""
    actor = api_user(request)
    if not can_see_overview(actor):
        raise PermissionDenied()
    return overview_out(overview_for(actor, town=town))
