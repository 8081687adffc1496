"""Roster import figure: a 160,400 × scale-row volunteer roster (.xlsx, every row valid),
uploaded, checked and written through the code path of the import pages, against the raw
limit: the very rows the import wrote, bulk-inserted again through the DB-API cursor.

Ours: ``import_upload`` (store the file, open it, check the headers and size) and, as the
pages do once the background task runs, ``import_validate`` (read every row with openpyxl in
read-only mode, ``volunteer_clean`` per row with one ``Lookups.load()``, duplicate checks in
the file and per chunk against the database, ID numbers sealed with AES-GCM + HMAC), then
``import_confirm`` and ``import_write`` (volunteer numbers reserved in one block, ORM
``bulk_create`` of users, volunteers, skill and category links and VOLUNTEER grants in one
transaction, one audit entry). Tasks run eagerly (``VOLCITY_TASKS_EAGER``), so the clock sees
all the work. Raw: the rows it wrote (users, volunteers, links, grants, same ciphertexts) read
back, deleted, the tables vacuumed, then inserted again in one transaction in batches of the
same size: ``executemany`` on SQLite, ``COPY`` on PostgreSQL (as in ``bench_seed``).
Generating the roster file is not timed in either; ``extra`` reports it, and splits ours
into checking and writing.
"""

from __future__ import annotations

import datetime
import random
import re
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from django.core.files import File
from django.db import connection, transaction
from django.db.models import Max, Model
from django.test import override_settings
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from bench.harness import Figure, throughput_figure, timed
from volcity.accounts.models import RoleGrant, User
from volcity.core.seeding import (
    DEFAULT_BATCH_SIZE,
    SEED_SCALE,
    ChineseNames,
    IdNumbers,
    batched,
    mobile_number,
)
from volcity.regions.models import Region
from volcity.registry.choices import AvailableTime, PoliticalStatus
from volcity.registry.imports.columns import VOLUNTEER_COLUMNS
from volcity.registry.imports.jobs import import_confirm, import_upload
from volcity.registry.models import ServiceCategory, Skill, Volunteer
from volcity.registry.models_imports import ImportJob

SEED = 11
# Roster people get ID numbers of another county and phones from an index range the seed
# never uses, so no row clashes with the seeded city.
ADDRESS_CODE = "370702"
PHONE_INDEX_OFFSET = 900_000_000


def roster_rows(
    count: int, *, villages: Sequence[str], today: datetime.date
) -> Iterator[list[Any]]:
    """Valid roster rows, as people fill in the template (names of skills and categories)."""
    rng = random.Random(f"{SEED}:registry.import")
    names = ChineseNames()
    ids = IdNumbers(ADDRESS_CODE)  # born 1950 to 2010: a few are under 18
    skills = list(Skill.objects.values_list("name", flat=True))
    categories = list(ServiceCategory.objects.values_list("name", flat=True))
    times = list(AvailableTime.values)
    political = list(PoliticalStatus.values)
    adult_born_before = today.replace(year=today.year - 18)
    for n in range(count):
        person = ids.draw(rng)
        minor = person.birth_date > adult_born_before
        row = {
            "name": names.name(rng, person.sex),
            "id_number": person.number,
            "phone": "" if minor else mobile_number(PHONE_INDEX_OFFSET + n, seed=SEED),
            "region": rng.choice(villages),
            "skills": "、".join(rng.sample(skills, rng.randint(0, 2))),
            "categories": "、".join(rng.sample(categories, rng.randint(1, 2))),
            "available_times": ",".join(rng.sample(times, rng.randint(1, 2))),
            "political_status": rng.choice(political),
            "emergency_name": names.name(rng, "F"),
            "emergency_phone": mobile_number(PHONE_INDEX_OFFSET + count + n, seed=SEED),
        }
        if minor:
            row["guardian_name"] = names.name(rng, "M")
            row["guardian_phone"] = row["emergency_phone"]
            row["guardian_relation"] = "父亲"
        yield [row.get(c.key, "") for c in VOLUNTEER_COLUMNS]


_INLINE = re.compile(rb'<c([^>]*?) t="inlineStr"><is><t(?: [^>]*)?>(.*?)</t></is></c>', re.S)
_SHEET = "xl/worksheets/sheet1.xml"
_SHARED = "xl/sharedStrings.xml"
_NS = "http://schemas.openxmlformats.org"


def as_excel_saves_it(source: Path, target: Path, *, rows: int, columns: int) -> None:
    """Re-pack openpyxl's write-only output the way Excel and WPS save a workbook: text in a
    shared-strings table (openpyxl writes it inline in each cell) and the sheet's size
    declared (openpyxl's write-only mode leaves it out, which costs its reader a whole extra
    pass at opening). Streams the sheet, row by row."""
    strings: dict[bytes, int] = {}

    def shared(match: re.Match[bytes]) -> bytes:
        index = strings.setdefault(match.group(2), len(strings))
        return b'<c%s t="s"><v>%d</v></c>' % (match.group(1), index)

    last = get_column_letter(columns)
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            if item.filename == _SHEET:
                with zin.open(item) as src, zout.open(_SHEET, "w") as dst:
                    tail = b""
                    head_done = False
                    while chunk := src.read(1 << 20):
                        buffer = tail + chunk
                        cut = buffer.rfind(b"</row>") + len(b"</row>") if b"</row>" in buffer else 0
                        part, tail = buffer[:cut], buffer[cut:]
                        if not head_done and b"</sheetPr>" in part:
                            dim = b'</sheetPr><dimension ref="A1:%s%d"/>' % (last.encode(), rows)
                            part = part.replace(b"</sheetPr>", dim, 1)
                            head_done = True
                        dst.write(_INLINE.sub(shared, part))
                    dst.write(tail)
                continue
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            elif item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    f'<Relationship Id="rIdShared" Type="{_NS}/officeDocument/2006/relationships/'
                    f'sharedStrings" Target="sharedStrings.xml"/></Relationships>'.encode(),
                )
            zout.writestr(item, data)
        with zout.open(_SHARED, "w") as dst:
            dst.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                b'<sst xmlns="%s/spreadsheetml/2006/main" count="%d" uniqueCount="%d">'
                % (_NS.encode(), len(strings), len(strings))
            )
            for text in strings:
                dst.write(b"<si><t>%s</t></si>" % text)
            dst.write(b"</sst>")


def write_roster(path: Path, count: int) -> None:
    villages = list(
        Region.objects.filter(level=Region.Level.VILLAGE)
        .order_by("code")
        .values_list("code", flat=True)
    )
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("志愿者")
    ws.append([c.header() for c in VOLUNTEER_COLUMNS])
    ws.append([c.en for c in VOLUNTEER_COLUMNS])
    for row in roster_rows(count, villages=villages, today=timezone.localdate()):
        ws.append(row)
    plain = path.with_suffix(".write-only.xlsx")
    workbook.save(plain)
    as_excel_saves_it(plain, path, rows=count + 2, columns=len(VOLUNTEER_COLUMNS))
    plain.unlink()


# --- ours -----------------------------------------------------------------------------------


def import_through_pages(path: Path, actor: User, region: Region) -> tuple[ImportJob, float]:
    """Upload (checking included, as the eager task runs it) and confirm (writing included).
    Returns the job and the seconds spent up to the end of checking."""
    with override_settings(VOLCITY_TASKS_EAGER=True):
        start = time.perf_counter()
        with path.open("rb") as fh:
            job = import_upload(
                actor=actor, kind="volunteers", region=region, upload=File(fh, name=path.name)
            )
        job.refresh_from_db()
        checked = time.perf_counter() - start
        if job.status != ImportJob.Status.VALIDATED or job.bad_rows:
            raise RuntimeError(f"the bench roster did not check clean: {job.errors_preview[:3]}")
        job = import_confirm(actor=actor, job_id=job.pk)
    if job.status != ImportJob.Status.DONE:
        raise RuntimeError(f"the bench import did not finish: {job.status} {job.failure}")
    return job, checked


# --- raw ------------------------------------------------------------------------------------


def _columns(model: type[Model]) -> list[str]:
    return [f.column for f in model._meta.concrete_fields]


def _quoted(names: Sequence[str]) -> str:
    return ", ".join(connection.ops.quote_name(n) for n in names)


def _table(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _read(model: type[Model], where: str, param: int) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {_quoted(_columns(model))} FROM {_table(model)} WHERE {where} ORDER BY id",
            [param],
        )
        return cursor.fetchall()


def _delete(tables: list[tuple[type[Model], str, int]]) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        for model, where, param in tables:
            cursor.execute(f"DELETE FROM {_table(model)} WHERE {where}", [param])
    with connection.cursor() as cursor:  # outside a transaction, as VACUUM requires
        if connection.vendor == "sqlite":
            cursor.execute("VACUUM")
        else:
            for model, _where, _param in tables:
                cursor.execute(f"VACUUM ANALYZE {_table(model)}")


def _insert_executemany(tables: list[tuple[type[Model], list[tuple[Any, ...]]]]) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        for model, rows in tables:
            columns = _columns(model)
            sql = (
                f"INSERT INTO {_table(model)} ({_quoted(columns)}) "
                f"VALUES ({', '.join(['%s'] * len(columns))})"
            )
            for batch in batched(rows, DEFAULT_BATCH_SIZE):
                cursor.executemany(sql, batch)


def _insert_copy(tables: list[tuple[type[Model], list[tuple[Any, ...]]]]) -> None:
    with transaction.atomic(), connection.cursor() as wrapper:
        cursor = wrapper.cursor  # the psycopg cursor under Django's wrapper
        for model, rows in tables:
            sql = f"COPY {_table(model)} ({_quoted(_columns(model))}) FROM STDIN"
            for batch in batched(rows, DEFAULT_BATCH_SIZE):
                with cursor.copy(sql) as copy:
                    for row in batch:
                        copy.write_row(row)


def _last_id(model: type[Model]) -> int:
    return int(model._default_manager.aggregate(m=Max("id"))["m"] or 0)


def bench_roster_import(scale: float) -> Figure:
    count = max(1, round(SEED_SCALE["volunteers"] * scale))
    actor = User.objects.get(username="city_admin")
    city = Region.objects.get(level=Region.Level.CITY)
    skill_link, category_link = Volunteer.skills.through, Volunteer.categories.through
    models: list[type[Model]] = [User, Volunteer, skill_link, category_link, RoleGrant]
    before = {m: _last_id(m) for m in models}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "roster.xlsx"
        print(f"bench: writing a {count:,}-row roster", file=sys.stderr)
        generate = timed(lambda: write_roster(path, count))
        size = path.stat().st_size
        print("bench: importing it", file=sys.stderr)
        start = time.perf_counter()
        job, checked = import_through_pages(path, actor, city)
        ours = time.perf_counter() - start

    written = [(m, _read(m, "id > %s", before[m])) for m in models]
    if len(written[1][1]) != count or len(written[0][1]) != count:
        raise RuntimeError("the rows read back do not match the rows the import wrote")
    # Children before parents when deleting; parents first when inserting.
    deletions = [(m, "id > %s", before[m]) for m in reversed(models)]
    extra: dict[str, Any] = {}
    if connection.vendor == "postgresql":
        _delete(deletions)
        extra["executemany_rows_per_s"] = round(
            count / timed(lambda: _insert_executemany(written)), 1
        )
        baseline, insert_raw = "COPY FROM STDIN (psycopg)", _insert_copy
    else:
        baseline, insert_raw = "cursor.executemany", _insert_executemany
    _delete(deletions)
    raw = timed(lambda: insert_raw(written))
    table_rows = {m._meta.db_table: len(rows) for m, rows in written}
    return throughput_figure(
        "registry roster import (.xlsx, validated) vs raw bulk insert of the same rows",
        rows=count,
        ours_seconds=ours,
        raw_seconds=raw,
        scale=scale,
        ours_seconds_total=round(ours, 3),
        ours_check_seconds=round(checked, 3),
        ours_write_seconds=round(ours - checked, 3),
        baseline_seconds_total=round(raw, 3),
        baseline_method=baseline,
        table_rows=table_rows,
        rows_written=sum(table_rows.values()),
        roster_file_bytes=size,
        roster_generation_seconds=round(generate, 3),
        minors_pending_consent=job.result.get("minors_pending_consent", 0),
        **extra,
    )


def run(scale: float) -> tuple[list[Figure], dict[str, Any]]:
    return [bench_roster_import(scale)], {}
