"""Service delivery end to end, in Chromium: issue 4's "done when".

1. A team leader (desktop) creates and publishes an activity of their team; a new volunteer
   registers on a phone and signs up; the leader puts up the check-in QR; the phone opens the
   address the QR holds (decoded from the screen with ``zbarimg``) and checks in at the place;
   time passes; the phone scans again and checks out; the leader approves the record; the
   volunteer's hours and star progress show it; the certificate PDF downloads, its text and QR
   are checked, and ``/verify/<number>`` confirms it without showing the ID number.
2. The town administrator opens a mobilisation campaign of two sites inviting team 1; its
   leader accepts and sends members to each site; the administrator's board shows the sites
   filling up.

Self-sufficient in the served demo city: the activity, the volunteer and the campaign are made
here; only the demo accounts and team 1's members come from the seed.
"""

from __future__ import annotations

import datetime
import json
import random
import re
import subprocess
import sys
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.browser.conftest import MANAGE_PY, PHONE_VIEWPORT, REPO_ROOT
from tests.browser.devices import PLACE, Devices, path_of, save, sign_in, zbar
from volcity.core.privacy import id_check_character, mask_id_number, mask_name

pytestmark = pytest.mark.browser

CITY_TIME = ZoneInfo("Asia/Shanghai")
TOWN_CODE = "370781001000"  # 王府街道: team 1's town, the town administrator's
TEAM_1 = "王府街道新时代文明实践志愿服务队"
ARTIFACTS = REPO_ROOT / "test-artifacts"
FIRST_STAR_HOURS = 100  # VOLCITY_STAR_THRESHOLDS' default, which the served app runs with
SERVED_MINUTES = 90  # how long the volunteer serves before checking out (simulated)
VOLUNTEER_NAME = "周晓萌"


def new_id_number() -> str:
    body = f"37078119880512{random.randint(0, 999):03d}"  # noqa: S311 - test data
    return body + id_check_character(body)


def register_volunteer(page: Page, base_url: str, id_number: str, phone: str) -> str:
    """A new person registers on their phone; their volunteer number."""
    page.goto(f"{base_url}/registry/register/")
    form = page.get_by_test_id("register-form")
    form.locator("input[name=name]").fill(VOLUNTEER_NAME)
    form.locator("input[name=id_number]").fill(id_number)
    form.locator("input[name=phone]").fill(phone)
    form.locator("input[name=password]").fill("Qingzhou-volunteer-2026")
    villages = form.locator("select[name=region] option")
    all_villages = villages.count()
    with page.expect_response(re.compile(r"/registry/register/villages/")):
        form.locator("select[name=town]").select_option(TOWN_CODE)
    expect(villages).not_to_have_count(all_villages)
    form.locator("select[name=region]").select_option(index=1)
    form.locator("input[name=categories][value=elderly]").check()
    form.locator("input[name=emergency_name]").fill("周母")
    page.get_by_test_id("register-submit").click()
    expect(page).to_have_url(f"{base_url}/registry/me/")
    number = page.get_by_test_id("volunteer-number")
    expect(number).to_have_text(re.compile(r"^370781\d{8}$"))
    return number.inner_text()


# --- the served app's clock ------------------------------------------------------------------

# Time cannot pass for real in a test, and the served app runs in a process of its own, so
# its database is told instead: everything the shift holds (its start and end, its sign-ups'
# times, their check-in attempts) moves back by the same span, exactly as if that much time
# had gone by. Nothing else is touched.
TIME_PASSES = """
import datetime, json, os
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from volcity.activities.models import CheckinAttempt, Shift, Signup

args = json.loads(os.environ["FLOW_ARGS"])
shift = Shift.objects.get(pk=args["shift"])
if args["until_start"]:
    # until the shift has just begun (a minute ago)
    span = shift.starts_at - timezone.now() + datetime.timedelta(minutes=1)
else:
    span = datetime.timedelta(minutes=args["minutes"])
fields = ("created_at", "queued_at", "risk_accepted_at", "checked_in_at", "checked_out_at")
with transaction.atomic():
    Shift.objects.filter(pk=shift.pk).update(
        starts_at=F("starts_at") - span, ends_at=F("ends_at") - span
    )
    signups = Signup.objects.filter(shift_id=shift.pk)
    for name in fields:
        signups.filter(**{name + "__isnull": False}).update(**{name: F(name) - span})
    CheckinAttempt.objects.filter(signup__shift_id=shift.pk).update(at=F("at") - span)
shift.refresh_from_db()
print(json.dumps({"starts_at": shift.starts_at.isoformat(), "ends_at": shift.ends_at.isoformat()}))
"""


def time_passes(
    app_env: dict[str, str], shift_id: int, *, minutes: int = 0, until_start: bool = False
) -> dict[str, str]:
    """Let time pass for the shift in the served app's database (see TIME_PASSES)."""
    env = {
        **app_env,
        "FLOW_ARGS": json.dumps(
            {"shift": shift_id, "minutes": minutes, "until_start": until_start}
        ),
    }
    result = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, str(MANAGE_PY), "shell", "-c", TIME_PASSES],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    moved: dict[str, str] = json.loads(result.stdout.strip().splitlines()[-1])
    return moved


# --- QR codes --------------------------------------------------------------------------------


def scan_code_screen(screen: Page, name: str) -> str:
    """What a phone camera reads off the staff's code screen: the QR, decoded."""
    screen.reload()
    return zbar(save(screen, name, screen.get_by_test_id("checkin-code").locator(".qr-box")))


# --- helpers of the flow ---------------------------------------------------------------------


def tomorrow_at_nine() -> str:
    """A shift line of the activity form for tomorrow 09:00-12:00 (city time), 5 seats: in
    the future, as the form wants, whenever the test runs; time is then made to pass."""
    day = datetime.datetime.now(CITY_TIME).date() + datetime.timedelta(days=1)
    return f"{day.isoformat()} 09:00-12:00 5"


def create_and_publish_activity(page: Page, base_url: str, title: str) -> tuple[str, int]:
    """As team 1's leader: a new activity with one shift, published. Its path and shift id."""
    page.goto(f"{base_url}/activities/manage/new/")
    form = page.get_by_test_id("activity-form")
    form.locator("input[name=title]").fill(title)
    form.locator("select[name=team]").select_option(label=TEAM_1)
    form.locator("textarea[name=description]").fill("清理楼道杂物，擦洗健身器材。")
    form.locator("select[name=region]").select_option(TOWN_CODE)
    form.locator("input[name=address]").fill("青州市王府街道驼山路社区服务中心")
    form.locator("input[name=latitude]").fill(str(PLACE["latitude"]))
    form.locator("input[name=longitude]").fill(str(PLACE["longitude"]))
    form.locator("textarea[name=shifts]").fill(tomorrow_at_nine())
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/activities/\d+/$"))
    expect(page.locator("h1")).to_contain_text(title)
    page.get_by_test_id("publish").click()
    expect(page.get_by_test_id("publish")).to_have_count(0)
    expect(page.get_by_test_id("signup-button")).to_have_count(1)  # open for sign-ups
    roster = page.get_by_test_id("manage-actions").locator("a[href*='/roster/']")
    expect(roster).to_have_count(1)
    href = roster.get_attribute("href") or ""
    shift_id = int(re.search(r"/shifts/(\d+)/roster/", href)[1])  # type: ignore[index]
    return path_of(page), shift_id


def check_in_or_out(phone: Page, scan_url: str, action: str) -> dict[str, object]:
    """Open what the QR holds on the phone, press Check in / Check out; the API's answer."""
    phone.goto(scan_url)
    panel = phone.get_by_test_id("scan-panel")
    expect(panel).to_be_visible()
    expect(phone.get_by_test_id("scan-code-stale")).to_have_count(0)
    button = phone.get_by_test_id("checkin-button" if action == "in" else "checkout-button")
    with phone.expect_response(re.compile(r"/checkin$|/checkout$")) as answer:
        button.click()
    response = answer.value
    body: dict[str, object] = response.json()
    assert response.ok, body
    assert body["kind"] == action and body["replayed"] is False, body
    expect(panel).to_have_attribute("data-state", "in" if action == "in" else "done")
    result = phone.get_by_test_id("checkin-result")
    expect(result).to_be_visible()
    expect(result).to_have_class(re.compile(r"\bmsg-ok\b"))
    expect(result).to_have_text(str(body["message"]))
    return body


def hours_text(minutes: int) -> str:
    return f"{minutes / 60:.1f}"  # as the pages and the certificate show hours


# --- the tests -------------------------------------------------------------------------------


def test_volunteer_serves_a_shift_and_gets_a_verified_certificate(
    devices: Devices, app_server: str, app_env: dict[str, str]
) -> None:
    leader = devices.open(phone=False)
    phone = devices.open(phone=True, at_place=True)

    # 1. The leader creates and publishes an activity of team 1 with one shift.
    sign_in(leader, app_server, "team_leader")
    title = "浏览器测试：楼道清洁志愿服务"
    activity_path, shift_id = create_and_publish_activity(leader, app_server, title)

    # 2. A new volunteer registers on their phone and signs up on the activity page.
    id_number = new_id_number()
    mobile = f"198{random.randint(0, 99_999_999):08d}"  # noqa: S311 - test data
    number = register_volunteer(phone, app_server, id_number, mobile)
    phone.goto(f"{app_server}{activity_path}")
    row = phone.get_by_test_id("shift-row")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("09:00–12:00")
    save(phone, "service-activity-phone.png")
    row.get_by_test_id("signup-button").click()
    expect(phone).to_have_url(f"{app_server}/activities/me/shifts/")
    mine = phone.get_by_test_id("upcoming").locator("[data-testid^=my-signup-]")
    expect(mine).to_have_count(1)
    expect(mine).to_contain_text(title)
    expect(mine.get_by_test_id("signup-status")).to_have_attribute("data-status", "confirmed")
    save(phone, "service-signup-phone.png")

    # Time passes until the shift begins (the form takes only shifts to come).
    time_passes(app_env, shift_id, until_start=True)

    # 3. The leader puts up the check-in code; the phone scans it and checks in at the place.
    leader.goto(f"{app_server}/activities/shifts/{shift_id}/roster/")
    leader.get_by_test_id("roster-checkin-code").click()
    expect(leader).to_have_url(f"{app_server}/activities/shifts/{shift_id}/checkin-code/")
    expect(leader.get_by_test_id("checkin-code-page")).to_contain_text(title)
    save(leader, "service-checkin-code.png")
    scan_url = scan_code_screen(leader, "service-checkin-qr.png")
    assert re.fullmatch(
        rf"{re.escape(app_server)}/activities/shifts/{shift_id}/scan/\?c=[A-Za-z0-9_-]{{12}}",
        scan_url,
    ), scan_url
    checked_in = check_in_or_out(phone, scan_url, "in")
    assert checked_in["distance_m"] == 0, checked_in
    save(phone, "service-checkin-phone.png")
    leader.reload()  # checked in 1 of 1, here now 1 (in whatever order the language says it)
    expect(leader.get_by_test_id("checkin-counts")).to_have_text(re.compile(r"^\D*1\D+1\D+1\D*$"))

    # 4. Ninety minutes of service pass; the volunteer scans the code again and checks out.
    moved = time_passes(app_env, shift_id, minutes=SERVED_MINUTES)
    started = datetime.datetime.fromisoformat(moved["starts_at"])
    assert started <= datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=1)
    scan_url = scan_code_screen(leader, "service-checkout-qr.png")
    checked_out = check_in_or_out(phone, scan_url, "out")
    minutes = int(checked_out["minutes"])  # type: ignore[call-overload]
    # The whole minutes from the check-in (just after the start) to the check-out: the span
    # that passed, and the moments this test took besides.
    served = datetime.datetime.fromisoformat(str(checked_out["checked_out_at"])) - (
        datetime.datetime.fromisoformat(str(checked_out["checked_in_at"]))
    )
    assert minutes == int(served.total_seconds() // 60), checked_out
    assert minutes >= SERVED_MINUTES, checked_out
    expect(phone.get_by_test_id("checkin-result")).to_contain_text(hours_text(minutes))
    save(phone, "service-checkout-phone.png")

    # 5. The leader approves the pending record; the volunteer's hours and star progress show.
    record_id = checked_out["record_id"]
    leader.goto(f"{app_server}/activities/records/")
    record_row = leader.get_by_test_id(f"row-{record_id}")
    expect(record_row).to_contain_text(number)
    expect(record_row).to_contain_text(title)
    expect(record_row.locator("td").nth(5)).to_have_text(hours_text(minutes))
    record_row.get_by_test_id(f"approve-{record_id}").click()
    expect(leader.locator(".msg").first).to_be_visible()
    expect(leader.get_by_test_id(f"row-{record_id}")).to_have_count(0)  # no longer pending

    phone.goto(f"{app_server}/activities/me/hours/")
    expect(phone.get_by_test_id("hours-approved")).to_contain_text(hours_text(minutes))
    # ... from one record (the only lone "1" on the card)
    expect(phone.get_by_test_id("hours-card")).to_contain_text(re.compile(r"(?<![\d.])1(?![\d.])"))
    expect(phone.get_by_test_id("hours-pending")).to_have_count(0)
    stars = phone.get_by_test_id("stars-card")
    progress = stars.locator("progress#star-progress")
    expect(progress).to_have_attribute("value", str(minutes * 100 // (FIRST_STAR_HOURS * 60)))
    expect(stars.locator("label[for=star-progress]")).to_contain_text(
        hours_text(FIRST_STAR_HOURS * 60 - minutes)
    )
    expect(stars.locator("label[for=star-progress]")).to_contain_text(str(FIRST_STAR_HOURS))
    expect(phone.get_by_test_id(f"record-{record_id}")).to_contain_text(hours_text(minutes))
    save(phone, "service-my-hours-phone.png")

    # 6. The volunteer issues a certificate and downloads its PDF.
    phone.goto(f"{app_server}/activities/certificates/")
    phone.get_by_test_id("certificate-issue").locator("button[type=submit]").click()
    certificate = phone.get_by_test_id("certificates").locator("[data-testid^=certificate-QZ]")
    expect(certificate).to_have_count(1)
    cert_number = (certificate.get_attribute("data-testid") or "").removeprefix("certificate-")
    assert re.fullmatch(r"QZ\d{4}\d{7}-[2-9A-HJKMNP-Z]{6}", cert_number), cert_number
    save(phone, "service-certificates-phone.png")
    with phone.expect_download() as download_info:
        certificate.locator("a[href$='.pdf']").click()
    download = download_info.value
    assert download.suggested_filename == f"certificate-{cert_number}.pdf"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf_path = ARTIFACTS / download.suggested_filename
    download.save_as(pdf_path)

    text = "".join(p.extract_text() or "" for p in PdfReader(pdf_path).pages)
    assert cert_number in text
    assert number in text
    assert id_number not in text  # the certificate carries the masked ID number only
    prefix = ARTIFACTS / f"certificate-{cert_number}"
    subprocess.run(  # noqa: S603 - fixed tool, our own file
        [
            "/usr/bin/pdftoppm",
            "-png",
            "-r",
            "100",
            "-f",
            "1",
            "-l",
            "1",
            str(pdf_path),
            str(prefix),
        ],
        check=True,
        timeout=60,
    )
    rendered = sorted(ARTIFACTS.glob(f"certificate-{cert_number}-*1.png"))
    assert rendered, "pdftoppm rendered no page"
    verify_url = zbar(rendered[0])
    assert verify_url == f"{app_server}/verify/{cert_number}"

    # ... and anyone who scans it sees it confirmed, without the ID number.
    phone.goto(verify_url)
    expect(phone.get_by_test_id("verify-valid")).to_be_visible()
    result = phone.get_by_test_id("verify-result")
    expect(result).to_contain_text(cert_number)
    expect(result).to_contain_text(number)
    expect(phone.get_by_test_id("verify-holder")).to_have_text(mask_name(VOLUNTEER_NAME))
    expect(result.locator("dd").nth(3)).to_have_text(hours_text(minutes))
    content = phone.content()
    for secret in (id_number, mask_id_number(id_number), VOLUNTEER_NAME, mobile):
        assert secret not in content
    save(phone, "service-verify-phone.png")
    assert not devices.problems


def test_campaign_sites_fill_as_the_leader_sends_members(devices: Devices, app_server: str) -> None:
    admin = devices.open(phone=False)
    leader = devices.open(phone=False)

    # The town administrator opens a campaign: 2 sites x 1 shift of 2 seats, team 1 invited.
    sign_in(admin, app_server, "town_admin")
    admin.goto(f"{app_server}/activities/campaigns/")
    admin.get_by_test_id("campaign-new").click()
    form = admin.get_by_test_id("campaign-form")
    name = "浏览器测试：王府街道核酸检测支援"
    form.locator("input[name=name]").fill(name)
    form.locator("select[name=kind]").select_option("testing")
    form.locator("select[name=region]").select_option(TOWN_CODE)
    form.locator("textarea[name=sites]").fill(
        "第一采样点 | 青州市王府街道驼山路1号 | 36.6901,118.4802 | 2\n"
        "第二采样点 | 青州市王府街道范公亭路8号 | 36.6930,118.4830 | 2\n"
    )
    # Far enough ahead that no member's seeded shift overlaps it.
    day = datetime.datetime.now(CITY_TIME).date() + datetime.timedelta(days=200)
    form.locator("textarea[name=shifts]").fill(f"{day.isoformat()} 06:00-08:00")
    form.locator("select[name=team_ids]").select_option(label=TEAM_1)
    form.locator("button[type=submit]").click()
    expect(admin).to_have_url(re.compile(r"/activities/campaigns/\d+/$"))
    campaign_path = path_of(admin)
    board = admin.get_by_test_id("fill-board")
    expect(board.locator("[data-testid^=fill-site-]")).to_have_count(2)
    expect(board.locator("progress[value='0']")).to_have_count(2)

    # Team 1's leader accepts and sends two members to each site.
    sign_in(leader, app_server, "team_leader")
    leader.goto(f"{app_server}/activities/campaigns/")
    leader.get_by_role("link", name=name).click()
    expect(leader).to_have_url(f"{app_server}{campaign_path}")
    invitations = leader.get_by_test_id("my-invitations")
    expect(invitations).to_contain_text(TEAM_1)
    invitations.locator("a[href*='/respond']").click()
    leader.locator("select[name=accept]").select_option("1")
    leader.locator("form.vform button[type=submit]").click()
    expect(leader).to_have_url(f"{app_server}{campaign_path}")

    site_links = leader.get_by_test_id("my-invitations").locator(".quick a")
    expect(site_links).to_have_count(2)
    sites = [
        (site_links.nth(i).inner_text(), site_links.nth(i).get_attribute("href")) for i in (0, 1)
    ]
    site_ids = [int(re.search(r"/sites/(\d+)/send", h or "")[1]) for _n, h in sites]  # type: ignore[index]
    sent: list[str] = []
    for n, (site_name, href) in enumerate(sites):
        leader.goto(f"{app_server}{href}")
        expect(leader.locator("h1")).to_contain_text(site_name)
        send = leader.locator("form.vform")
        shifts = send.locator("select[name=shift] option")
        expect(shifts).to_have_count(1)
        expect(shifts).to_contain_text("(0/2)")
        members = send.locator("input[name=volunteer_ids]")
        assert members.count() >= 4, "team 1 has fewer than four members to send"
        for index in (2 * n, 2 * n + 1):  # each person to one site: the shifts overlap
            members.nth(index).check()
            sent.append(members.nth(index).get_attribute("value") or "")
        if n == 0:
            save(leader, "campaign-send.png")
        send.locator("button[type=submit]").click()
        expect(leader).to_have_url(f"{app_server}{campaign_path}")
        expect(leader.locator(".msg").first).to_contain_text(site_name)

        # The administrator's board follows (it polls every 5 s; reloading is quicker).
        admin.reload()
        board = admin.get_by_test_id("fill-board")
        for done, site_id in enumerate(site_ids):
            row = board.get_by_test_id(f"fill-site-{site_id}")
            full = done <= n
            expect(row).to_contain_text("2 / 2 (100%)" if full else "0 / 2 (0%)")
            expect(row.locator("progress")).to_have_attribute("value", "100" if full else "0")
        filled = 2 * (n + 1)
        expect(board.locator("p").first).to_contain_text(f"{filled} / 4 ({filled * 100 // 4}%)")
    assert len(set(sent)) == 4
    save(admin, "campaign-board.png")
    admin.set_viewport_size(PHONE_VIEWPORT)  # the board on a phone, too
    save(admin, "campaign-board-phone.png")
    assert not devices.problems
