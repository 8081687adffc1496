"""Party members' double registration (在职党员双报到): the member registers with their home
community; administrators read the quarterly report per employer, on the page or in Excel."""

from __future__ import annotations

import datetime
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from volcity.accounts.roles import ADMIN_ROLES
from volcity.accounts.scope import scope_for
from volcity.core.errors import DomainError
from volcity.core.forms import form_add_domain_error
from volcity.core.pagination import keyset_page
from volcity.regions.models import Region
from volcity.registry.choices import PARTY_STATUSES
from volcity.registry.forms import PartyForm, QuarterForm, region_choices
from volcity.registry.models import PartyRegistration
from volcity.registry.queries import party_registrations_for, party_service_of, volunteer_of
from volcity.registry.services import party_register
from volcity.registry.views_staff import PAGE_SIZE, after_key

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK = 2000


def quarter_of(day: datetime.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def quarter_bounds(quarter: str) -> tuple[datetime.date, datetime.date]:
    """The first day of the quarter and the first day after it."""
    year, q = int(quarter[:4]), int(quarter[-1])
    start = datetime.date(year, 3 * (q - 1) + 1, 1)
    end = datetime.date(year + 1, 1, 1) if q == 4 else datetime.date(year, 3 * q + 1, 1)
    return start, end


@login_required
@require_http_methods(["GET", "POST"])
def party(request: HttpRequest) -> HttpResponse:
    volunteer = volunteer_of(request.user)
    if volunteer is None:
        messages.info(
            request, _("Register as a volunteer first; then register with your community.")
        )
        return redirect("registry:register")
    current = PartyRegistration.objects.filter(volunteer=volunteer, active=True).first()
    initial = (
        {
            "community": current.community_id,
            "employer": current.employer,
            "service_post": current.service_post,
        }
        if current
        else {"community": volunteer.region_id}
    )
    _towns, villages = region_choices(Region.objects.all())
    form = PartyForm(
        request.POST if request.method == "POST" else None, initial=initial, villages=villages
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        community = Region.objects.filter(pk=d["community"]).first()
        if community is None:
            form.add_error("community", _("Choose the community or village where you live."))
        else:
            try:
                party_register(
                    volunteer=volunteer,
                    community=community,
                    employer=d["employer"],
                    service_post=d["service_post"],
                    actor=request.user,
                )
            except DomainError as exc:
                form_add_domain_error(form, exc)
            else:
                messages.success(request, _("You are registered with your community."))
                return redirect("registry:party")
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "current": current,
        "is_party_member": volunteer.political_status in PARTY_STATUSES,
    }
    return render(request, "registry/party.html", context, status=status)


def _report(
    request: HttpRequest,
) -> tuple[QuarterForm, str, str, QuerySet[PartyRegistration]]:
    """The registrations of the chosen quarter (active and registered by its end)."""
    if scope_for(request.user, ADMIN_ROLES).empty:
        raise PermissionDenied
    today = timezone.localdate()
    form = QuarterForm(request.GET or None, today=today)
    quarter, employer = quarter_of(today), ""
    if form.is_bound and form.is_valid():
        quarter = form.cleaned_data["quarter"] or quarter
        employer = form.cleaned_data["employer"].strip()
    _start, end = quarter_bounds(quarter)
    until = datetime.datetime.combine(
        end, datetime.time.min, tzinfo=timezone.get_current_timezone()
    )
    rows = party_registrations_for(request.user, employer=employer).filter(registered_at__lt=until)
    return form, quarter, employer, rows


@login_required
@require_GET
def party_report(request: HttpRequest) -> HttpResponse:
    form, quarter, employer, rows = _report(request)
    page = keyset_page(rows, after=after_key(request), limit=PAGE_SIZE)
    # Each member's approved service in their home community this quarter (one query).
    service = party_service_of(page.items, *quarter_bounds(quarter))
    for r in page.items:
        r.service = service.get(r.volunteer_id)  # type: ignore[attr-defined]
    query = request.GET.copy()
    query.pop("after", None)
    context: dict[str, Any] = {
        "form": form,
        "quarter": quarter,
        "employer": employer,
        "page": page,
        "query": query.urlencode(),
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "registry/partials/_party_rows.html", context)
    context["employers"] = list(
        rows.order_by().values("employer").annotate(members=Count("id")).order_by("employer")
    )
    return render(request, "registry/party_report.html", context)


@login_required
@require_GET
def party_report_xlsx(request: HttpRequest) -> HttpResponse:
    """The quarter's report as an Excel workbook: one row per member, grouped by employer,
    with the approved hours and records they served in their home community that quarter;
    and a sheet of members, hours and records per employer."""
    from openpyxl import Workbook

    _form, quarter, _employer, rows = _report(request)
    start, end = quarter_bounds(quarter)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Members"))
    sheet.append(
        [
            _("Employer"),
            _("Name"),
            _("Volunteer number"),
            _("Home community"),
            _("Service post"),
            _("Registered on"),
            _("Service hours this quarter"),
            _("Service records this quarter"),
        ]
    )
    counts: dict[str, list[int]] = {}
    batch: list[PartyRegistration] = []

    def flush() -> None:
        service = party_service_of(batch, start, end)
        for r in batch:
            done = service.get(r.volunteer_id)
            hours = round(done.minutes / 60, 1) if done else 0.0
            records = done.records if done else 0
            tally = counts.setdefault(r.employer, [0, 0, 0])
            tally[0] += 1
            tally[1] += done.minutes if done else 0
            tally[2] += records
            sheet.append(
                [
                    r.employer,
                    r.volunteer.user.display_name,
                    r.volunteer.number,
                    r.community.name,
                    r.service_post,
                    timezone.localtime(r.registered_at).date().isoformat(),
                    hours,
                    records,
                ]
            )
        batch.clear()

    for r in rows.order_by("employer", "id").iterator(chunk_size=CHUNK):
        batch.append(r)
        if len(batch) >= CHUNK:
            flush()
    flush()
    summary = book.create_sheet(_("By employer"))
    summary.append(
        [_("Employer"), _("Members"), _("Service hours this quarter"), _("Service records")]
    )
    for name, (members, minutes, records) in counts.items():
        summary.append([name, members, round(minutes / 60, 1), records])
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="party-report-{quarter}.xlsx"'
    return response
