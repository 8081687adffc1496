"""Excel export of the activities a staff member manages (the staff table, all pages)."""

from __future__ import annotations

import tempfile
from typing import IO, Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from volcity.activities.queries_activities import ManageFilter, activity_list_for
from volcity.audit.services import audit_record
from volcity.registry.imports.report import text_cell

CHUNK = 2_000


def _when(value: Any) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def activities_xlsx(actor: Any, flt: ManageFilter) -> tuple[IO[bytes], int]:
    """The activities the actor manages under the filter, as an open .xlsx file, and its rows."""
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(_("Activities")[:31])
    ws.freeze_panes = "A2"
    header = [
        _("ID"),
        _("Title"),
        _("Status"),
        _("Recruiting"),
        _("Organising team"),
        _("Project"),
        _("Region"),
        _("Address"),
        _("Next shift"),
        _("Seats"),
        _("Seats taken"),
        _("Risks"),
        _("Insured"),
    ]
    bold = Font(bold=True)
    ws.append([text_cell(ws, h, font=bold) for h in header])
    rows = 0
    qs = activity_list_for(actor, flt).order_by("pk")
    for a in qs.iterator(chunk_size=CHUNK):
        ws.append(
            [
                a.pk,
                text_cell(ws, a.title),
                a.get_status_display(),
                _("yes") if a.recruiting else _("no"),
                text_cell(ws, a.team.name),
                text_cell(ws, a.project.name if a.project else ""),
                a.region.name,
                text_cell(ws, a.address),
                _when(getattr(a, "next_start", None)),
                getattr(a, "capacity_total", 0),
                getattr(a, "seats_taken_total", 0),
                text_cell(ws, a.risk_disclosure),
                _("yes") if a.insured else _("no"),
            ]
        )
        rows += 1
    filters = {k: v for k, v in vars(flt).items() if v not in ("", None)}
    audit_record(
        "activities.activities.exported", actor=actor, changes={"rows": rows, "filters": filters}
    )
    out = tempfile.TemporaryFile()  # noqa: SIM115 (handed to the response, which closes it)
    workbook.save(out)
    out.seek(0)
    return out, rows
