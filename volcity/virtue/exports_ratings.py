"""Excel files of the rankings and ratings: a month's totals, and the file for a partner bank
(only consenting households: the service chooses the rows)."""

from __future__ import annotations

import tempfile
from typing import IO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from volcity.registry.imports.report import text_cell
from volcity.virtue.models import VirtueBank
from volcity.virtue.models_ratings import CreditRating
from volcity.virtue.queries_ratings import TotalRow


def _save(workbook: Workbook) -> IO[bytes]:
    out = tempfile.TemporaryFile()  # noqa: SIM115 (handed to the response, which closes it)
    workbook.save(out)
    out.seek(0)
    return out


def monthly_totals_xlsx(bank: VirtueBank, month: str, rows: list[TotalRow]) -> IO[bytes]:
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(month)
    bold = Font(bold=True)
    header = [
        _("Household number"),
        _("Head of household"),
        _("Points earned"),
        _("Points deducted"),
        _("Net points"),
        _("Deeds posted"),
    ]
    ws.append([text_cell(ws, f"{bank.name} · {month}", font=bold)])
    ws.append([text_cell(ws, h, font=bold) for h in header])
    for r in rows:
        ws.append(
            [
                text_cell(ws, r.number),
                text_cell(ws, r.head_name),
                r.earned,
                r.deducted,
                r.net,
                r.deeds,
            ]
        )
    return _save(workbook)


def bank_export_xlsx(bank: VirtueBank, partner: str, ratings: list[CreditRating]) -> IO[bytes]:
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(_("Civic credit ratings")[:31])
    bold = Font(bold=True)
    header = [
        _("Household number"),
        _("Head of household"),
        _("Village"),
        _("Score"),
        _("Grade"),
        _("As of"),
    ]
    ws.append([text_cell(ws, h, font=bold) for h in header])
    for r in ratings:
        ws.append(
            [
                text_cell(ws, r.household.number),
                text_cell(ws, r.household.head_name),
                r.household.region.name,
                r.score,
                r.grade,
                r.as_of,
            ]
        )
    return _save(workbook)
