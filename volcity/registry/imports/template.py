"""The roster templates (.xlsx) people download, fill in and upload.

Sheet 1, the roster: row 1 the column names in Chinese (required ones end in "*"), row 2 the
same names in English, row 3 an example (its first cell starts with 【示例】; it is skipped
if left in). ID numbers, phones and codes are formatted as text so a spreadsheet keeps every
digit. Sheet 2, the codes: skills, service categories, available times, political statuses
(or team types and levels) and the regions in the downloader's scope, with their names; a
cell may hold a code or a name. Sheet 3, notes: how to fill it in.
"""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from volcity.accounts.roles import ADMIN_ROLES
from volcity.accounts.scope import scope_for
from volcity.core.privacy import id_check_character
from volcity.registry.imports.codes import CodeList, Codes, Place, places_under
from volcity.registry.imports.columns import COLUMNS, EXAMPLE_MARK, Column
from volcity.registry.imports.reading import max_rows

_BOLD = Font(bold=True)
_MUTED = Font(italic=True, color="6B6B6B")
_HEAD_FILL = PatternFill("solid", fgColor="F3E3E6")


def _scope_places(actor: Any, levels: list[int]) -> list[Place]:
    scope = scope_for(actor, ADMIN_ROLES)
    prefixes = {settings.VOLCITY_CITY_CODE} if scope.everything else set(scope.prefixes)
    return places_under(prefixes, levels=levels)


def _example(kind: str, codes: Codes, places: list[Place]) -> dict[str, str]:
    def names(codelist: CodeList, n: int) -> str:
        return "、".join(e.zh for e in codelist.entries[:n])

    if kind == "teams":
        town = next((p for p in places if p.level == 2), places[0] if places else None)
        return {
            "name": f"{EXAMPLE_MARK}{town.name if town else ''}文明实践志愿服务队",
            "type": codes.team_types.entries[0].zh,
            "level": codes.team_levels.entries[1].zh,
            "region": town.code if town else "",
            "categories": names(codes.categories, 2),
            "description": "",
            "contact_phone": "0536-3200000",
        }
    body = f"{settings.VOLCITY_CITY_CODE}19900307001"
    return {
        "name": f"{EXAMPLE_MARK}张三",
        "id_number": body + id_check_character(body),
        "phone": "13800138000",
        "region": places[0].code if places else "",
        "skills": names(codes.skills, 2),
        "categories": names(codes.categories, 1),
        "available_times": names(codes.times, 1),
        "political_status": codes.political.entries[-1].zh,
        "emergency_name": "李四",
        "emergency_phone": "13900139000",
    }


def _roster_sheet(ws: Worksheet, columns: tuple[Column, ...], example: dict[str, str]) -> None:
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = column.width + 2
        head = ws.cell(row=1, column=index, value=column.header())
        head.font, head.fill = _BOLD, _HEAD_FILL
        ws.cell(row=2, column=index, value=column.en).font = _MUTED
        sample = ws.cell(row=3, column=index, value=example.get(column.key, ""))
        sample.font = _MUTED
        if column.text:  # the column's own format: every cell typed into it is text
            ws.column_dimensions[letter].number_format = "@"
            sample.number_format = "@"
    ws.freeze_panes = "A3"


def _section(ws: Worksheet, row: int, title: str, heads: list[str], rows: list[list[str]]) -> int:
    ws.cell(row=row, column=1, value=title).font = _BOLD
    for col, text in enumerate(heads, start=1):
        ws.cell(row=row + 1, column=col, value=text).font = _MUTED
    for offset, values in enumerate(rows, start=row + 2):
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=offset, column=col, value=value)
            cell.number_format = "@"
    return row + len(rows) + 3


def _codes_sheet(ws: Worksheet, kind: str, codes: Codes, places: list[Place]) -> None:
    heads = [pgettext("codes sheet", "Code"), _("Chinese name"), _("English name")]

    def rows(codelist: CodeList) -> list[list[str]]:
        return [[e.code, e.zh, e.en] for e in codelist.entries]

    row = 1
    if kind == "teams":
        row = _section(ws, row, _("Team types"), heads, rows(codes.team_types))
        row = _section(ws, row, _("Team levels"), heads, rows(codes.team_levels))
    else:
        row = _section(ws, row, _("Skills"), heads, rows(codes.skills))
    row = _section(ws, row, _("Service categories"), heads, rows(codes.categories))
    if kind != "teams":
        row = _section(ws, row, _("Available times"), heads, rows(codes.times))
        row = _section(ws, row, _("Political status"), heads, rows(codes.political))
    title = _("Regions you may import into") if kind == "teams" else _("Villages and communities")
    _section(
        ws,
        row,
        title,
        [_("Division code"), _("Name"), _("Part of")],
        [[p.code, p.name, p.parent_name] for p in places],
    )
    for letter, width in (("A", 16), ("B", 22), ("C", 34)):
        ws.column_dimensions[letter].width = width


def _notes(kind: str) -> list[str]:
    lines = [
        _("Fill in the first sheet, one row per person, from row 3 on; keep rows 1 and 2."),
        _("Columns marked * are required; the others may be left empty or removed."),
        _("The example row (starting with %(mark)s) is skipped; you may delete it.")
        % {"mark": EXAMPLE_MARK},
        _("Several skills, categories or times go in one cell, separated by 、 or commas."),
        _("A code or a name from the Codes sheet may be used in any list column."),
        _("At most %(max)s rows per file. Every row is checked before anything is saved.")
        % {"max": f"{max_rows():,}"},
    ]
    if kind == "teams":
        lines[0] = _("Fill in the first sheet, one row per team, from row 3 on; keep rows 1 and 2.")
        lines.append(
            _("Imported teams wait for approval. A parent team must already exist and be active.")
        )
    else:
        lines.append(
            _("Type ID numbers and phones as text. Under 18: fill in the guardian and their phone.")
        )
    return lines


def build_template(kind: str, actor: Any) -> bytes:
    codes = Codes.load()
    levels = [1, 2, 3] if kind == "teams" else [3]
    places = _scope_places(actor, levels)
    workbook = Workbook()
    roster = workbook.active
    assert roster is not None  # noqa: S101 (a new workbook has one sheet)
    roster.title = (_("Teams") if kind == "teams" else _("Volunteers"))[:31]
    _roster_sheet(roster, COLUMNS[kind], _example(kind, codes, places))
    _codes_sheet(workbook.create_sheet(_("Codes")[:31]), kind, codes, places)
    notes = workbook.create_sheet(_("Notes")[:31])
    notes.column_dimensions["A"].width = 100
    for row, line in enumerate(_notes(kind), start=1):
        notes.cell(row=row, column=1, value=line)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
