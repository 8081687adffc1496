"""People who ordered without an account (at the kiosk, or by calling the help line) hear
about their order by SMS to the contact phone, after commit; the dispatcher who took a call is
not told about "your order"."""

from __future__ import annotations

from typing import Any

import pytest

from volcity.accounts.sms import OutboxSmsBackend
from volcity.dispatch.services.order_accept import order_accept
from volcity.dispatch.services.order_dispatch import order_dispatch
from volcity.dispatch.services.order_place import order_place_call, order_place_kiosk
from volcity.dispatch.services.order_review import order_approve, order_reject
from volcity.dispatch.tests.factories import order_in
from volcity.notifications.models import Notification

pytestmark = pytest.mark.django_db

CALLER = "13987654321"


def test_a_kiosk_order_is_told_by_sms_after_commit_when_accepted(
    d: Any, django_capture_on_commit_callbacks: Any
) -> None:
    order = order_place_kiosk(data=order_in(d.item, contact_phone=CALLER))
    order = order_approve(actor=d.dispatcher, order=order)
    order = order_dispatch(actor=d.dispatcher, order=order, team=d.team)
    OutboxSmsBackend.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        order_accept(actor=d.leader, order=order)
        assert CALLER not in [m.phone for m in OutboxSmsBackend.outbox]  # not before commit
    for callback in callbacks:
        callback()
    texts = [m.text for m in OutboxSmsBackend.outbox if m.phone == CALLER]
    assert len(texts) == 1 and order.number in texts[0]


def test_a_help_line_caller_hears_of_a_rejection_and_the_dispatcher_is_not_told(
    d: Any, django_capture_on_commit_callbacks: Any
) -> None:
    order = order_place_call(actor=d.dispatcher, data=order_in(d.item, contact_phone=CALLER))
    OutboxSmsBackend.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        order_reject(actor=d.dispatcher, order=order, reason="不在服务范围内")
    assert [m.phone for m in OutboxSmsBackend.outbox if order.number in m.text] == [CALLER]
    assert not Notification.objects.filter(
        recipient=d.dispatcher, kind="dispatch.order.rejected"
    ).exists()
