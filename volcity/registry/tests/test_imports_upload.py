"""Files that cannot be a roster are refused at upload with a clear message; jobs are private
to the person who uploaded them; the progress card polls while work runs."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from volcity.registry.imports.columns import VOLUNTEER_COLUMNS
from volcity.registry.models_imports import ImportJob
from volcity.registry.tests.helpers import id_number, phone
from volcity.registry.tests.imports_helpers import roster, upload, workbook_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _imports(settings: Any, tmp_path: Any) -> None:
    settings.PRIVATE_ROOT = tmp_path
    settings.VOLCITY_TASKS_EAGER = True


@pytest.fixture
def admin(client_as: Any) -> Any:
    client = client_as("town_admin")
    client.cookies["django_language"] = "en"
    return client


def row(city: Any) -> dict[str, Any]:
    return {
        "name": "张三",
        "id_number": id_number(),
        "phone": phone(),
        "region": city["village11"].code,
    }


def refusal(response: Any) -> str:
    assert response.status_code == 400
    assert ImportJob.objects.count() == 0
    return response.content.decode()


def test_a_text_file_named_xlsx_is_refused(admin: Any, city: Any) -> None:
    page = refusal(upload(admin, b"name,id\n", region=city["town1"].code))
    assert "This is not an Excel workbook (.xlsx)" in page


def test_a_zip_that_is_not_a_workbook_is_refused(admin: Any, city: Any) -> None:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "hi")
    page = refusal(upload(admin, out.getvalue(), region=city["town1"].code))
    assert "This is not an Excel workbook (.xlsx)" in page


def test_an_old_xls_file_is_refused_with_how_to_convert_it(admin: Any, city: Any) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    page = refusal(upload(admin, ole, region=city["town1"].code, name="roster.xls"))
    assert "old-style Excel file (.xls)" in page


def test_an_empty_file_is_refused(admin: Any, city: Any) -> None:
    page = refusal(upload(admin, b"", region=city["town1"].code))
    assert "The submitted file is empty." in page or "The file is empty." in page


def test_an_empty_workbook_is_refused(admin: Any, city: Any) -> None:
    page = refusal(upload(admin, workbook_bytes([]), region=city["town1"].code))
    assert "The workbook is empty: its first sheet has no rows." in page


def test_a_workbook_with_headers_only_is_refused(admin: Any, city: Any) -> None:
    page = refusal(upload(admin, roster([]), region=city["town1"].code))
    assert "The file has the column names but no rows to import." in page


def test_wrong_headers_name_the_missing_and_unknown_columns(admin: Any, city: Any) -> None:
    header = ["姓名", "身份证", "手机号", "住址"]
    content = workbook_bytes([header, ["张三", id_number(), phone(), "某村"]])
    page = refusal(upload(admin, content, region=city["town1"].code))
    assert "The column names in the first row do not match the template" in page
    assert "missing: 身份证号、居住村（社区）" in page
    assert "unknown: 身份证、住址" in page


def test_english_headers_are_accepted(admin: Any, city: Any) -> None:
    content = workbook_bytes([[c.en for c in VOLUNTEER_COLUMNS[:4]], list(row(city).values())])
    response = upload(admin, content, region=city["town1"].code)
    assert response.status_code == 302
    assert ImportJob.objects.get().ok_rows == 1


@pytest.mark.parametrize("write_only", [False, True], ids=["sized", "unsized"])
def test_more_rows_than_the_limit_are_refused(
    admin: Any, city: Any, settings: Any, write_only: bool
) -> None:
    settings.VOLCITY_IMPORT_MAX_ROWS = 3
    content = roster([row(city) for _ in range(4)], write_only=write_only)
    page = refusal(upload(admin, content, region=city["town1"].code))
    assert "The file has more than 3 rows: split it into files of at most 3 rows." in page
    ok = upload(admin, roster([row(city) for _ in range(3)]), region=city["town1"].code)
    assert ok.status_code == 302


def test_a_region_outside_the_admins_scope_cannot_be_chosen(admin: Any, city: Any) -> None:
    response = upload(admin, roster([row(city)]), region=city["town2"].code)
    assert response.status_code == 400
    assert ImportJob.objects.count() == 0


def test_only_administrators_import(client_as: Any, city: Any) -> None:
    for name in ("volunteer", "team_leader", "dispatcher"):
        assert (
            upload(client_as(name), roster([row(city)]), region=city["town1"].code).status_code
            == 403
        )
        assert client_as(name).get(reverse("registry:imports")).status_code == 403


def test_someone_elses_job_is_not_found(admin: Any, client_as: Any, city: Any) -> None:
    response = upload(admin, roster([row(city)]), region=city["town1"].code)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and job.status == "validated"
    for name in ("city_admin", "other_town_admin"):
        other = client_as(name)
        assert other.post(reverse("registry:import_confirm", args=[job.pk])).status_code == 404
        assert other.get(reverse("registry:import_job", args=[job.pk])).status_code == 404
        assert other.get(reverse("registry:import_report", args=[job.pk])).status_code == 404
    job.refresh_from_db()
    assert job.status == "validated"


def test_the_progress_card_polls_every_second_while_the_job_runs(
    admin: Any, city: Any, people: Any
) -> None:
    job = ImportJob.objects.create(
        owner=people["town_admin"],
        kind="volunteers",
        region=city["town1"],
        language="en",
        file_name="big.xlsx",
        file_path="imports/none.xlsx",
        status=ImportJob.Status.VALIDATING,
        total_rows=200,
        done_rows=50,
    )
    url = reverse("registry:import_job", args=[job.pk])
    page = admin.get(url)
    assert b'hx-trigger="every 1s"' in page.content
    assert b'<progress max="200" value="50"' in page.content
    partial = admin.get(url, headers={"HX-Request": "true"})
    assert partial.content.lstrip().startswith(b'<section id="import-job"')
    assert b"Checking: 50 of about 200 rows" in partial.content
    ImportJob.objects.filter(pk=job.pk).update(status="validated", ok_rows=200, done_rows=200)
    finished = admin.get(url, headers={"HX-Request": "true"})
    assert b"hx-trigger" not in finished.content  # polling stops


def test_background_mode_checks_the_file_after_the_upload_commits(
    admin: Any, city: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.VOLCITY_TASKS_EAGER = False
    with django_capture_on_commit_callbacks() as callbacks:
        response = upload(admin, roster([row(city)]), region=city["town1"].code)
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.UPLOADED  # nothing ran inside the request
    assert len(callbacks) == 1


def test_background_tasks_run_in_a_thread_once_the_transaction_commits(
    settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    import threading

    from volcity.registry.tasks import task_run

    settings.VOLCITY_TASKS_EAGER = False
    ran = threading.Event()
    seen: list[str] = []

    def work(word: str) -> None:
        seen.append(threading.current_thread().name)
        ran.set()

    with django_capture_on_commit_callbacks(execute=True):
        task_run(work, "hello")
        assert not ran.is_set()  # not before the commit
    assert ran.wait(timeout=30)
    assert seen == ["volcity-task-work"]
