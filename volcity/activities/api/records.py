"""API: service records, hours and stars, corrections. Volunteers read their own hours and
records and ask for corrections; leaders and administrators enter, approve, decline and
review corrections within their scope."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from volcity.activities.models import Activity, RecordCorrection, ServiceRecord, Shift
from volcity.activities.queries_records import (
    correction_get_for,
    corrections_to_review_for,
    is_record_staff,
    my_hours,
    my_records,
    record_get_for,
    records_to_decide_for,
)
from volcity.activities.schemas_records import (
    BulkApproveIn,
    BulkApproveOut,
    CorrectionIn,
    CorrectionOut,
    CorrectionPage,
    HoursOut,
    ReasonIn,
    RecordIn,
    RecordOut,
    RecordPage,
    correction_out,
    hours_out,
    record_out,
)
from volcity.activities.services.corrections import (
    correction_accept,
    correction_reject,
    correction_request,
)
from volcity.activities.services.records import (
    record_approve,
    record_decline,
    record_enter,
    records_approve_many,
)
from volcity.core.api_auth import api_user
from volcity.core.errors import NotFound, PermissionDenied
from volcity.core.pagination import keyset_page
from volcity.registry.api._common import own_volunteer
from volcity.registry.models import Team, Volunteer

router = Router(tags=["records"])


def _staff(request: HttpRequest) -> Any:
    actor = api_user(request)
    if not is_record_staff(actor):
        raise PermissionDenied()
    return actor


def _record(record_id: int) -> RecordOut:
    found = ServiceRecord.objects.select_related("volunteer__user", "team").get(pk=record_id)
    return record_out(found)


def _correction(correction_id: int) -> CorrectionOut:
    return correction_out(RecordCorrection.objects.select_related("record").get(pk=correction_id))


# ---------------------------------------------------------------- the volunteer's own


@router.get("/me/hours", response=HoursOut)
def my_hours_api(request: HttpRequest) -> HoursOut:
    """The caller's confirmed and pending hours, star level, stars earned and the way to the
    next star."""
    return hours_out(my_hours(own_volunteer(api_user(request))))


@router.get("/me/records", response=RecordPage)
def my_records_api(request: HttpRequest, after: int | None = None, limit: int = 20) -> RecordPage:
    """The caller's service records, newest first (keyset: pass `next` as `after`)."""
    volunteer = own_volunteer(api_user(request))
    page = my_records(volunteer, after=None if after is None else str(after), limit=limit)
    ids = [r.pk for r in page.items]
    loaded = {
        r.pk: r
        for r in ServiceRecord.objects.select_related("volunteer__user", "team").filter(pk__in=ids)
    }
    items = []
    for r in page.items:
        full = loaded[r.pk]
        full.correction_waiting = r.correction_waiting  # type: ignore[attr-defined]
        items.append(record_out(full))
    return RecordPage(items=items, next=page.next)


@router.post("/records/{record_id}/corrections", response={201: CorrectionOut})
def correction_request_api(
    request: HttpRequest, record_id: int, payload: CorrectionIn
) -> Status[CorrectionOut]:
    """Ask to correct one of the caller's own records; a leader reviews it."""
    actor = api_user(request)
    volunteer = own_volunteer(actor)
    record = ServiceRecord.objects.filter(pk=record_id).first()
    if record is None:
        raise NotFound()
    correction = correction_request(
        volunteer=volunteer,
        record=record,
        minutes=payload.minutes,
        served_on=payload.served_on,
        content=payload.content,
        reason=payload.reason,
    )
    return Status(201, _correction(correction.pk))


# ---------------------------------------------------------------- staff


@router.get("/records", response=RecordPage)
def record_list_api(
    request: HttpRequest,
    status: str = "pending",
    team: int | None = None,
    flagged: bool | None = None,
    after: int | None = None,
    limit: int = 50,
) -> RecordPage:
    """Records the caller may decide on (teams they lead, regions they administer), newest
    first; `status` empty for all."""
    actor = _staff(request)
    qs = records_to_decide_for(actor, status.strip(), team_id=team, flagged=flagged)
    page = keyset_page(
        qs, after=None if after is None else str(after), limit=limit, descending=True
    )
    return RecordPage(items=[record_out(r) for r in page.items], next=page.next)


@router.post("/records", response={201: RecordOut})
def record_enter_api(request: HttpRequest, payload: RecordIn) -> Status[RecordOut]:
    """A leader enters a record (Pending) within 10 working days after the service."""
    actor = _staff(request)
    volunteer = Volunteer.objects.filter(number=payload.volunteer.strip()).first()
    if volunteer is None:
        raise NotFound(field="volunteer")
    team = Team.objects.filter(pk=payload.team).first()
    if team is None:
        raise NotFound(field="team")
    activity = None
    if payload.activity is not None:
        activity = Activity.objects.filter(pk=payload.activity).first()
        if activity is None:
            raise NotFound(field="activity")
    shift = None
    if payload.shift is not None:
        shift = Shift.objects.select_related("activity").filter(pk=payload.shift).first()
        if shift is None:
            raise NotFound(field="shift")
    record = record_enter(
        actor=actor,
        volunteer=volunteer,
        activity=activity,
        team=team,
        served_on=payload.served_on,
        minutes=payload.minutes,
        content=payload.content,
        place=payload.place,
        title=payload.title,
        shift=shift,
    )
    return Status(201, _record(record.pk))


@router.post("/records/approve", response=BulkApproveOut)
def records_approve_api(request: HttpRequest, payload: BulkApproveIn) -> BulkApproveOut:
    """Approve several Pending records at once: all of them, or none if one is refused."""
    actor = _staff(request)
    done = records_approve_many(actor=actor, record_ids=payload.records)
    return BulkApproveOut(approved=[r.pk for r in done])


@router.post("/records/{record_id}/approve", response=RecordOut)
def record_approve_api(request: HttpRequest, record_id: int) -> RecordOut:
    actor = _staff(request)
    record = record_approve(actor=actor, record=_decidable(actor, record_id))
    return _record(record.pk)


@router.post("/records/{record_id}/decline", response=RecordOut)
def record_decline_api(request: HttpRequest, record_id: int, payload: ReasonIn) -> RecordOut:
    actor = _staff(request)
    record = record_decline(actor=actor, record=_decidable(actor, record_id), reason=payload.reason)
    return _record(record.pk)


def _decidable(actor: Any, record_id: int) -> ServiceRecord:
    """A record in the actor's scope; their own record is refused as such (not hidden)."""
    own = ServiceRecord.objects.filter(pk=record_id, volunteer__user_id=actor.pk).first()
    return own if own is not None else record_get_for(actor, record_id)


@router.get("/corrections", response=CorrectionPage)
def correction_list_api(
    request: HttpRequest, status: str = "pending", after: int | None = None, limit: int = 50
) -> CorrectionPage:
    """Correction requests on records the caller may decide on."""
    actor = _staff(request)
    qs = corrections_to_review_for(actor, status.strip())
    page = keyset_page(qs, after=None if after is None else str(after), limit=limit)
    return CorrectionPage(items=[correction_out(c) for c in page.items], next=page.next)


@router.post("/corrections/{correction_id}/accept", response=CorrectionOut)
def correction_accept_api(request: HttpRequest, correction_id: int) -> CorrectionOut:
    actor = _staff(request)
    done = correction_accept(actor=actor, correction=correction_get_for(actor, correction_id))
    return _correction(done.pk)


@router.post("/corrections/{correction_id}/reject", response=CorrectionOut)
def correction_reject_api(
    request: HttpRequest, correction_id: int, payload: ReasonIn
) -> CorrectionOut:
    actor = _staff(request)
    done = correction_reject(
        actor=actor, correction=correction_get_for(actor, correction_id), reason=payload.reason
    )
    return _correction(done.pk)
