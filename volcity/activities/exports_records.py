"""The Excel export of the service records a leader or administrator sees (with the list's
filters), written in openpyxl's write-only mode in chunks: memory stays flat."""

from __future__ import annotations

import tempfile
from typing import IO, Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from volcity.activities.models import ServiceRecord
from volcity.activities.services.totals import hours_text
from volcity.audit.services import audit_record
from volcity.registry.imports.report import text_cell

CHUNK = 2_000


def records_xlsx(actor: Any, qs: QuerySet[ServiceRecord]) -> tuple[IO[bytes], int]:
    """``qs`` (already scoped to ``actor``) as an open .xlsx file, and its row count."""
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(_("Service records")[:31])
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header = [
        _("Record"),
        _("Volunteer number"),
        _("Name"),
        _("Date"),
        _("Activity name"),
        _("Organising team"),
        _("Place"),
        _("Region"),
        _("Hours"),
        _("Minutes"),
        _("Status"),
        _("Source"),
        _("Needs a look"),
        _("Reason declined"),
        _("Recorded at"),
    ]
    ws.append([text_cell(ws, h, font=bold) for h in header])
    rows = 0
    for r in qs.order_by("pk").iterator(chunk_size=CHUNK):
        ws.append(
            [
                r.pk,
                r.volunteer.number,
                text_cell(ws, r.volunteer.user.display_name),
                r.served_on,
                text_cell(ws, r.title),
                text_cell(ws, r.team.name),
                text_cell(ws, r.place),
                r.region.name,
                float(hours_text(r.minutes)),
                r.minutes,
                r.get_status_display(),
                r.get_source_display(),
                text_cell(ws, r.flag_reason) if r.flagged else "",
                text_cell(ws, r.decline_reason),
                timezone.localtime(r.created_at).strftime("%Y-%m-%d %H:%M"),
            ]
        )
        rows += 1
    audit_record("activities.records.exported", actor=actor, changes={"rows": rows})
    out = tempfile.TemporaryFile()  # noqa: SIM115 (handed to the response, which closes it)
    workbook.save(out)
    out.seek(0)
    return out, rows
