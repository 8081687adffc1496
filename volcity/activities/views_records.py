"""Pages of service records: the volunteer's hours and stars (phone first) and their
correction requests; the leader's and administrator's records to decide, entry form,
corrections to review and the Excel export."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from volcity.activities.exports_records import records_xlsx
from volcity.activities.forms_records import (
    CorrectionForm,
    ReasonForm,
    RecordEntryForm,
    RecordFilterForm,
    hours_to_minutes,
)
from volcity.activities.models import Activity, ServiceRecord, Shift
from volcity.activities.queries_records import (
    correction_get_for,
    corrections_to_review_for,
    is_record_staff,
    my_hours,
    my_record_get,
    my_records,
    record_get_for,
    records_to_decide_for,
    teams_decided_by,
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
from volcity.core.errors import DomainError, NotFound
from volcity.core.forms import form_add_domain_error
from volcity.core.pagination import keyset_page
from volcity.registry.models import Team, Volunteer
from volcity.registry.queries import volunteer_of

PAGE_SIZE = 50


def _after(request: HttpRequest) -> str | None:
    after = request.GET.get("after", "")
    return after if after.isdigit() else None


def _own_volunteer(request: HttpRequest) -> Volunteer | None:
    volunteer = volunteer_of(request.user)
    if volunteer is None or volunteer.status == Volunteer.Status.DELETED:
        return None
    return volunteer


def _require_staff(request: HttpRequest) -> None:
    if not is_record_staff(request.user):
        raise PermissionDenied


# ---------------------------------------------------------------- the volunteer's pages


@login_required
@require_GET
def my_hours_page(request: HttpRequest) -> HttpResponse:
    volunteer = _own_volunteer(request)
    if volunteer is None:
        messages.info(request, _("Register as a volunteer first; then your hours appear here."))
        return redirect("registry:register")
    page = my_records(volunteer, after=_after(request), limit=20)
    context: dict[str, Any] = {"volunteer": volunteer, "page": page}
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "activities/records/partials/_my_records.html", context)
    context["hours"] = my_hours(volunteer)
    return render(request, "activities/records/my_hours.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def correction_new(request: HttpRequest, record_id: int) -> HttpResponse:
    volunteer = _own_volunteer(request)
    if volunteer is None:
        raise NotFound()
    record = my_record_get(volunteer, record_id)
    form = CorrectionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            correction_request(
                volunteer=volunteer,
                record=record,
                minutes=hours_to_minutes(d["hours"]),
                served_on=d["served_on"],
                content=d["content"],
                reason=d["reason"],
            )
        except DomainError as exc:
            if "minutes" in exc.fields:
                exc.fields["hours"] = exc.fields.pop("minutes")
            form_add_domain_error(form, exc)
        else:
            messages.success(request, _("Your request was sent to the team for review."))
            return redirect("activities:my_hours")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "activities/records/correction_new.html",
        {"form": form, "record": record},
        status=status,
    )


# ---------------------------------------------------------------- staff: deciding


def _filters(request: HttpRequest) -> tuple[RecordFilterForm, dict[str, Any]]:
    """The list's filter form and what it asks for (pending records by default)."""
    form = RecordFilterForm(request.GET or None, teams=teams_decided_by(request.user))
    wanted: dict[str, Any] = {"status": ServiceRecord.Status.PENDING.value}
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        wanted = {
            "status": d["status"],
            "team_id": d["team"],
            "flagged": True if d["flagged"] else None,
        }
    return form, wanted


def _list_context(request: HttpRequest, **failed: Any) -> dict[str, Any]:
    form, wanted = _filters(request)
    qs = records_to_decide_for(request.user, **wanted)
    query = request.GET.copy()
    query.pop("after", None)
    return {
        "form": form,
        "page": keyset_page(qs, after=_after(request), limit=PAGE_SIZE, descending=True),
        "query": query.urlencode(),
        "failed": failed,
    }


@login_required
@require_GET
def record_list(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    context = _list_context(request)
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "activities/records/partials/_record_rows.html", context)
    return render(request, "activities/records/record_list.html", context)


def _back_to_list(request: HttpRequest) -> HttpResponse:
    """Back to the list with the filters it had (sent along as ``query``)."""
    query = QueryDict(request.POST.get("query", "")).urlencode()
    url = reverse("activities:record_list")
    return redirect(f"{url}?{query}" if query else url)


def _refused(request: HttpRequest, **failed: Any) -> HttpResponse:
    context = _list_context(request, **failed)
    return render(request, "activities/records/record_list.html", context, status=400)


@login_required
@require_POST
def record_approve_one(request: HttpRequest, record_id: int) -> HttpResponse:
    _require_staff(request)
    record = record_get_for(request.user, record_id)
    try:
        record_approve(actor=request.user, record=record)
    except DomainError as exc:
        return _refused(request, record=record.pk, message=str(exc.message))
    messages.success(request, _("The record was approved."))
    return _back_to_list(request)


@login_required
@require_POST
def record_decline_one(request: HttpRequest, record_id: int) -> HttpResponse:
    _require_staff(request)
    record = record_get_for(request.user, record_id)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            record_decline(actor=request.user, record=record, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            messages.success(request, _("The record was declined; the volunteer is told why."))
            return _back_to_list(request)
    return _refused(request, record=record.pk, form=form)


@login_required
@require_POST
def record_bulk_approve(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    ids = [int(i) for i in request.POST.getlist("record") if i.isdigit()]
    try:
        done = records_approve_many(actor=request.user, record_ids=ids)
    except DomainError as exc:
        return _refused(request, bulk=True, message=str(exc.message))
    messages.success(request, _("%(count)d records were approved.") % {"count": len(done)})
    return _back_to_list(request)


@login_required
@require_http_methods(["GET", "POST"])
def record_new(request: HttpRequest) -> HttpResponse:
    """A leader enters a record for a volunteer (paper sheet, no phone)."""
    _require_staff(request)
    teams = teams_decided_by(request.user)
    form = RecordEntryForm(request.POST if request.method == "POST" else None, teams=teams)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        volunteer = Volunteer.objects.filter(number=d["volunteer"].strip()).first()
        team = Team.objects.filter(pk=d["team"]).first()
        activity = Activity.objects.filter(pk=d["activity"]).first() if d["activity"] else None
        shift = (
            Shift.objects.select_related("activity").filter(pk=d["shift"]).first()
            if d["shift"]
            else None
        )
        if volunteer is None:
            form.add_error("volunteer", _("No volunteer has this number."))
        if d["activity"] and activity is None:
            form.add_error("activity", _("No activity has this number."))
        if d["shift"] and shift is None:
            form.add_error("shift", _("No shift has this number."))
        if volunteer is not None and team is not None and form.is_valid():
            try:
                record_enter(
                    actor=request.user,
                    volunteer=volunteer,
                    activity=activity,
                    team=team,
                    served_on=d["served_on"],
                    minutes=hours_to_minutes(d["hours"]) or 0,
                    content=d["content"],
                    place=d["place"],
                    title=d["title"],
                    shift=shift,
                )
            except DomainError as exc:
                if "minutes" in exc.fields:
                    exc.fields["hours"] = exc.fields.pop("minutes")
                form_add_domain_error(form, exc)
            else:
                messages.success(request, _("The record was entered; it waits for approval."))
                return redirect("activities:record_list")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "activities/records/record_new.html",
        {
            "form": form,
            "today": timezone.localdate().isoformat(),
            "entry_days": settings.VOLCITY_RECORD_ENTRY_WORKING_DAYS,
        },
        status=status,
    )


@login_required
@require_GET
def record_export(request: HttpRequest) -> FileResponse:
    """The records list the person sees, with its filters, as an Excel workbook."""
    _require_staff(request)
    _form, wanted = _filters(request)
    qs = records_to_decide_for(request.user, **wanted)
    out, _rows = records_xlsx(request.user, qs)
    return FileResponse(out, as_attachment=True, filename="service-records.xlsx")


# ---------------------------------------------------------------- staff: corrections


def _corrections_context(request: HttpRequest, **failed: Any) -> dict[str, Any]:
    qs = corrections_to_review_for(request.user)
    return {
        "page": keyset_page(qs, after=_after(request), limit=PAGE_SIZE),
        "failed": failed,
    }


@login_required
@require_GET
def correction_list(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    return render(request, "activities/records/correction_list.html", _corrections_context(request))


@login_required
@require_POST
def correction_accept_one(request: HttpRequest, correction_id: int) -> HttpResponse:
    _require_staff(request)
    correction = correction_get_for(request.user, correction_id)
    try:
        correction_accept(actor=request.user, correction=correction)
    except DomainError as exc:
        context = _corrections_context(request, correction=correction.pk, message=str(exc.message))
        return render(request, "activities/records/correction_list.html", context, status=400)
    messages.success(request, _("The correction was applied to the record."))
    return redirect("activities:correction_list")


@login_required
@require_POST
def correction_reject_one(request: HttpRequest, correction_id: int) -> HttpResponse:
    _require_staff(request)
    correction = correction_get_for(request.user, correction_id)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            correction_reject(
                actor=request.user, correction=correction, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            messages.success(request, _("The correction was rejected."))
            return redirect("activities:correction_list")
    context = _corrections_context(request, correction=correction.pk, form=form)
    return render(request, "activities/records/correction_list.html", context, status=400)
