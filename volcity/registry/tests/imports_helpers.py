"""Making roster files and uploading them in tests: real .xlsx files, read back by openpyxl."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from volcity.registry.imports.columns import TEAM_COLUMNS, VOLUNTEER_COLUMNS, Column

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook_bytes(rows: Iterable[Sequence[Any]], *, write_only: bool = False) -> bytes:
    wb = Workbook(write_only=write_only)
    ws = wb.create_sheet() if write_only else wb.active
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def roster(
    rows: Iterable[dict[str, Any]],
    *,
    columns: Sequence[Column] = VOLUNTEER_COLUMNS,
    english_line: bool = True,
    write_only: bool = False,
) -> bytes:
    """A roster as the template lays it out: Chinese header, English line, then the rows."""
    lines: list[list[Any]] = [[c.header() for c in columns]]
    if english_line:
        lines.append([c.en for c in columns])
    lines += [[row.get(c.key, "") for c in columns] for row in rows]
    return workbook_bytes(lines, write_only=write_only)


def team_roster(rows: Iterable[dict[str, Any]]) -> bytes:
    return roster(rows, columns=TEAM_COLUMNS)


def upload(
    client: Client,
    content: bytes,
    *,
    kind: str = "volunteers",
    region: str,
    name: str = "roster.xlsx",
) -> Any:
    file = SimpleUploadedFile(name, content, content_type=XLSX)
    return client.post(
        reverse("registry:import_upload"), {"kind": kind, "region": region, "file": file}
    )


def read_sheet(content: bytes, index: int = 0) -> list[tuple[Any, ...]]:
    wb = load_workbook(io.BytesIO(content), read_only=True)
    try:
        return [tuple(r) for r in wb.worksheets[index].iter_rows(values_only=True)]
    finally:
        wb.close()


def body(response: Any) -> bytes:
    """The body of a plain or streaming (file) response."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return bytes(response.content)
