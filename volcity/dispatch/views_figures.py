"""The figures page of the order loop, and its .xlsx export (``?format=xlsx``)."""

from __future__ import annotations

import tempfile
from typing import IO

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from openpyxl import Workbook
from openpyxl.styles import Font

from volcity.core.errors import DomainError
from volcity.dispatch.permissions import is_centre_staff
from volcity.dispatch.queries_figures import Figures, Period, RatingRow, figures_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _rating_sheet(workbook: Workbook, title: str, rows: list[RatingRow]) -> None:
    ws = workbook.create_sheet(title[:31])
    ws.append([_("Name"), _("Orders"), _("Rated"), _("Average rating"), _("Low ratings")])
    for r in rows:
        ws.append([r.name, r.orders, r.rated, r.average, r.low])


def figures_xlsx(figures: Figures) -> IO[bytes]:
    workbook = Workbook()
    ws = workbook.active
    ws.title = _("Orders")
    bold = Font(bold=True)
    ws.append(
        [_("From"), figures.period.start.isoformat(), _("Until"), figures.period.end.isoformat()]
    )
    ws.append([_("Status"), _("Orders")])
    for cell in ws[2]:
        cell.font = bold
    for _value, label, n in figures.by_status:
        ws.append([label, n])
    ws.append([_("Total"), figures.total])
    ws.append([])
    ws.append([_("Stage"), _("Orders"), _("Median (minutes)"), _("Average (minutes)")])
    for d in figures.durations:
        ws.append([d.label, d.count, d.median_minutes, d.average_minutes])
    _rating_sheet(workbook, _("By town"), figures.by_town)
    _rating_sheet(workbook, _("By team"), figures.by_team)
    out = tempfile.TemporaryFile()  # noqa: SIM115 (handed to the response, which closes it)
    workbook.save(out)
    out.seek(0)
    return out


@login_required
@require_GET
def figures(request: HttpRequest) -> HttpResponse | FileResponse:
    if not is_centre_staff(request.user):
        raise PermissionDenied
    error = ""
    try:
        period = Period.parse(request.GET)
    except DomainError as exc:
        period, error = Period.parse({}), str(exc.message)
    found = figures_for(request.user, period)
    if request.GET.get("format") == "xlsx" and not error:
        return FileResponse(
            figures_xlsx(found),
            as_attachment=True,
            filename=f"dispatch-figures-{period.start}-{period.end}.xlsx",
            content_type=XLSX,
        )
    context = {"figures": found, "period": period, "error": error}
    return render(request, "dispatch/figures.html", context, status=400 if error else 200)
