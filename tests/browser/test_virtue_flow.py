"""The virtue bank end to end, in Chromium: issue 5's "done when".

The village's clerk records a good deed for household 001 on a phone, with a photo; three
members of the review group approve it from their queue; the deed goes up on the public notice
board, names masked; the notice period passes and the cron job posts the points; the resident
of household 001 sees them on the household's statement; the public ledger check passes.

Self-sufficient in the served demo city: the deed is made here; the bank, its catalogue,
household 001, the clerk, the review group and the resident come from the seed.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from tests.browser.conftest import MANAGE_PY, REPO_ROOT
from tests.browser.devices import Devices, save, sign_in

pytestmark = pytest.mark.browser

HOUSEHOLD = "001"  # the demo resident's household, in the clerk's village
DEED = "school"  # 捐资助学, +10 points each time, no limit in the demo catalogue
DEED_POINTS = 10
REVIEWERS = ("virtue_committee1", "virtue_committee2", "virtue_committee3")  # 3 approvals needed

# The notice period (days) cannot pass for real in a test, and the served app runs in a
# process of its own, so its database is told instead: the deed's report, its reviews and the
# end of its notice move back by the same span, until the notice ended a minute ago.
NOTICE_PASSES = """
import datetime, json, os
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from volcity.virtue.models import ClaimReview, DeedClaim

claim = DeedClaim.objects.get(pk=int(os.environ["FLOW_CLAIM"]))
span = claim.notice_until - timezone.now() + datetime.timedelta(minutes=1)
with transaction.atomic():
    DeedClaim.objects.filter(pk=claim.pk).update(
        notice_until=F("notice_until") - span, created_at=F("created_at") - span
    )
    ClaimReview.objects.filter(claim_id=claim.pk).update(at=F("at") - span)
claim.refresh_from_db()
print(json.dumps({"notice_until": claim.notice_until.isoformat()}))
"""


def manage(app_env: dict[str, str], *args: str, extra: dict[str, str] | None = None) -> str:
    """Run ``manage.py`` against the served app's database; its output."""
    result = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, str(MANAGE_PY), *args],
        cwd=REPO_ROOT,
        env={**app_env, **(extra or {})},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def points_of(page: Page) -> int:
    text = page.get_by_test_id("household-balance").inner_text()
    return int(re.match(r"\s*(-?\d+)", text)[1])  # type: ignore[index]


def open_my_household(resident: Page, base_url: str) -> int:
    """The resident's own household statement; its balance."""
    resident.goto(f"{base_url}/virtue/me/")
    expect(resident).to_have_url(re.compile(r"/virtue/households/\d+/$"))
    expect(resident.locator("h1")).to_contain_text(HOUSEHOLD)
    return points_of(resident)


def a_photo() -> bytes:
    """A real JPEG, as a phone camera would send one."""
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 120, 40)).save(out, "JPEG", quality=80)
    return out.getvalue()


def record_deed(clerk: Page, base_url: str) -> int:
    """As the clerk, on a phone: a good deed for household 001 with a photo; its id."""
    clerk.goto(f"{base_url}/virtue/counter/")
    form = clerk.get_by_test_id("deed-form")
    form.get_by_test_id("deed-household").fill(HOUSEHOLD)
    form.get_by_test_id("deed-item").select_option(DEED)
    form.get_by_test_id("deed-description").fill("为村小学捐赠图书二十册。")
    form.get_by_test_id("deed-photos").set_input_files(
        [{"name": "books.jpg", "mimeType": "image/jpeg", "buffer": a_photo()}]
    )
    clerk.get_by_test_id("deed-submit").click()
    expect(clerk.locator(".msg").first).to_contain_text(HOUSEHOLD)
    newest = clerk.get_by_test_id("recent-claims").locator("li[data-testid^='claim-']").first
    claim_id = int((newest.get_attribute("data-testid") or "").removeprefix("claim-"))
    expect(clerk.get_by_test_id(f"claim-status-{claim_id}")).to_have_text("待审核")
    save(clerk, "virtue-counter-phone.png")
    return claim_id


def review_group_approves(devices: Devices, base_url: str, claim_id: int) -> None:
    for number, login in enumerate(REVIEWERS, start=1):
        member = devices.open(phone=True)
        sign_in(member, base_url, login)
        member.goto(f"{base_url}/virtue/reviews/")
        expect(member.get_by_test_id(f"review-claim-{claim_id}")).to_contain_text(HOUSEHOLD)
        member.get_by_test_id(f"approve-{claim_id}").click()
        expect(member.get_by_test_id(f"review-claim-{claim_id}")).to_have_count(0)
        if number == 1:
            save(member, "virtue-review-queue-phone.png")
        member.context.close()


def test_a_deed_is_reviewed_noticed_and_posted_to_the_household(
    devices: Devices, app_server: str, app_env: dict[str, str]
) -> None:
    resident = devices.open(phone=True)
    sign_in(resident, app_server, "resident")
    before = open_my_household(resident, app_server)
    head_name = resident.locator("h1").inner_text().split(" ", 1)[1].strip()

    clerk = devices.open(phone=True)
    sign_in(clerk, app_server, "virtue_clerk")
    claim_id = record_deed(clerk, app_server)
    board_path = clerk.locator(".quick a[href*='/virtue/notice/']").get_attribute("href")

    review_group_approves(devices, app_server, claim_id)
    clerk.goto(f"{app_server}/virtue/claims/{claim_id}/")
    expect(clerk.get_by_test_id("claim-status")).to_have_text("公示中")
    expect(clerk.get_by_test_id("claim-approvals")).to_have_text("3 / 3")
    expect(clerk.get_by_test_id("claim-post")).to_have_count(1)

    # The public notice board: no sign-in, the head's name masked, no photo.
    villager = devices.open(phone=True)
    villager.goto(f"{app_server}{board_path}")
    notice = villager.get_by_test_id(f"notice-{claim_id}")
    expect(notice).to_contain_text(head_name[0] + "*")
    expect(notice).not_to_contain_text(head_name)
    expect(notice.locator("img")).to_have_count(0)
    save(villager, "virtue-notice-board-phone.png")

    # Nothing is posted while the notice runs.
    assert open_my_household(resident, app_server) == before

    moved = json.loads(
        manage(app_env, "shell", "-c", NOTICE_PASSES, extra={"FLOW_CLAIM": str(claim_id)})
        .strip()
        .splitlines()[-1]
    )
    assert moved["notice_until"]
    ran = manage(app_env, "virtue_post_due")
    assert re.search(r"virtue: [1-9]\d* posted", ran), ran

    after = open_my_household(resident, app_server)
    assert after == before + DEED_POINTS
    expect(resident.get_by_test_id("statement")).to_contain_text("捐资助学")
    save(resident, "virtue-household-statement-phone.png")

    clerk.goto(f"{app_server}/virtue/claims/{claim_id}/")
    expect(clerk.get_by_test_id("claim-status")).to_have_text("积分已入账")
    expect(clerk.get_by_test_id("claim-post")).to_have_count(0)

    # The public check of the ledger's chain and balances.
    villager.goto(f"{app_server}/ledger/verify/")
    expect(villager.get_by_test_id("ledger-verify-ok")).to_be_visible()
    assert not devices.problems, devices.problems
