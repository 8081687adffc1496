"""Opening an uploaded roster (.xlsx, openpyxl read-only) and reading its data rows.

What is refused before anything else happens: an empty file, a file that is not .xlsx
(checked by its zip signature and by openpyxl opening it, not by its name), a sheet without
rows, wrong column names, more data rows than ``VOLCITY_IMPORT_MAX_ROWS``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from volcity.registry.imports.columns import (
    Column,
    Header,
    ImportRefused,
    is_blank,
    is_english_header,
    is_example,
    match_header,
)

ZIP_SIGNATURE = b"PK\x03\x04"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old .xls (and .doc) container
# Numbers at or above this lose digits in a spreadsheet's floating point.
EXACT_DIGITS_LIMIT = 10**15
_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>]")


def max_rows() -> int:
    return int(settings.VOLCITY_IMPORT_MAX_ROWS)


def too_many_rows() -> ImportRefused:
    return ImportRefused(
        _("The file has more than %(max)s rows: split it into files of at most %(max)s rows.")
        % {"max": f"{max_rows():,}"},
        code="import_too_many_rows",
    )


def open_workbook(path: Path) -> Workbook:
    size = path.stat().st_size
    if size == 0:
        raise ImportRefused(_("The file is empty."), code="import_empty")
    with path.open("rb") as fh:
        head = fh.read(8)
    if head == OLE_SIGNATURE:
        raise ImportRefused(
            _(
                "This is an old-style Excel file (.xls). Open it in Excel or WPS, save it as "
                "an .xlsx workbook and upload that."
            ),
            code="import_not_xlsx",
        )
    not_xlsx = ImportRefused(
        _("This is not an Excel workbook (.xlsx). Download the template and fill that in."),
        code="import_not_xlsx",
    )
    if not head.startswith(ZIP_SIGNATURE):
        raise not_xlsx
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a zip that is not a workbook
        raise not_xlsx from None


def count_row_tags(ws: Any) -> int:
    """Rows present in a sheet, counted in its XML without parsing it: for sheets that do not
    declare their size (openpyxl's write-only files, some other tools)."""
    count = 0
    tail = b""
    with ws._get_source() as source:  # openpyxl 3.1: the sheet's part inside the zip
        while chunk := source.read(1 << 20):
            buffer = tail + chunk
            count += sum(1 for m in _ROW_TAG.finditer(buffer) if m.end() > len(tail))
            tail = buffer[-16:]
    return count


@dataclass
class DataRow:
    number: int  # the row's number in the sheet, as the user sees it
    values: tuple[Any, ...]  # the cells as read, for the error report
    fields: dict[str, str]  # column key → text
    cell_errors: dict[str, list[Any]] = field(default_factory=dict)


def _text(value: Any, column: Column) -> tuple[str, Any]:
    """A cell as text, and a reason if its value cannot be trusted."""
    if value is None:
        return "", None
    if isinstance(value, str):
        return value.strip(), None
    if isinstance(value, bool):
        return str(value), None
    if isinstance(value, int):
        if column.text and abs(value) >= EXACT_DIGITS_LIMIT:
            return str(value), _number_lost_digits()
        return str(value), None
    if isinstance(value, float):
        if value.is_integer() and abs(value) < EXACT_DIGITS_LIMIT:
            return str(int(value)), None
        if column.text:
            return f"{value:.0f}", _number_lost_digits()
        return str(value), None
    if isinstance(value, datetime.datetime):
        return value.date().isoformat(), None
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat(), None
    return str(value).strip(), None


def _number_lost_digits() -> Any:
    return _(
        "The spreadsheet stored this as a number and dropped digits: format the column as "
        "text and type the number again."
    )


@dataclass
class Roster:
    """An opened roster: its header, and an estimate of its data rows (0: unknown)."""

    path: Path
    workbook: Workbook
    header: Header
    columns: Sequence[Column]
    first_data_row: int
    estimated_rows: int

    def close(self) -> None:
        self.workbook.close()

    def rows(self) -> Iterator[DataRow]:
        """The data rows: not the header, the English header line, the template's example or
        blank rows. ImportRefused once there are more than the limit."""
        by_key = {c.key: c for c in self.columns}
        positions = [(by_key[k], i) for k, i in self.header.positions.items()]
        limit = max_rows()
        seen = 0
        source = self.workbook.worksheets[0].iter_rows(values_only=True)
        try:
            for number, row in enumerate(source, start=1):
                if number < self.first_data_row or is_blank(row) or is_example(row):
                    continue
                seen += 1
                if seen > limit:
                    raise too_many_rows()
                fields: dict[str, str] = {}
                errors: dict[str, list[Any]] = {}
                width = len(row)
                for column, index in positions:
                    text, problem = _text(row[index] if index < width else None, column)
                    fields[column.key] = text
                    if problem is not None:
                        errors.setdefault(column.key, []).append(problem)
                yield DataRow(number=number, values=tuple(row), fields=fields, cell_errors=errors)
        finally:
            source.close()


def open_roster(path: Path, columns: Sequence[Column]) -> Roster:
    """Open and check a roster file; ImportRefused says plainly why it cannot be imported."""
    workbook = open_workbook(path)
    try:
        return _roster(path, workbook, columns)
    except BaseException:
        workbook.close()
        raise


def _roster(path: Path, workbook: Workbook, columns: Sequence[Column]) -> Roster:
    if not workbook.worksheets:
        raise _no_rows()
    ws = workbook.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    first = next(rows, None)
    if first is None or is_blank(first):
        raise _no_rows()
    header = match_header(first, columns)
    first_data_row = 2
    skipped = 0  # blank and example rows before the first data row
    has_data = False
    for number, row in enumerate(rows, start=2):
        if number == 2 and is_english_header(row, columns):
            first_data_row = 3
            continue
        if is_blank(row) or is_example(row):
            skipped += 1
            continue
        has_data = True
        break
    if not has_data:
        raise ImportRefused(
            _("The file has the column names but no rows to import."), code="import_no_rows"
        )
    size = ws.max_row if ws.max_row is not None else count_row_tags(ws)
    estimated = max(0, size - first_data_row + 1 - skipped)
    if estimated > max_rows():
        raise too_many_rows()
    return Roster(
        path=path,
        workbook=workbook,
        header=header,
        columns=columns,
        first_data_row=first_data_row,
        estimated_rows=estimated,
    )


def _no_rows() -> ImportRefused:
    return ImportRefused(
        _("The workbook is empty: its first sheet has no rows."), code="import_no_rows"
    )


@dataclass
class RowResult:
    """One data row after checking: its reasons (field key → messages; "" for the whole row)
    when bad, else what the writer needs (``staged``)."""

    row: DataRow
    reasons: dict[str, list[Any]]
    staged: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        return not self.reasons


def add_reason(reasons: dict[str, list[Any]], key: str, message: Any) -> None:
    reasons.setdefault(key, []).append(message)
