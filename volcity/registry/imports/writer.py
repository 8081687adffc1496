"""Writing a confirmed import: the bulk path, all rows in one transaction or none.

Volunteers: accounts (username = volunteer number, unusable password: staff-imported people
sign in by SMS code), ID numbers as sealed at validation, volunteer numbers reserved in one
block, skills and categories through their link tables, the VOLUNTEER role; under 18 waits
for guardian consent. Teams: created waiting for approval. One audit entry per file
(``registry.import.completed``), not one per row.

Uniqueness is checked again inside the transaction (someone may have registered since the
file was checked): for volunteers by the database's unique indexes as the rows go in, for teams
(whose parent must still be active) by a query first. Any conflict rolls everything back; the
caller then names the clashing rows.
"""

from __future__ import annotations

import datetime
import json
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volcity.accounts.errors import DuplicateIdNumber, DuplicatePhone
from volcity.accounts.models import RoleGrant, User
from volcity.accounts.roles import Role
from volcity.audit.services import audit_record
from volcity.core.errors import Conflict
from volcity.core.seeding import batched
from volcity.core.sequences import sequence_take
from volcity.registry.imports.bulk import BulkInsert
from volcity.registry.imports.teams import TEAM_TAKEN
from volcity.registry.models import ServiceCategory, Team, Volunteer
from volcity.registry.models_imports import ImportJob
from volcity.registry.services.volunteers import NUMBER_SEQUENCE, volunteer_number_format

BATCH = 2_000
Progress = Callable[[int], None]
Conflicts = dict[int, dict[str, list[Any]]]


class ImportConflict(Conflict):
    """Rows that were fine when checked now clash with the database; nothing was written."""

    code = "import_conflict"
    default_message = _(
        "Some rows clash with registrations made since the file was checked, so nothing was "
        "imported. Download the error report, correct or remove those rows and upload the "
        "file again."
    )

    def __init__(self, rows: Conflicts, message: Any = None) -> None:
        super().__init__(message)
        self.rows = rows


def staged_rows(job: ImportJob) -> Iterator[dict[str, Any]]:
    with (Path(settings.PRIVATE_ROOT) / job.staging_path).open(encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def _add(found: Conflicts, row: int, key: str, message: Any) -> None:
    found.setdefault(row, {}).setdefault(key, []).append(message)


# --- volunteers -----------------------------------------------------------------------------


def volunteer_conflicts(job: ImportJob) -> Conflicts:
    """Rows whose ID number or mobile number now belongs to an account."""
    found: Conflicts = {}
    for batch in batched(staged_rows(job), BATCH):
        by_digest = {r["digest"]: r["row"] for r in batch}
        by_phone = {r["phone"]: r["row"] for r in batch if r["phone"]}
        for digest in User.objects.filter(id_number_digest__in=list(by_digest)).values_list(
            "id_number_digest", flat=True
        ):
            _add(found, by_digest[digest], "id_number", DuplicateIdNumber.default_message)
        for phone in User.objects.filter(phone__in=list(by_phone)).values_list("phone", flat=True):
            _add(found, by_phone[phone], "phone", DuplicatePhone.default_message)
    return found


def _unusable_password() -> str:
    """What ``set_unusable_password`` stores, without hashing anything."""
    return UNUSABLE_PASSWORD_PREFIX + secrets.token_hex(20)


def _ids(model: type[Model], key: str, low: str, high: str) -> dict[str, int]:
    """Primary keys of the rows just written, by their unique number (one index range)."""
    found = model._default_manager.filter(**{f"{key}__gte": low, f"{key}__lte": high})
    return dict(found.values_list(key, "pk"))


def write_volunteers(job: ImportJob, progress: Progress) -> dict[str, int]:
    count = job.ok_rows
    written = {"volunteers": 0, "minors_pending_consent": 0, "skills": 0, "categories": 0}
    with transaction.atomic():
        first = sequence_take(NUMBER_SEQUENCE, count)
        low, high = volunteer_number_format(first), volunteer_number_format(first + count - 1)
        if User.objects.filter(username__gte=low, username__lte=high).exists():
            raise ImportConflict({}, _("Volunteer numbers to be issued are taken as usernames."))
        now = timezone.now()
        users = BulkInsert(
            User,
            varying=[
                "username", "password", "display_name", "phone", "home_region_id",
                "id_number_cipher", "id_number_digest", "id_number_masked", "birth_date", "sex",
            ],
            fixed={"date_joined": now},
            ready=["birth_date"],
            now=now,
        )  # fmt: skip
        volunteers = BulkInsert(
            Volunteer,
            varying=[
                "user_id", "number", "region_id", "status", "available_times",
                "political_status", "emergency_name", "emergency_phone", "guardian_name",
                "guardian_phone", "guardian_relation",
            ],
            fixed={"registered_by_id": job.owner_id},
            ready=["available_times"],
            now=now,
        )  # fmt: skip
        skills = BulkInsert(Volunteer.skills.through, varying=["volunteer_id", "skill_id"], now=now)
        categories = BulkInsert(
            Volunteer.categories.through, varying=["volunteer_id", "servicecategory_id"], now=now
        )
        grants = BulkInsert(
            RoleGrant, varying=["user_id", "region_id"], fixed={"role": Role.VOLUNTEER}, now=now
        )
        active, pending = Volunteer.Status.ACTIVE.value, Volunteer.Status.PENDING_CONSENT.value
        serial = first
        # Uniqueness is checked again here by the database itself (unique ID-number hash,
        # phone, username, volunteer number): a registration made since the file was checked
        # raises IntegrityError, the transaction rolls back, and the caller names the rows.
        for batch in batched(staged_rows(job), BATCH):
            numbers = [volunteer_number_format(serial + i) for i in range(len(batch))]
            serial += len(batch)
            users.insert(
                (
                    n, _unusable_password(), r["name"], r["phone"], r["region"], r["cipher"],
                    r["digest"], r["masked"], r["birth"], r["sex"],
                )
                for n, r in zip(numbers, batch, strict=True)
            )  # fmt: skip
            user_ids = _ids(User, "username", numbers[0], numbers[-1])
            volunteers.insert(
                (
                    user_ids[n], n, r["region"], pending if r["minor"] else active,
                    json.dumps(r["times"]),
                    r["political"], r["emergency_name"], r["emergency_phone"],
                    r["guardian_name"], r["guardian_phone"], r["guardian_relation"],
                )
                for n, r in zip(numbers, batch, strict=True)
            )  # fmt: skip
            volunteer_ids = _ids(Volunteer, "number", numbers[0], numbers[-1])
            written["skills"] += skills.insert(
                (volunteer_ids[n], s)
                for n, r in zip(numbers, batch, strict=True)
                for s in r["skills"]
            )
            written["categories"] += categories.insert(
                (volunteer_ids[n], c)
                for n, r in zip(numbers, batch, strict=True)
                for c in r["categories"]
            )
            grants.insert((user_ids[n], r["region"]) for n, r in zip(numbers, batch, strict=True))
            written["volunteers"] += len(batch)
            written["minors_pending_consent"] += sum(1 for r in batch if r["minor"])
            progress(written["volunteers"])
        written["first_number"] = int(low)
        written["last_number"] = int(high)
        _complete(job, written, now)
    return written


# --- teams ----------------------------------------------------------------------------------


def team_conflicts(job: ImportJob) -> Conflicts:
    """Rows whose name is now taken in their region, or whose parent is no longer active."""
    found: Conflicts = {}
    for batch in batched(staged_rows(job), BATCH):
        by_key = {(r["region"], r["name"]): r["row"] for r in batch}
        taken = Team.objects.filter(name__in={r["name"] for r in batch}).values_list(
            "region_id", "name"
        )
        for key in taken:
            if key in by_key:
                _add(found, by_key[key], "name", TEAM_TAKEN)
        parents = {r["parent"] for r in batch if r["parent"]}
        active = set(
            Team.objects.filter(pk__in=parents, status=Team.Status.ACTIVE).values_list(
                "pk", flat=True
            )
        )
        for r in batch:
            if r["parent"] and r["parent"] not in active:
                _add(found, r["row"], "parent", _("The parent team is not active."))
    return found


def write_teams(job: ImportJob, progress: Progress) -> dict[str, int]:
    category_ids = dict(ServiceCategory.objects.values_list("code", "id"))
    link = Team.categories.through
    written = {"teams": 0, "categories": 0}
    with transaction.atomic():
        conflicts = team_conflicts(job)
        if conflicts:
            raise ImportConflict(conflicts)
        now = timezone.now()
        for batch in batched(staged_rows(job), BATCH):
            teams = Team.objects.bulk_create(
                [
                    Team(
                        name=r["name"],
                        type=r["type"],
                        level=r["level"],
                        region_id=r["region"],
                        parent_id=r["parent"],
                        description=r["description"],
                        contact_phone=r["contact_phone"],
                        status=Team.Status.PENDING,
                        created_by_id=job.owner_id,
                    )
                    for r in batch
                ]
            )
            links = link.objects.bulk_create(
                [
                    link(team_id=t.pk, servicecategory_id=category_ids[c])
                    for t, r in zip(teams, batch, strict=True)
                    for c in r["categories"]
                ]
            )
            written["teams"] += len(teams)
            written["categories"] += len(links)
            progress(written["teams"])
        _complete(job, written, now)
    return written


def _complete(job: ImportJob, written: dict[str, int], now: datetime.datetime) -> None:
    """In the writing transaction: the job is done exactly when its rows exist."""
    rows = written.get("volunteers", written.get("teams", 0))
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.DONE,
        imported_rows=rows,
        done_rows=rows,
        result=written,
        finished_at=now,
        updated_at=now,
    )
    audit_record(
        "registry.import.completed",
        obj=job,
        actor=job.owner,
        region_id=job.region_id,
        changes={"kind": job.kind, "file": job.file_name, **written},
    )
