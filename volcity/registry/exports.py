"""Excel exports of the volunteer and team lists a person can see, with the list pages' filters.

Rows come from ``volunteer_list_for`` / ``team_list_for`` (so the export holds exactly what
the list shows, scope included), read in chunks and written with openpyxl's write-only mode
to a temporary file: memory stays flat however long the list.

Phones and ID numbers are masked. They are shown in full only to someone holding the
``accounts.reveal_personal_data`` permission *and* an administrator grant covering the
person (a team leader's view of their members stays masked); such an export is audited.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from typing import IO, Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from volcity.accounts.roles import ADMIN_ROLES
from volcity.accounts.scope import Scope, scope_for
from volcity.audit.services import audit_record
from volcity.core.privacy import decrypt_text, mask_phone
from volcity.registry.imports.report import text_cell
from volcity.registry.queries import TeamFilter, VolunteerFilter, team_list_for, volunteer_list_for

CHUNK = 2_000
_BOLD = Font(bold=True)


def reveal_scope(actor: Any) -> Scope | None:
    """Where this person may see personal numbers in full in a list; None: nowhere."""
    if not getattr(actor, "is_authenticated", False):
        return None
    if getattr(actor, "is_superuser", False):
        return Scope(everything=True)
    if not actor.has_perm("accounts.reveal_personal_data"):
        return None
    scope = scope_for(actor, ADMIN_ROLES)
    return None if scope.empty else scope


def _sheet(title: str, header: list[str]) -> tuple[Workbook, Any]:
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(title[:31])
    ws.freeze_panes = "A2"
    ws.append([text_cell(ws, h, font=_BOLD) for h in header])
    return workbook, ws


def _save(workbook: Workbook) -> IO[bytes]:
    out = tempfile.TemporaryFile()  # noqa: SIM115 (handed to the response, which closes it)
    workbook.save(out)
    out.seek(0)
    return out


def _labels(items: Iterable[Any]) -> str:
    return "、".join(item.label for item in items)


def _phone(phone: str | None, reveal: bool) -> str:
    if not phone:
        return ""
    return phone if reveal else mask_phone(phone)


def volunteers_xlsx(actor: Any, flt: VolunteerFilter) -> tuple[IO[bytes], int]:
    """The volunteers the actor sees under the filter, as an open .xlsx file, and its rows."""
    from volcity.registry.choices import AvailableTime, PoliticalStatus

    reveal = reveal_scope(actor)
    today = timezone.localdate()
    times = dict(AvailableTime.choices)
    political = dict(PoliticalStatus.choices)
    workbook, ws = _sheet(
        _("Volunteers"),
        [
            _("Volunteer number"),
            _("Name"),
            _("Sex"),
            _("Age"),
            _("Mobile number"),
            _("ID number"),
            _("Village or community"),
            _("Division code"),
            _("Status"),
            _("Skills"),
            _("Service categories"),
            _("Available times"),
            _("Political status"),
            _("Star level"),
            _("Registered at"),
        ],
    )
    rows = revealed = 0
    qs = volunteer_list_for(actor, flt).order_by("pk").prefetch_related("skills", "categories")
    for v in qs.iterator(chunk_size=CHUNK):
        user = v.user
        full = reveal is not None and reveal.covers_region(user.home_region_id)
        id_number = user.id_number_masked
        if full and user.id_number_cipher:
            id_number = decrypt_text(user.id_number_cipher)
            revealed += 1
        age = ""
        if user.birth_date:
            birthday_passed = (today.month, today.day) >= (
                user.birth_date.month,
                user.birth_date.day,
            )
            age = str(today.year - user.birth_date.year - (0 if birthday_passed else 1))
        ws.append(
            [
                v.number,
                text_cell(ws, user.display_name),
                user.get_sex_display(),
                age,
                _phone(user.phone, full),
                id_number,
                v.region.name,
                v.region_id,
                v.get_status_display(),
                _labels(v.skills.all()),
                _labels(v.categories.all()),
                "、".join(str(times.get(t, t)) for t in v.available_times),
                str(political.get(v.political_status, v.political_status)),
                v.star_level,
                timezone.localtime(v.registered_at).strftime("%Y-%m-%d %H:%M"),
            ]
        )
        rows += 1
    _audit(actor, "registry.volunteers.exported", flt, rows, revealed)
    return _save(workbook), rows


def teams_xlsx(actor: Any, flt: TeamFilter) -> tuple[IO[bytes], int]:
    """The teams the actor sees under the filter, as an open .xlsx file, and its rows."""
    reveal = reveal_scope(actor)
    workbook, ws = _sheet(
        _("Teams"),
        [
            _("Team name"),
            _("Type"),
            _("Level"),
            _("Region"),
            _("Division code"),
            _("Parent team"),
            _("Status"),
            _("Members"),
            _("Service categories"),
            _("Contact phone"),
            _("Registered at"),
        ],
    )
    rows = 0
    qs = team_list_for(actor, flt).order_by("pk").prefetch_related("categories")
    for t in qs.iterator(chunk_size=CHUNK):
        full = reveal is not None and reveal.covers_region(t.region_id)
        ws.append(
            [
                text_cell(ws, t.name),
                t.get_type_display(),
                t.get_level_display(),
                t.region.name,
                t.region_id,
                text_cell(ws, t.parent.name if t.parent else ""),
                t.get_status_display(),
                t.member_count,
                _labels(t.categories.all()),
                _phone(t.contact_phone, full),
                timezone.localtime(t.created_at).strftime("%Y-%m-%d %H:%M"),
            ]
        )
        rows += 1
    _audit(actor, "registry.teams.exported", flt, rows, 0)
    return _save(workbook), rows


def _audit(actor: Any, action: str, flt: Any, rows: int, revealed: int) -> None:
    filters = {k: v for k, v in vars(flt).items() if v not in ("", None)}
    if "q" in filters:  # may be a phone number: never in the audit log in the clear
        filters["q"] = "…"
    audit_record(
        action,
        actor=actor,
        changes={"rows": rows, "revealed": revealed, "filters": filters},
    )
