"""Escalation on a timer, with a frozen clock: an order nobody accepts in time moves to the
city's centre, whose dispatchers are told; the cron command does the same."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.core.management import call_command

from volcity.accounts.roles import Role
from volcity.core.lifecycle import status_history
from volcity.dispatch.models import Order
from volcity.dispatch.services.order_accept import order_accept
from volcity.dispatch.services.order_dispatch import order_dispatch
from volcity.dispatch.services.order_escalate import order_escalate_due
from volcity.dispatch.tests.factories import approved, placed
from volcity.notifications.models import Notification

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 11, 20, 2, 0, tzinfo=datetime.UTC)


def test_an_urgent_order_not_accepted_within_the_hour_moves_to_the_city(
    d: Any, make_user: Any, time_machine: Any
) -> None:
    time_machine.move_to(START, tick=False)
    city_dispatcher = make_user(Role.DISPATCHER, "city")
    order = order_dispatch(actor=d.dispatcher, order=approved(d, urgency="urgent"), team=d.team)
    assert order.accept_by == START + datetime.timedelta(hours=1)

    time_machine.move_to(START + datetime.timedelta(minutes=59), tick=False)
    assert order_escalate_due() == []

    time_machine.move_to(START + datetime.timedelta(minutes=61), tick=False)
    moved = order_escalate_due()
    assert [o.pk for o in moved] == [order.pk]
    order.refresh_from_db()
    assert order.handling_region_id == "370781000000"
    assert order.status == "approved" and order.assigned_team_id is None
    assert order.escalated_at == START + datetime.timedelta(minutes=61)
    assert Notification.objects.filter(recipient=city_dispatcher, kind="dispatch.order.escalated")
    assert [e.action for e in status_history(order)][-1] == "escalate"


def test_an_accepted_order_is_never_escalated(d: Any, time_machine: Any) -> None:
    time_machine.move_to(START, tick=False)
    order = order_dispatch(actor=d.dispatcher, order=approved(d), team=d.team)
    order_accept(actor=d.leader, order=order)
    time_machine.move_to(START + datetime.timedelta(days=3), tick=False)
    assert order_escalate_due() == []


def test_the_cron_command_escalates_an_unreviewed_order_and_the_city_keeps_it(
    d: Any, time_machine: Any
) -> None:
    time_machine.move_to(START, tick=False)
    order = placed(d, urgency="emergency")
    time_machine.move_to(START + datetime.timedelta(minutes=16), tick=False)
    out = io.StringIO()
    call_command("dispatch_escalate", stdout=out)
    assert "1 escalated" in out.getvalue()
    order.refresh_from_db()
    assert order.status == Order.Status.SUBMITTED
    assert order.handling_region_id == "370781000000"
    # At the top: told once more when the city's deadline passes, then no more.
    time_machine.move_to(START + datetime.timedelta(minutes=40), tick=False)
    assert len(order_escalate_due()) == 1
    order.refresh_from_db()
    assert order.accept_by is None and order.escalation_count == 2
    assert order_escalate_due() == []
