"""The error report: the bad rows as the user wrote them, with their row number and a column
of reasons (field and reason, in the uploader's language). Written with openpyxl's write-only
mode, row by row, whatever the file's size."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from volcity.registry.imports.columns import REASONS_TITLE, ROW_TITLE, Column

_BOLD = Font(bold=True)
_REASON_FILL = PatternFill("solid", fgColor="FDECEE")
_WRAP = Alignment(wrap_text=True, vertical="top")


def text_cell(ws: WriteOnlyWorksheet, value: Any, **style: Any) -> WriteOnlyCell:
    """A cell that shows ``value`` as written: text starting with "=" stays text and is never
    read as a formula by a spreadsheet."""
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def reason_lines(reasons: dict[str, list[Any]], columns: Sequence[Column]) -> list[str]:
    """``Field: reason`` lines in the active language, in the order of the columns."""
    labels = {c.key: c.label for c in columns}
    order = {c.key: i for i, c in enumerate(columns)}
    lines = []
    for key in sorted(reasons, key=lambda k: order.get(k, len(order))):
        for message in reasons[key]:
            if key in labels:
                lines.append(_("%(field)s: %(reason)s") % {"field": labels[key], "reason": message})
            else:
                lines.append(str(message))
    return lines


class ErrorReport:
    """Bad rows appended as they are found; ``save`` writes the file (only if any). The
    workbook is opened at the first bad row: a clean file costs nothing here."""

    def __init__(self, path: Path, titles: Sequence[str], width: int) -> None:
        self.path = path
        self.titles = list(titles)
        self.width = width
        self.rows = 0
        self.workbook: Workbook | None = None
        self.ws: WriteOnlyWorksheet | None = None

    def _open(self) -> WriteOnlyWorksheet:
        self.workbook = Workbook(write_only=True)
        ws = self.workbook.create_sheet(_("Rows with errors")[:31])
        ws.column_dimensions["A"].width = 10
        ws.freeze_panes = "B2"
        padding = [""] * (self.width - len(self.titles))
        header = [str(ROW_TITLE), *self.titles, *padding, str(REASONS_TITLE)]
        ws.append([text_cell(ws, t, font=_BOLD) for t in header])
        self.ws = ws
        return ws

    def add(self, number: int, values: Iterable[Any], lines: Sequence[str]) -> None:
        ws = self.ws if self.ws is not None else self._open()
        cells = list(values)[: self.width]
        cells += [None] * (self.width - len(cells))
        ws.append(
            [
                number,
                *[text_cell(ws, v) for v in cells],
                text_cell(ws, "\n".join(lines), fill=_REASON_FILL, alignment=_WRAP),
            ]
        )
        self.rows += 1

    def save(self) -> bool:
        if self.workbook is None:
            return False
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.workbook.save(self.path)
        return True
