"""Dispatch end to end, in Chromium: issue 6's "done when".

A resident orders a service on a phone (location from the phone); the dispatcher finds it on
the live board, reviews it and dispatches it to the demo volunteer; the volunteer sees the
contact masked until accepting, accepts and completes with a short report; the resident rates
it. Every step shows on the order's timeline. (Escalation on a timer is tested with a frozen
clock in ``volcity/dispatch/tests/test_orders_escalation.py``.)

Self-sufficient in the served demo city: the order is made here; the menu, the resident, the
dispatcher and the volunteer come from the seed.
"""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from tests.browser.devices import Devices, save, sign_in

pytestmark = pytest.mark.browser

CITY_TIME = ZoneInfo("Asia/Shanghai")
CONTACT_PHONE = "13912345678"


def local(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


def volunteer_number(page: Page, base_url: str) -> str:
    page.goto(f"{base_url}/registry/me/")
    return page.get_by_test_id("volunteer-number").inner_text().strip()


def place_order(resident: Page, base_url: str) -> str:
    """As the resident, on a phone at home: the first item of the menu; the order's number."""
    resident.goto(f"{base_url}/dispatch/order/")
    resident.locator("[data-testid^='menu-item-']").first.click()
    form = resident.get_by_test_id("order-form")
    expect(form).to_be_visible()
    form.get_by_test_id("order-address").fill("1号楼2单元301")
    form.get_by_test_id("use-location").click()
    expect(form.get_by_test_id("order-latitude")).to_have_value(re.compile(r"^36\.69"))
    soon = datetime.datetime.now(CITY_TIME).replace(second=0, microsecond=0)
    form.get_by_test_id("order-wanted-from").fill(local(soon + datetime.timedelta(hours=2)))
    form.get_by_test_id("order-wanted-until").fill(local(soon + datetime.timedelta(hours=4)))
    form.get_by_test_id("order-description").fill("老人腿脚不便，需要有人帮忙。")
    form.get_by_test_id("order-contact-name").fill("吕女士")
    form.get_by_test_id("order-contact-phone").fill(CONTACT_PHONE)
    save(resident, "dispatch-order-form-phone.png")
    form.get_by_test_id("order-submit").click()
    number = resident.get_by_test_id("order-number")
    expect(number).to_be_visible()
    expect(resident.get_by_test_id("order-status")).to_have_attribute("data-status", "submitted")
    return number.inner_text().strip()


def test_a_resident_orders_the_centre_dispatches_a_volunteer_serves_and_it_is_rated(
    devices: Devices, app_server: str
) -> None:
    volunteer = devices.open(phone=True)
    sign_in(volunteer, app_server, "volunteer")
    serving = volunteer_number(volunteer, app_server)

    resident = devices.open(phone=True, at_place=True)
    sign_in(resident, app_server, "resident")
    number = place_order(resident, app_server)

    # The dispatcher's board shows it; review and dispatch from the order's page.
    dispatcher = devices.open(phone=False)
    sign_in(dispatcher, app_server, "dispatcher")
    dispatcher.goto(f"{app_server}/dispatch/board/")
    expect(dispatcher.get_by_test_id(f"board-row-{number}")).to_have_attribute(
        "data-status", "submitted"
    )
    save(dispatcher, "dispatch-board.png")
    dispatcher.get_by_test_id(f"board-open-{number}").click()
    dispatcher.get_by_test_id("approve-submit").click()
    expect(dispatcher.get_by_test_id("order-status")).to_have_attribute("data-status", "approved")
    dispatcher.get_by_test_id("dispatch-volunteer-number").fill(serving)
    dispatcher.get_by_test_id("dispatch-submit").click()
    expect(dispatcher.get_by_test_id("order-status")).to_have_attribute("data-status", "dispatched")
    expect(dispatcher.get_by_test_id("order-volunteer")).to_contain_text(serving)

    # The volunteer: contact masked until accepting, then in full; completes with a report.
    volunteer.goto(f"{app_server}/dispatch/o/{number}/")
    expect(volunteer.get_by_test_id("order-contact-phone")).not_to_contain_text(CONTACT_PHONE)
    volunteer.get_by_test_id("accept-submit").click()
    expect(volunteer.get_by_test_id("order-status")).to_have_attribute("data-status", "accepted")
    expect(volunteer.get_by_test_id("order-contact-phone")).to_contain_text(CONTACT_PHONE)
    volunteer.get_by_test_id("complete-report").fill("已上门协助老人就医，家属满意。")
    volunteer.get_by_test_id("complete-hours").fill("2")
    volunteer.get_by_test_id("complete-submit").click()
    expect(volunteer.get_by_test_id("order-status")).to_have_attribute("data-status", "completed")
    save(volunteer, "dispatch-volunteer-completed-phone.png")

    # The resident rates it; the timeline holds every step.
    resident.goto(f"{app_server}/dispatch/o/{number}/")
    resident.get_by_test_id("rate-5").check()
    resident.get_by_test_id("rate-comment").fill("志愿者很耐心，谢谢！")
    resident.get_by_test_id("rate-submit").click()
    expect(resident.get_by_test_id("order-status")).to_have_attribute("data-status", "rated")
    timeline = resident.get_by_test_id("order-timeline")
    for step in ("approve", "dispatch", "accept", "complete", "rate"):
        expect(timeline.get_by_test_id(f"timeline-{step}")).to_have_count(1)
    save(resident, "dispatch-order-rated-phone.png")

    # The board no longer lists a finished order.
    dispatcher.goto(f"{app_server}/dispatch/board/")
    expect(dispatcher.get_by_test_id(f"board-row-{number}")).to_have_count(0)
    assert not devices.problems, devices.problems
