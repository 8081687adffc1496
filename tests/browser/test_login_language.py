"""Signing in, choosing a language, and what an administrator then sees.

The accounts come from ``seed_demo``: every demo account has the same password, and the
phone numbers run 13800000001 (admin) … 13800000012 (resident) in the order of the roles.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "Volcity-demo-2026"
VOLUNTEER_PHONE = "13800000010"
CJK = re.compile(r"[\u4e00-\u9fff]")


def open_menu_if_collapsed(page: Page) -> None:
    """On a phone the navigation hides behind the ☰ button: tap it, as a person would."""
    burger = page.locator("label.nav-burger")
    if burger.is_visible() and not page.locator("#nav-toggle").is_checked():
        burger.click()
    expect(page.locator("nav.nav")).to_be_visible()


def sign_in(page: Page, base_url: str, identifier: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.locator("input[name=identifier]").fill(identifier)
    page.locator("input[name=password]").fill(password)
    page.get_by_test_id("login-submit").click()


@pytest.mark.phone
def test_resident_signs_in_on_a_phone_and_switches_to_english(
    page: Page, app_server: str, screenshot: Callable[[str], Path]
) -> None:
    page.goto(f"{app_server}/")
    expect(page.get_by_test_id("home-title")).to_be_visible()

    open_menu_if_collapsed(page)
    page.get_by_test_id("login-link").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))

    page.locator("input[name=identifier]").fill(VOLUNTEER_PHONE)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.get_by_test_id("login-submit").click()

    expect(page).to_have_url(f"{app_server}/")
    expect(page.get_by_test_id("home-title")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    open_menu_if_collapsed(page)
    my_account = page.locator("nav.nav a[href='/accounts/me/']")
    expect(my_account).to_have_text(CJK)
    screenshot("home-phone-zh.png")

    page.get_by_test_id("lang-en").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(f"{app_server}/")
    open_menu_if_collapsed(page)
    expect(page.get_by_role("link", name="My account")).to_be_visible()
    expect(page.get_by_test_id("lang-zh-hans")).to_be_visible()
    screenshot("home-phone-en.png")

    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    open_menu_if_collapsed(page)
    expect(page.get_by_role("link", name="My account")).to_be_visible()


def test_wrong_password_names_the_field(page: Page, app_server: str) -> None:
    sign_in(page, app_server, "resident", password="not-the-password")

    password_field = page.locator(".field", has=page.locator("input[name=password]"))
    expect(password_field.locator(".error")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def test_city_admin_sees_the_audit_log_of_the_logins(
    page: Page, app_server: str, screenshot: Callable[[str], Path]
) -> None:
    sign_in(page, app_server, "city_admin")
    expect(page).to_have_url(f"{app_server}/")

    page.locator("nav.nav a[href='/manage/']").click()
    page.locator("a.task[href='/audit/']").click()

    expect(page).to_have_url(re.compile(r"/audit/"))
    own_login = page.locator("tbody tr", has_text="accounts.login.succeeded").filter(
        has_text="city_admin"
    )
    expect(own_login.first).to_be_visible()
    screenshot("audit-desktop.png")


def test_town_admin_cannot_open_a_region_outside_scope(
    page: Page, app_server: str, screenshot: Callable[[str], Path]
) -> None:
    # The city administrator sees every town; note two of them.
    sign_in(page, app_server, "city_admin")
    expect(page).to_have_url(f"{app_server}/")
    page.goto(f"{app_server}/regions/")
    all_towns = _region_links(page)
    assert len(all_towns) >= 2, "the demo city should have at least two towns"
    page.context.clear_cookies()

    # The town administrator is shown only the way down to their own town …
    sign_in(page, app_server, "town_admin")
    expect(page).to_have_url(f"{app_server}/")
    page.goto(f"{app_server}/regions/")
    own_towns = _region_links(page)
    assert len(own_towns) == 1, f"a town administrator should see one town, saw {own_towns}"
    own_response = page.goto(f"{app_server}{own_towns[0]}")
    assert own_response is not None and own_response.status == 200

    # … and a town outside that scope is refused, not shown.
    other = next(href for href in all_towns if href not in own_towns)
    response = page.goto(f"{app_server}{other}")
    assert response is not None
    assert response.status == 403
    expect(page.locator("main h1")).to_be_visible()
    screenshot("region-refused-desktop.png")


def _region_links(page: Page) -> list[str]:
    links = page.locator("table tbody a[href^='/regions/']")
    return [href for href in links.evaluate_all("els => els.map(e => e.getAttribute('href'))")]
