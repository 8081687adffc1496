"""A town administrator imports a roster with a mistake, reads the error report, fixes the
row, uploads again and imports: nothing is saved from the first file, everything from the second.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.browser.test_registry_flow import TOWN_CODE, sign_in
from volcity.core.privacy import id_check_character
from volcity.registry.tests.imports_helpers import roster

pytestmark = pytest.mark.browser
VILLAGE_CODE = "370781001001"  # the first village of 王府街道 in the demo city


def person(name: str, *, good: bool = True) -> dict[str, str]:
    body = f"37078119850615{random.randint(0, 999):03d}"  # noqa: S311 - test data
    check = id_check_character(body)
    wrong = "0" if check != "0" else "1"
    phone = f"1870000{random.randint(0, 9999):04d}"  # noqa: S311 - test data
    return {
        "name": name,
        "id_number": body + (check if good else wrong),
        "phone": phone,
        "region": VILLAGE_CODE,
        "skills": "first_aid",
        "categories": "elderly",
    }


def upload(page: Page, base_url: str, path: Path) -> None:
    page.goto(f"{base_url}/registry/imports/")
    page.locator("select[name=kind]").select_option("volunteers")
    page.locator("select[name=region]").select_option(TOWN_CODE)
    page.locator("input[name=file]").set_input_files(str(path))
    page.get_by_test_id("upload").click()


def test_town_admin_imports_a_roster_after_fixing_the_bad_row(
    page: Page, app_server: str, tmp_path: Path, screenshot: Callable[[str], Path]
) -> None:
    rows = [person("赵一"), person("钱二", good=False), person("孙三")]
    first = tmp_path / "roster.xlsx"
    first.write_bytes(roster(rows))
    sign_in(page, app_server, "town_admin")

    upload(page, app_server, first)
    # Checking runs in the background; the page polls until it is done.
    expect(page.get_by_test_id("rows-bad")).to_have_text("1", timeout=30_000)
    expect(page.get_by_test_id("rows-ok")).to_have_text("2")
    expect(page.get_by_test_id("confirm-import")).to_have_count(0)
    screenshot("registry-import-errors.png")

    with page.expect_download() as download:
        page.get_by_test_id("error-report").click()
    report = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()), read_only=True)
    lines = [
        [str(c or "") for c in row] for row in report.worksheets[0].iter_rows(values_only=True)
    ]
    flagged = [line for line in lines if "钱二" in line]
    assert flagged, lines
    assert any("身份证" in cell for cell in flagged[0]), flagged

    rows[1] = person("钱二")
    fixed = tmp_path / "roster-fixed.xlsx"
    fixed.write_bytes(roster(rows))
    upload(page, app_server, fixed)
    expect(page.get_by_test_id("rows-bad")).to_have_text("0", timeout=30_000)
    page.get_by_test_id("confirm-import").click()
    expect(page.get_by_test_id("done")).to_be_visible(timeout=30_000)
    screenshot("registry-import-done.png")

    page.goto(f"{app_server}/registry/volunteers/?q=钱二")
    expect(page.locator("table.dense tbody")).to_contain_text("钱二")
