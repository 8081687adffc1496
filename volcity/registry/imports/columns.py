"""The columns of the roster files, and matching a file's header row to them.

Row 1 holds the column names in Chinese (the template also puts the English names in row 2).
A header may be written in Chinese, in English or as the field's key, with or without a
trailing "*" (the template marks required columns so); columns may come in any order and
optional ones may be left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from volcity.core.errors import DomainError


class ImportRefused(DomainError):
    """The file cannot be imported at all (not .xlsx, empty, wrong headers, too many rows)."""

    code = "import_refused"
    default_message = _("This file cannot be imported.")


@dataclass(frozen=True)
class Column:
    key: str
    zh: str  # header in Chinese, as the template writes it
    en: str  # header in English (template row 2)
    label: Any  # the field's name in the reader's language, for error reasons
    required: bool = False
    text: bool = False  # digits kept as text (ID and phone numbers, codes)
    width: int = 14

    def header(self) -> str:
        return f"{self.zh}*" if self.required else self.zh


VOLUNTEER_COLUMNS: tuple[Column, ...] = (
    Column("name", "姓名", "Name", _("Name"), required=True, width=10),
    Column("id_number", "身份证号", "ID number", _("ID number"), required=True, text=True, width=21),
    Column("phone", "手机号", "Mobile number", _("Mobile number"), text=True, width=14),
    Column(
        "region", "居住村（社区）", "Village or community", _("Village or community"),
        required=True, text=True, width=16,
    ),
    Column("skills", "技能", "Skills", _("Skills"), width=18),
    Column("categories", "服务类别", "Service categories", _("Service categories"), width=18),
    Column("available_times", "可服务时间", "Available times", _("Available times"), width=18),
    Column("political_status", "政治面貌", "Political status", _("Political status"), width=12),
    Column("emergency_name", "紧急联系人", "Emergency contact", _("Emergency contact"), width=10),
    Column(
        "emergency_phone", "紧急联系人手机号", "Emergency contact phone",
        _("Emergency contact phone"), text=True, width=14,
    ),
    Column("guardian_name", "监护人", "Guardian", _("Guardian"), width=10),
    Column(
        "guardian_phone", "监护人手机号", "Guardian's phone", _("Guardian's phone"),
        text=True, width=14,
    ),
    Column(
        "guardian_relation", "与监护人关系", "Guardian's relation", _("Guardian's relation"),
        width=10,
    ),
)  # fmt: skip

TEAM_COLUMNS: tuple[Column, ...] = (
    Column("name", "服务队名称", "Team name", _("Team name"), required=True, width=24),
    Column("type", "类型", "Type", _("Type"), required=True, width=14),
    Column("level", "级别", "Level", _("Level"), required=True, width=10),
    Column("region", "所属区域", "Region", _("Region"), required=True, text=True, width=16),
    Column("parent", "上级服务队", "Parent team", _("Parent team"), width=24),
    Column("categories", "服务类别", "Service categories", _("Service categories"), width=18),
    Column("description", "简介", "Description", _("Description"), width=30),
    Column("contact_phone", "联系电话", "Contact phone", _("Contact phone"), text=True, width=14),
)

COLUMNS: dict[str, tuple[Column, ...]] = {"volunteers": VOLUNTEER_COLUMNS, "teams": TEAM_COLUMNS}
# The template's example row starts with this in its first column; such a row is skipped.
EXAMPLE_MARK = "【示例】"
# Columns the error report adds around the user's own: ignored when a report is uploaded.
ROW_TITLE = _("Row in your file")
REASONS_TITLE = _("Reasons")


def _norm(value: Any) -> str:
    text = "" if value is None else str(value)
    text = "".join(text.split()).rstrip("*＊").lower()
    return text.replace("（必填）", "").replace("(必填)", "")


def _aliases(columns: Sequence[Column]) -> dict[str, Column]:
    found: dict[str, Column] = {}
    for column in columns:
        for alias in (column.zh, column.en, column.key):
            found[_norm(alias)] = column
    return found


@dataclass(frozen=True)
class Header:
    """Where each known column sits in the file (0-based index), and the file's own titles."""

    positions: dict[str, int]
    titles: list[str]
    width: int


def _report_titles() -> set[str]:
    titles: set[str] = set()
    for language in ("zh-hans", "en"):
        with translation.override(language):
            titles.update(_norm(str(ROW_TITLE)), _norm(str(REASONS_TITLE)))
    return titles


def match_header(row: Sequence[Any], columns: Sequence[Column]) -> Header:
    """The header row, or ImportRefused naming the missing and unknown columns."""
    aliases = _aliases(columns)
    ignored = _report_titles()
    positions: dict[str, int] = {}
    unknown: list[str] = []
    repeated: list[str] = []
    titles = ["" if v is None else str(v).strip() for v in row]
    while titles and not titles[-1]:
        titles.pop()
    for index, title in enumerate(titles):
        if not title:
            continue
        column = aliases.get(_norm(title))
        if column is None:
            if _norm(title) not in ignored:
                unknown.append(title)
        elif column.key in positions:
            repeated.append(title)
        else:
            positions[column.key] = index
    missing = [c.zh for c in columns if c.required and c.key not in positions]
    if not positions:
        raise ImportRefused(
            _(
                "The first row holds no column names of this template. Download the template "
                "and copy your rows into it."
            ),
            code="import_header_missing",
        )
    problems: list[str] = []
    if missing:
        problems.append(str(_("missing: %(names)s") % {"names": "、".join(missing)}))
    if unknown:
        problems.append(str(_("unknown: %(names)s") % {"names": "、".join(unknown)}))
    if repeated:
        problems.append(str(_("given twice: %(names)s") % {"names": "、".join(repeated)}))
    if problems:
        raise ImportRefused(
            _("The column names in the first row do not match the template (%(problems)s).")
            % {"problems": "; ".join(problems)},
            code="import_header_wrong",
        )
    return Header(positions=positions, titles=titles, width=len(titles))


def is_english_header(row: Sequence[Any], columns: Sequence[Column]) -> bool:
    """The template's second header line (English names), which is not data."""
    english = {_norm(c.en) for c in columns} | {_norm(c.key) for c in columns}
    values = [_norm(v) for v in row if v not in (None, "")]
    return bool(values) and all(v in english for v in values)


def is_blank(row: Sequence[Any]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in row)


def is_example(row: Sequence[Any]) -> bool:
    first = next((v for v in row if v not in (None, "")), None)
    return isinstance(first, str) and first.strip().startswith(EXAMPLE_MARK)
