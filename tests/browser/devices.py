"""What the browser flows share: the people's browsers (each a context of its own, in
Chinese), signing in with the demo password, screenshots, and reading a QR code off a screen."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from tests.browser.conftest import DESKTOP_VIEWPORT, PHONE_VIEWPORT, SCREENSHOT_DIR

DEMO_PASSWORD = "Volcity-demo-2026"
# Where the activity takes place, and where the volunteer's phone says it is.
PLACE = {"latitude": 36.6965, "longitude": 118.4798}


class Devices:
    """The browsers of the people in a test, each a context of its own (no shared cookies),
    in Chinese; what went wrong on any of their pages (script errors, HTTP errors)."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.contexts: list[BrowserContext] = []
        self.problems: list[str] = []

    def open(self, *, phone: bool, at_place: bool = False) -> Page:
        """A desktop or a phone; a phone at the place lets pages read its location
        (geolocation granted, set to the activity's coordinates)."""
        extra: dict[str, object] = {}
        if at_place:
            extra = {"geolocation": PLACE, "permissions": ["geolocation"]}
        context = self.browser.new_context(
            viewport=PHONE_VIEWPORT if phone else DESKTOP_VIEWPORT,
            is_mobile=phone,
            has_touch=phone,
            device_scale_factor=2 if phone else 1,
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
            **extra,  # type: ignore[arg-type]
        )
        context.set_default_timeout(15_000)
        self.contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda exc: self.problems.append(f"page error: {exc}"))
        page.on(
            "response",
            lambda r: self.problems.append(f"HTTP {r.status} {r.url}") if r.status >= 400 else None,
        )
        return page


def sign_in(page: Page, base_url: str, identifier: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.locator("input[name=identifier]").fill(identifier)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.get_by_test_id("login-submit").click()
    expect(page).to_have_url(f"{base_url}/")


def save(page: Page, name: str, target: Locator | None = None) -> Path:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / name
    page.wait_for_load_state("load")  # a click's navigation may not have its styles yet
    if target is None:
        page.screenshot(path=path, full_page=True)
    else:
        target.screenshot(path=path)
    return path


def path_of(page: Page) -> str:
    return re.sub(r"^https?://[^/]+", "", page.url)


def zbar(image: Path) -> str:
    """The text of the one QR code in ``image``."""
    result = subprocess.run(  # noqa: S603 - fixed tool, our own file
        ["/usr/bin/zbarimg", "--raw", "-q", str(image)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, f"no QR code found in {image}: {result.stderr}"
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]
