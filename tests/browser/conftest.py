"""Fixtures for browser flows: a served app on its own database, and Debian's Chromium.

The app runs in a ``manage.py runserver`` subprocess on a database of its own (made fresh,
migrated and seeded with the demo accounts once per session), not in pytest-django's
``live_server``: its flush between tests would fight the audit log's append-only triggers.
These tests therefore never touch the ORM in-process and need no ``django_db`` mark.

Playwright's sync API marks an event loop as running in the main thread while it is
started, which makes Django's ORM refuse to run there. The browser is therefore scoped to
this package and closed before the tests that use the database run after it.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
import pytest
from playwright.sync_api import (
    Browser,
    Page,
    Playwright,
    Response,
    ViewportSize,
    sync_playwright,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
MANAGE_PY = REPO_ROOT / "manage.py"
SCREENSHOT_DIR = REPO_ROOT / "test-artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium tries to reach Google's services, and the network is closed.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE_VIEWPORT: ViewportSize = {"width": 390, "height": 844}
DESKTOP_VIEWPORT: ViewportSize = {"width": 1280, "height": 800}
SERVER_START_SECONDS = 30
DEMO_SEED_ARGS = ["seed_demo", "--scale", "0.0005", "--seed", "7"]

SERVER_LOG_KEY = pytest.StashKey[Path]()
APP_ENV_KEY = pytest.StashKey[dict[str, str]]()
REPORTS_KEY = pytest.StashKey[dict[str, pytest.TestReport]]()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "phone: run the browser test on a phone-sized viewport (390×844, touch)"
    )


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Keep each phase's report on the item (for failure screenshots), and attach the
    served app's log to a failed browser test's report."""
    report: pytest.TestReport = yield
    item.stash.setdefault(REPORTS_KEY, {})[report.when] = report
    log = item.config.stash.get(SERVER_LOG_KEY, None)
    if report.failed and log is not None and "app_server" in getattr(item, "fixturenames", ()):
        report.sections.append(("runserver log (tail)", _tail(log)))
    return report


def _tail(path: Path, lines: int = 60) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        return f"(no log: {exc})"
    return "\n".join(text.splitlines()[-lines:])


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _postgres_database(url: str, suffix: str) -> str:
    """Drop and create ``<name><suffix>`` next to the database ``url`` names; its URL."""
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(url)
    name = f"{config['NAME']}{suffix}"
    with psycopg.connect(
        dbname="postgres",
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        autocommit=True,
    ) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return urlsplit(url)._replace(path=f"/{name}").geturl()


def _manage(args: list[str], env: dict[str, str], *, timeout: float) -> None:
    command = [sys.executable, str(MANAGE_PY), *args]
    result = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        command,
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        output = "\n".join((result.stdout + result.stderr).splitlines()[-40:])
        pytest.fail(
            f"`manage.py {' '.join(args)}` failed with exit code {result.returncode}:\n{output}",
            pytrace=False,
        )


def _wait_until_healthy(process: subprocess.Popen[bytes], base_url: str, log: Path) -> None:
    """Poll /healthz until it answers 200; fail with the server's log if it never does."""
    deadline = time.monotonic() + SERVER_START_SECONDS
    last_error = "no answer yet"
    while True:
        if process.poll() is not None:
            pytest.fail(
                f"runserver exited with code {process.returncode} before answering:\n{_tail(log)}",
                pytrace=False,
            )
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
                last_error = f"HTTP {response.status}"
        except urllib.error.HTTPError as exc:
            last_error = f"HTTP {exc.code}"
        except (urllib.error.URLError, OSError) as exc:
            last_error = str(exc)
        if time.monotonic() > deadline:
            pytest.fail(
                f"runserver did not answer /healthz with 200 within {SERVER_START_SECONDS} s "
                f"(last: {last_error}):\n{_tail(log)}",
                pytrace=False,
            )
        try:  # the pause between polls doubles as a check that the server is still alive
            process.wait(timeout=0.2)
        except subprocess.TimeoutExpired:
            pass


@pytest.fixture(scope="session")
def app_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The base URL of the app served on a fresh, seeded database of its own."""
    workdir = tmp_path_factory.mktemp("app-server")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    suffix = "_browser" + (f"_{worker}" if worker else "")
    source_url = os.environ.get("DATABASE_URL", "")
    engine = dj_database_url.parse(source_url)["ENGINE"] if source_url else ""
    if engine == "django.db.backends.postgresql":
        database_url = _postgres_database(source_url, suffix)
    else:
        database_url = f"sqlite:///{workdir / f'volcity{suffix}.sqlite3'}"

    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "1", "PYTHONUNBUFFERED": "1"}
    request.config.stash[APP_ENV_KEY] = env
    _manage(["migrate", "--no-input", "-v0"], env, timeout=600)
    _manage(DEMO_SEED_ARGS, env, timeout=900)

    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    log = workdir / "runserver.log"
    request.config.stash[SERVER_LOG_KEY] = log
    with log.open("wb") as log_file:
        process = subprocess.Popen(  # noqa: S603 - our own manage.py with fixed arguments
            [sys.executable, str(MANAGE_PY), "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_healthy(process, base_url, log)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        if request.session.testsfailed:
            sys.stderr.write(f"\n--- runserver log (tail) ---\n{_tail(log)}\n")


@pytest.fixture(scope="session")
def app_env(request: pytest.FixtureRequest, app_server: str) -> dict[str, str]:
    """The environment the served app runs with (its ``DATABASE_URL`` above all), for
    ``manage.py`` commands a test runs against the served app's database."""
    return request.config.stash[APP_ENV_KEY].copy()


@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="package")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's Chromium (Playwright's own browser download is not used)."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's `chromium` package"
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI must run the browser tests)", pytrace=False)
        pytest.skip(reason)
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-")


@pytest.fixture
def page(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    """A fresh browser context (no cookies) in Chinese, as a resident of the city has it.

    Desktop-sized by default; ``@pytest.mark.phone`` makes it a 390×844 touch screen."""
    phone = request.node.get_closest_marker("phone") is not None
    context = browser.new_context(
        viewport=PHONE_VIEWPORT if phone else DESKTOP_VIEWPORT,
        is_mobile=phone,
        has_touch=phone,
        device_scale_factor=2 if phone else 1,
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    problems: list[str] = []

    def note_page_error(exc: Exception) -> None:
        problems.append(f"page error: {exc}")

    def note_failed_response(response: Response) -> None:
        if response.status >= 400:
            problems.append(f"HTTP {response.status} {response.url}")

    page.on("pageerror", note_page_error)
    page.on("response", note_failed_response)
    yield page
    reports = request.node.stash.get(REPORTS_KEY, {})
    if "call" in reports and reports["call"].failed:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        try:
            page.screenshot(path=SCREENSHOT_DIR / f"FAILED-{_slug(request.node.name)}.png")
        except Exception as exc:  # noqa: BLE001 - a failure screenshot is best effort
            problems.append(f"no failure screenshot: {exc}")
        if problems:
            reports["call"].sections.append(("browser problems", "\n".join(problems)))
    context.close()


@pytest.fixture
def screenshot(page: Page) -> Callable[[str], Path]:
    """Save a full-page screenshot under test-artifacts/screenshots/ and return its path."""

    def save(name: str) -> Path:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOT_DIR / name
        page.screenshot(path=path, full_page=True)
        return path

    return save


@pytest.fixture
def devices(browser: Browser) -> Iterator[Any]:
    """The browsers of the people in a test (``tests.browser.devices.Devices``), closed after."""
    from tests.browser.devices import Devices

    opened = Devices(browser)
    yield opened
    for context in opened.contexts:
        context.close()
