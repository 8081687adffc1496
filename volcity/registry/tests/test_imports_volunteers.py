"""Staff import a volunteer roster: every row checked, errors reported per row, nothing saved
until a clean file is confirmed, then all rows written at once."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from volcity.accounts.models import RoleGrant, User
from volcity.audit.models import AuditEntry
from volcity.core.privacy import decrypt_text, id_check_character
from volcity.registry.models import Volunteer
from volcity.registry.models_imports import ImportJob
from volcity.registry.tests.helpers import id_number, phone, register
from volcity.registry.tests.imports_helpers import body, read_sheet, roster, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _imports(settings: Any, tmp_path: Any) -> None:
    settings.PRIVATE_ROOT = tmp_path
    settings.VOLCITY_TASKS_EAGER = True


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 11, 29, 10, 0, tzinfo=datetime.UTC)):
        yield


@pytest.fixture
def admin(client_as: Any) -> Any:
    """The town administrator of 王府街道 (town1), reading English."""
    client = client_as("town_admin")
    client.cookies["django_language"] = "en"
    return client


def person(city: Any, **fields: Any) -> dict[str, Any]:
    row = {
        "name": "王小明",
        "id_number": id_number("19900307"),
        "phone": phone(),
        "region": city["village11"].code,
        "skills": "急救、驾驶",
        "categories": "elderly",
        "available_times": "weekend_morning",
        "political_status": "masses",
    }
    row.update(fields)
    return row


def minor(city: Any, **fields: Any) -> dict[str, Any]:
    values = {
        "name": "王小红",
        "id_number": id_number("20120515", sex="F"),
        "phone": "",
        "guardian_name": "王大山",
        "guardian_phone": phone(),
        "guardian_relation": "父亲",
    }
    values.update(fields)
    return person(city, **values)


def bad_checksum() -> str:
    body17 = "37078119850101123"
    wrong = "0" if id_check_character(body17) != "0" else "1"
    return body17 + wrong


def job_of(response: Any) -> ImportJob:
    assert response.status_code == 302, response.content[:500]
    return ImportJob.objects.get(pk=int(response.url.rstrip("/").split("/")[-1]))


def test_mixed_file_reports_each_bad_row_with_its_reasons_and_saves_nothing(
    admin: Any, city: Any, people: Any
) -> None:
    taken = id_number("19800101")
    register(city["village12"].code, id_number=taken)
    volunteers, users = Volunteer.objects.count(), User.objects.count()
    first = person(city)
    rows = [
        first,  # row 3
        minor(city),  # 4
        person(city, id_number=first["id_number"]),  # 5: same ID as row 3
        person(city, id_number=taken),  # 6: already registered
        person(city, id_number=bad_checksum()),  # 7
        person(city, phone="0536-3212345"),  # 8: a landline
        minor(city, guardian_name="", guardian_phone=""),  # 9
        person(city, region="370781009009"),  # 10: no such village
        person(city, region=city["village21"].code),  # 11: another town's village
    ]
    job = job_of(upload(admin, roster(rows), region=city["town1"].code))

    assert job.status == ImportJob.Status.VALIDATED
    assert (job.total_rows, job.ok_rows, job.bad_rows) == (9, 2, 7)
    expected = {
        5: ["ID number: The same ID number is also on row 3."],
        6: ["ID number: This ID number is already registered to another account."],
        7: ["ID number: The ID number's check character is wrong: it must be "
            f"{id_check_character(bad_checksum()[:17])}."],
        8: ["Mobile number: Enter a mainland mobile number: 11 digits starting with 1."],
        9: [
            "Guardian: Under 18: enter the guardian's name; their consent is needed first.",
            "Guardian's phone: Under 18: enter the guardian's mobile number.",
        ],
        10: ["Village or community: This is not a village or community of the city."],
        11: [
            "Village or community: This village or community is outside the region of this "
            "import (王府街道)."
        ],
    }  # fmt: skip
    assert {item["row"]: item["reasons"] for item in job.errors_preview} == expected
    assert Volunteer.objects.count() == volunteers and User.objects.count() == users

    report = admin.get(reverse("registry:import_report", args=[job.pk]))
    assert report.status_code == 200
    sheet = read_sheet(body(report))
    assert sheet[0][0] == "Row in your file" and sheet[0][-1] == "Reasons"
    assert sheet[0][1:-1] == ("姓名*", "身份证号*", "手机号", "居住村（社区）*", "技能", "服务类别",
                              "可服务时间", "政治面貌", "紧急联系人", "紧急联系人手机号", "监护人",
                              "监护人手机号", "与监护人关系")  # fmt: skip
    by_row = {line[0]: line for line in sheet[1:]}
    assert sorted(by_row) == sorted(expected)
    assert by_row[8][3] == "0536-3212345"  # the row as the user wrote it
    assert by_row[9][-1] == "\n".join(expected[9])

    page = admin.get(reverse("registry:import_job", args=[job.pk]))
    assert b"confirm-import" not in page.content
    refused = admin.post(reverse("registry:import_confirm", args=[job.pk]))
    assert refused.status_code == 409
    assert Volunteer.objects.count() == volunteers


def test_fixed_file_imports_every_row_after_confirmation(
    admin: Any, city: Any, people: Any
) -> None:
    adults = [person(city) for _ in range(3)]
    adults.append(person(city, phone="", region="王府街道第2村", skills="first_aid"))
    kids = [minor(city), minor(city)]
    job = job_of(upload(admin, roster(adults + kids), region=city["town1"].code))
    assert (job.status, job.ok_rows, job.bad_rows) == ("validated", 6, 0)
    assert Volunteer.objects.count() == 0  # nothing before the confirmation

    page = admin.get(reverse("registry:import_job", args=[job.pk]))
    assert b"confirm-import" in page.content and b"Import 6 valid rows" in page.content
    confirmed = admin.post(reverse("registry:import_confirm", args=[job.pk]))
    assert confirmed.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.imported_rows == 6
    assert job.result["minors_pending_consent"] == 2

    volunteers = list(Volunteer.objects.select_related("user").order_by("number"))
    assert len(volunteers) == 6
    numbers = [v.number for v in volunteers]
    assert len(set(numbers)) == 6
    assert [int(n) for n in numbers] == list(range(int(numbers[0]), int(numbers[0]) + 6))
    assert all(v.user.username == v.number for v in volunteers)
    assert all(not v.user.has_usable_password() for v in volunteers)
    typed = {r["id_number"] for r in adults + kids}
    assert {decrypt_text(v.user.id_number_cipher) for v in volunteers} == typed
    statuses = sorted(v.status for v in volunteers)
    assert statuses == ["active"] * 4 + ["pending_consent"] * 2
    assert {v.user.phone for v in volunteers if v.status == "pending_consent"} == {None}
    assert RoleGrant.objects.filter(role="volunteer", user__volunteer__in=volunteers).count() == 6
    assert Volunteer.objects.get(user__display_name="王小明", region=city["village12"])
    skills = {s.code for v in volunteers[:1] for s in v.skills.all()}
    assert skills == {"first_aid", "driving"}
    assert volunteers[0].available_times == ["weekend_morning"]
    assert volunteers[0].registered_by_id == people["town_admin"].pk
    audits = AuditEntry.objects.filter(action="registry.import.completed")
    assert audits.count() == 1 and audits.get().changes["volunteers"] == 6
    assert not AuditEntry.objects.filter(action="registry.volunteer.registered").exists()

    again = admin.post(reverse("registry:import_confirm", args=[job.pk]))
    assert again.status_code == 409  # once only
    assert Volunteer.objects.count() == 6


def test_adult_rows_do_not_keep_guardian_columns(admin: Any, city: Any, people: Any) -> None:
    row = person(city, guardian_name="某监护人", guardian_phone=phone())
    job = job_of(upload(admin, roster([row]), region=city["town1"].code))
    admin.post(reverse("registry:import_confirm", args=[job.pk]))
    volunteer = Volunteer.objects.get()
    assert volunteer.status == "active" and volunteer.guardian_name == ""


def test_registration_made_after_the_check_makes_the_import_fail_whole(
    admin: Any, city: Any, people: Any
) -> None:
    rows = [person(city) for _ in range(3)]
    job = job_of(upload(admin, roster(rows), region=city["town1"].code))
    assert job.ok_rows == 3
    register(city["village11"].code, id_number=rows[1]["id_number"])  # someone got in first
    before = Volunteer.objects.count()

    admin.post(reverse("registry:import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert "nothing was imported" in job.failure
    assert Volunteer.objects.count() == before
    assert [i["row"] for i in job.errors_preview] == [4]
    report = read_sheet(body(admin.get(reverse("registry:import_report", args=[job.pk]))))
    assert [line[0] for line in report[1:]] == [4]
    assert "already registered" in report[1][-1]
    assert AuditEntry.objects.filter(action="registry.import.failed").count() == 1


def test_names_and_codes_are_both_accepted_in_list_columns(
    admin: Any, city: Any, people: Any
) -> None:
    row = person(
        city,
        skills="First aid, 驾驶",
        categories="elderly；Health",
        available_times="Weekend mornings",
        political_status="Communist Party member",
    )
    job = job_of(upload(admin, roster([row]), region=city["town1"].code))
    assert job.bad_rows == 0, job.errors_preview
    admin.post(reverse("registry:import_confirm", args=[job.pk]))
    volunteer = Volunteer.objects.get()
    assert {s.code for s in volunteer.skills.all()} == {"first_aid", "driving"}
    assert {c.code for c in volunteer.categories.all()} == {"elderly", "health"}
    assert volunteer.political_status == "party_member"


def test_id_number_stored_as_a_spreadsheet_number_is_refused_for_lost_digits(
    admin: Any, city: Any, people: Any
) -> None:
    number = id_number("19900307")
    while number.endswith("X"):  # a number a spreadsheet could hold as a number
        number = id_number("19900307")
    row = person(city, id_number=float(number))
    job = job_of(upload(admin, roster([row]), region=city["town1"].code))
    assert job.bad_rows == 1
    assert "dropped digits" in job.errors_preview[0]["reasons"][0]


def test_the_template_example_and_english_line_are_not_imported(
    admin: Any, city: Any, people: Any
) -> None:
    template = admin.get(reverse("registry:import_template", args=["volunteers"]))
    assert template.status_code == 200
    sheet = read_sheet(template.content)
    assert sheet[0][:2] == ("姓名*", "身份证号*") and sheet[1][:2] == ("Name", "ID number")
    assert str(sheet[2][0]).startswith("【示例】")
    codes = read_sheet(template.content, 1)
    village_codes = {line[0] for line in codes}
    assert city["village11"].code in village_codes
    assert city["village21"].code not in village_codes  # another town: not in scope

    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(template.content))
    ws = wb.worksheets[0]
    ws.append(["李四", id_number("19700101"), phone(), city["village12"].code])
    out = io.BytesIO()
    wb.save(out)
    job = job_of(upload(admin, out.getvalue(), region=city["town1"].code))
    assert (job.ok_rows, job.bad_rows) == (1, 0)


def test_reasons_are_written_in_the_uploaders_language(
    client_as: Any, city: Any, people: Any
) -> None:
    chinese = client_as("town_admin")  # pages are Chinese unless the person chose English
    first = person(city)
    rows = [first, person(city, id_number=first["id_number"], phone="0536-3212345")]
    job = job_of(upload(chinese, roster(rows), region=city["town1"].code))
    assert job.language == "zh-hans"
    assert job.errors_preview == [
        {
            "row": 4,
            "reasons": [
                "身份证号：第3行已有相同的身份证号。",
                "手机号：请输入中国大陆手机号：以1开头的11位数字。",
            ],
        }
    ]
    report = read_sheet(body(chinese.get(reverse("registry:import_report", args=[job.pk]))))
    assert report[0][0] == "原行号" and report[0][-1] == "错误原因"
