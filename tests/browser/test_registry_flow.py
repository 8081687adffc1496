"""A team is registered and approved; a new person registers on a phone, applies to join it,
the town administrator approves the application on the roster, and the volunteer is a member.

Self-sufficient: it makes its own team and volunteer in the served demo city, whatever the
registry seed holds.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import PHONE_VIEWPORT, SCREENSHOT_DIR
from volcity.core.privacy import id_check_character

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "Volcity-demo-2026"
TOWN_CODE = "370781001000"  # 王府街道, the demo city's first town: the town administrator's
TEAM_NAME = "王府街道浏览器测试助老服务队"


def sign_in(page: Page, base_url: str, identifier: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.locator("input[name=identifier]").fill(identifier)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.get_by_test_id("login-submit").click()
    expect(page).to_have_url(f"{base_url}/")


def new_id_number() -> str:
    body = f"37078119900307{random.randint(0, 999):03d}"  # noqa: S311 - test data
    return body + id_check_character(body)


@pytest.fixture
def phone_page(browser: Browser) -> Iterator[Page]:
    """A second person's phone: a touch screen of 390×844 with no cookies."""
    context = browser.new_context(
        viewport=PHONE_VIEWPORT,
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def register_team(page: Page, base_url: str) -> str:
    """As the town administrator: register a town team, then approve it. Its page's path."""
    page.goto(f"{base_url}/registry/teams/new/")
    form = page.get_by_test_id("team-form")
    form.locator("input[name=name]").fill(TEAM_NAME)
    form.locator("select[name=type]").select_option("civilized_practice")
    form.locator("select[name=level]").select_option("town")
    form.locator("select[name=region]").select_option(TOWN_CODE)
    form.locator("input[name=categories][value=elderly]").check()
    page.get_by_test_id("team-submit").click()
    expect(page).to_have_url(re.compile(r"/registry/teams/\d+/$"))
    expect(page.locator("h1")).to_have_text(TEAM_NAME)
    page.get_by_test_id("team-approve").click()
    expect(page.locator("dl [data-status=active]").first).to_be_visible()
    return re.sub(r"^https?://[^/]+", "", page.url)


def register_volunteer_on_a_phone(page: Page, base_url: str) -> str:
    """A new person fills in the registration form; their volunteer number."""
    page.goto(f"{base_url}/registry/register/")
    form = page.get_by_test_id("register-form")
    form.locator("input[name=name]").fill("林晓")
    form.locator("input[name=id_number]").fill(new_id_number())
    form.locator("input[name=phone]").fill(f"199{random.randint(0, 99_999_999):08d}")  # noqa: S311
    form.locator("input[name=password]").fill("Qingzhou-volunteer-2026")
    villages = form.locator("select[name=region] option")
    all_villages = villages.count()
    with page.expect_response(re.compile(r"/registry/register/villages/")):
        form.locator("select[name=town]").select_option(TOWN_CODE)
    expect(villages).not_to_have_count(all_villages)  # narrowed to the town's villages
    form.locator("select[name=region]").select_option(index=1)
    form.locator("input[name=skills][value=first_aid]").check()
    form.locator("input[name=categories][value=elderly]").check()
    form.locator("input[name=available_times][value=weekend_morning]").check()
    form.locator("input[name=emergency_name]").fill("林父")
    _save(page, "registry-register-phone.png")
    page.get_by_test_id("register-submit").click()

    expect(page).to_have_url(f"{base_url}/registry/me/")
    number = page.get_by_test_id("volunteer-number")
    expect(number).to_have_text(re.compile(r"^370781\d{8}$"))
    return number.inner_text()


def _save(page: Page, name: str) -> None:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOT_DIR / name, full_page=True)


def test_volunteer_registers_on_a_phone_joins_a_team_and_the_admin_approves(
    page: Page, phone_page: Page, app_server: str, screenshot: Callable[[str], Path]
) -> None:
    sign_in(page, app_server, "town_admin")
    team_path = register_team(page, app_server)

    number = register_volunteer_on_a_phone(phone_page, app_server)
    phone_page.goto(f"{app_server}{team_path}")
    phone_page.get_by_test_id("apply").click()
    expect(phone_page.locator("[data-testid=join] [data-status=applied]")).to_be_visible()

    # The town administrator administers the team's region: they run its roster.
    page.goto(f"{app_server}{team_path}?tab=applied")
    row = page.get_by_test_id("roster-row").filter(has_text=number)
    expect(row).to_be_visible()
    row.get_by_test_id("roster-approve").click()
    expect(page.locator(".msg")).to_be_visible()
    page.get_by_test_id("tab-active").click()
    expect(page.get_by_test_id("roster-row").filter(has_text=number)).to_be_visible()
    screenshot("registry-roster.png")

    phone_page.goto(f"{app_server}/registry/me/")
    team_id = team_path.rstrip("/").rsplit("/", 1)[-1]
    membership = phone_page.get_by_test_id(f"membership-{team_id}")
    expect(membership.locator("[data-status=active]")).to_be_visible()
    expect(membership).to_contain_text(TEAM_NAME)
    _save(phone_page, "registry-me-phone.png")
