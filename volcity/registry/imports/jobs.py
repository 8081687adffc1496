"""An import from upload to written rows: the services the pages call, and the two background
tasks (checking the rows, writing them).

Nothing is written to the registry until the owner confirms a checked file with no bad row;
the write is one transaction. Files live under ``PRIVATE_ROOT/imports/`` (never served) with unguessable names,
are never served directly, and the upload and its staged rows are deleted once imported.
"""

from __future__ import annotations

import json
import logging
import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from volcity.audit.services import audit_record
from volcity.core.errors import Conflict, DomainError, NotFound
from volcity.core.seeding import batched
from volcity.regions.models import Region
from volcity.registry.errors import NotAllowed
from volcity.registry.imports.columns import COLUMNS, ImportRefused
from volcity.registry.imports.reading import Roster, RowResult, open_roster
from volcity.registry.imports.report import ErrorReport, reason_lines
from volcity.registry.imports.teams import TeamChecker
from volcity.registry.imports.volunteers import VolunteerChecker
from volcity.registry.imports.writer import (
    Conflicts,
    ImportConflict,
    team_conflicts,
    volunteer_conflicts,
    write_teams,
    write_volunteers,
)
from volcity.registry.models_imports import ImportJob
from volcity.registry.permissions import can_manage_volunteers_in
from volcity.registry.tasks import task_run

logger = logging.getLogger(__name__)
CHUNK = 1_000
PREVIEW_ROWS = 50
CHECKERS: dict[str, Any] = {"volunteers": VolunteerChecker, "teams": TeamChecker}
WRITERS: dict[str, Any] = {"volunteers": write_volunteers, "teams": write_teams}
CONFLICTS: dict[str, Any] = {"volunteers": volunteer_conflicts, "teams": team_conflicts}


def media_path(relative: str) -> Path:
    return Path(settings.PRIVATE_ROOT) / relative


def _remove(*relatives: str) -> None:
    for relative in relatives:
        if relative:
            media_path(relative).unlink(missing_ok=True)


# --- reads ----------------------------------------------------------------------------------


def import_jobs_of(actor: Any) -> QuerySet[ImportJob]:
    return ImportJob.objects.filter(owner=actor).select_related("region").order_by("-pk")


def import_job_get_for(actor: Any, job_id: int) -> ImportJob:
    """A job is seen by the person who uploaded it, nobody else."""
    job = import_jobs_of(actor).filter(pk=job_id).first()
    if job is None:
        raise NotFound()
    return job


def _progress_key(job_id: int) -> str:
    return f"registry:import:{job_id}:written"


def import_progress(job: ImportJob) -> int:
    """Rows done: checked (kept on the job) or, while writing, written (kept in the cache,
    since the writing transaction is not visible until it commits)."""
    if job.status == ImportJob.Status.IMPORTING:
        return int(cache.get(_progress_key(job.pk), 0))
    return job.done_rows


# --- upload ---------------------------------------------------------------------------------


def import_upload(*, actor: Any, kind: str, region: Region, upload: File[Any]) -> ImportJob:
    """Store the file, refuse it at once if it cannot be a roster, and start checking it."""
    if kind not in COLUMNS:
        raise DomainError(_("Choose what the file holds."), field="kind")
    if not can_manage_volunteers_in(actor, region.code):
        raise NotAllowed(_("You may import only into your own regions."), field="region")
    relative = f"imports/{secrets.token_hex(16)}.xlsx"
    path = media_path(relative)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    try:
        roster = open_roster(path, COLUMNS[kind])
    except ImportRefused:
        path.unlink(missing_ok=True)
        raise
    try:
        with transaction.atomic():
            job = ImportJob.objects.create(
                owner=actor,
                kind=kind,
                region=region,
                language=translation.get_language() or settings.LANGUAGE_CODE,
                file_name=(upload.name or "")[:200],
                file_path=relative,
                total_rows=roster.estimated_rows,
            )
            audit_record(
                "registry.import.uploaded",
                obj=job,
                actor=actor,
                changes={"kind": kind, "file": job.file_name, "rows": roster.estimated_rows},
            )
            _opened[job.pk] = roster
            task_run(import_validate, job.pk)
    except BaseException:
        for key in [k for k, v in _opened.items() if v is roster]:
            del _opened[key]
        roster.close()
        raise
    return job


# A workbook the upload opened, handed to the checking task when it runs in this process (a
# thread, or at once): opening a large workbook (its shared strings) is not done twice.
_opened: dict[int, Roster] = {}


# --- checking (background) ------------------------------------------------------------------


def _fail(job: ImportJob, message: Any, *, report_path: str = "", **extra: Any) -> None:
    """Nothing of the file is kept but its error report, if any: it is uploaded again."""
    _remove(job.file_path, job.staging_path)
    if not report_path:
        _remove(job.report_path)  # a half-written report of a check that did not finish
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.FAILED,
        failure=str(message),
        report_path=report_path,
        staging_path="",
        finished_at=timezone.now(),
        updated_at=timezone.now(),
        **extra,
    )


def import_validate(job_id: int) -> None:
    """Check every row; keep the good ones staged (sealed) and the bad ones in a report."""
    opened = _opened.pop(job_id, None)
    if not ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.UPLOADED).update(
        status=ImportJob.Status.VALIDATING, updated_at=timezone.now()
    ):
        if opened is not None:
            opened.close()
        return
    job = ImportJob.objects.select_related("owner", "region").get(pk=job_id)
    with translation.override(job.language):
        try:
            _validate(job, opened)
        except ImportRefused as exc:
            _fail(job, exc.message)
        except Exception:
            logger.exception("checking import %s failed", job_id)
            _fail(job, _("Checking the file failed unexpectedly; nothing was saved. Try again."))


def _validate(job: ImportJob, opened: Roster | None) -> None:
    base = job.file_path.removesuffix(".xlsx")
    job.staging_path, job.report_path = f"{base}.rows.jsonl", f"{base}.errors.xlsx"
    roster = opened or open_roster(media_path(job.file_path), COLUMNS[job.kind])
    report = ErrorReport(media_path(job.report_path), roster.header.titles, roster.header.width)
    ok = bad = done = 0
    preview: list[dict[str, Any]] = []
    try:
        checker = CHECKERS[job.kind](owner=job.owner, region=job.region)
        with media_path(job.staging_path).open("w", encoding="utf-8") as staging:
            for chunk in batched(roster.rows(), CHUNK):
                results: list[RowResult] = checker.check_chunk(chunk)
                for result in results:
                    if result.ok:
                        staging.write(json.dumps(result.staged, ensure_ascii=False) + "\n")
                        ok += 1
                        continue
                    lines = reason_lines(result.reasons, roster.columns)
                    report.add(result.row.number, result.row.values, lines)
                    bad += 1
                    if len(preview) < PREVIEW_ROWS:
                        preview.append({"row": result.row.number, "reasons": lines})
                done += len(results)
                ImportJob.objects.filter(pk=job.pk).update(
                    done_rows=done, total_rows=max(done, job.total_rows), updated_at=timezone.now()
                )
    except BaseException:
        roster.close()
        report.save()  # closes its workbook; _fail removes the half-written file
        raise
    roster.close()
    if not report.save():
        job.report_path = ""
    if bad:  # never imported: neither the upload nor the staged rows are kept
        _remove(job.file_path, job.staging_path)
        job.staging_path = ""
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.VALIDATED,
        total_rows=done,
        done_rows=done,
        ok_rows=ok,
        bad_rows=bad,
        errors_preview=preview,
        staging_path=job.staging_path,
        report_path=job.report_path,
        updated_at=timezone.now(),
    )


# --- confirming and writing -----------------------------------------------------------------


def import_confirm(*, actor: Any, job_id: int) -> ImportJob:
    """The owner's explicit go-ahead: only a checked file with no bad row, only once."""
    job = import_job_get_for(actor, job_id)
    if not can_manage_volunteers_in(actor, job.region_id):
        raise NotAllowed(_("You may import only into your own regions."))
    with transaction.atomic():
        started = ImportJob.objects.filter(
            pk=job.pk, status=ImportJob.Status.VALIDATED, bad_rows=0, ok_rows__gt=0
        ).update(
            status=ImportJob.Status.IMPORTING,
            done_rows=0,
            total_rows=F("ok_rows"),
            updated_at=timezone.now(),
        )
        if not started:
            raise Conflict(
                _("Only a checked file without errors can be imported, and only once."),
                code="import_not_ready",
            )
        cache.set(_progress_key(job.pk), 0, 24 * 3600)
        task_run(import_write, job.pk)
    job.refresh_from_db()
    return job


def import_write(job_id: int) -> None:
    """Write the staged rows (one transaction); on any conflict nothing is written."""
    job = ImportJob.objects.select_related("owner", "region").filter(pk=job_id).first()
    if job is None or job.status != ImportJob.Status.IMPORTING:
        return

    def progress(done: int) -> None:
        cache.set(_progress_key(job_id), done, 24 * 3600)

    with translation.override(job.language):
        try:
            WRITERS[job.kind](job, progress)
        except ImportConflict as exc:
            _conflicted(job, exc.rows, exc.message)
        except IntegrityError:
            # Rolled back. A registration got in since the check: name the rows (committed
            # now, so they are found); anything else refused is a failure like any other.
            rows = CONFLICTS[job.kind](job)
            if rows:
                _conflicted(job, rows, ImportConflict.default_message)
            else:
                logger.exception("writing import %s was refused by the database", job_id)
                _fail(job, _("The import failed unexpectedly; nothing was saved. Try again."))
        except Exception:
            logger.exception("writing import %s failed", job_id)
            _fail(job, _("The import failed unexpectedly; nothing was saved. Try again."))
        else:
            _remove(job.file_path, job.staging_path)
            ImportJob.objects.filter(pk=job.pk).update(staging_path="")
        finally:
            cache.delete(_progress_key(job_id))


def _conflicted(job: ImportJob, rows: Conflicts, message: Any) -> None:
    report = ""
    preview: list[dict[str, Any]] = []
    if rows:
        report = f"{job.file_path.removesuffix('.xlsx')}.conflicts.xlsx"
        roster = open_roster(media_path(job.file_path), COLUMNS[job.kind])
        writer = ErrorReport(media_path(report), roster.header.titles, roster.header.width)
        try:
            for row in roster.rows():
                if row.number in rows:
                    lines = reason_lines(rows[row.number], roster.columns)
                    writer.add(row.number, row.values, lines)
                    if len(preview) < PREVIEW_ROWS:
                        preview.append({"row": row.number, "reasons": lines})
        finally:
            roster.close()
        writer.save()
    _fail(job, message, report_path=report, bad_rows=len(rows), errors_preview=preview)
    audit_record(
        "registry.import.failed",
        obj=job,
        actor=job.owner,
        region_id=job.region_id,
        changes={"kind": job.kind, "file": job.file_name, "conflicting_rows": sorted(rows)[:50]},
    )
