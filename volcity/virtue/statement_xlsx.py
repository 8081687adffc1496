"""A household's monthly statement as an Excel workbook (one sheet, a few dozen rows)."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from volcity.virtue.queries_shop import MonthStatement


def month_statement_xlsx(s: MonthStatement) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(s.month.strftime("%Y-%m"))
    bold = Font(bold=True)

    def text(value: str, **style: object) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # a memo starting with "=" stays text, never a formula
        for name, setting in style.items():
            setattr(cell, name, setting)
        return cell

    h = s.household
    sheet.append([text(h.bank.name, font=bold)])
    sheet.append([text(_("Household")), text(f"{h.number} {h.head_name}")])
    sheet.append([text(_("Month")), text(s.month.strftime("%Y-%m"))])
    sheet.append([text(_("Opening balance")), s.opening])
    sheet.append([])
    sheet.append([text(c, font=bold) for c in (_("Time"), _("Entry"), _("Points"), _("Balance"))])
    for r in s.rows:
        when = timezone.localtime(r.created_at).strftime("%Y-%m-%d %H:%M")
        sheet.append([text(when), text(r.memo), r.amount, r.balance_after])
    sheet.append([])
    sheet.append([text(_("Earned")), s.earned])
    sheet.append([text(_("Spent or deducted")), s.spent])
    sheet.append([text(_("Closing balance"), font=bold), s.closing])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
