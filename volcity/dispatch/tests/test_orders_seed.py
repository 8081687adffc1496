"""The order loop's demo data: the city's menu of a dozen categories and orders in every
status, each with its status events, bounded at any scale."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from volcity.core.lifecycle import status_history
from volcity.dispatch.models import DutyShift, Order, ServiceCategory, ServiceItem


@pytest.mark.django_db
def test_the_demo_city_has_a_menu_orders_in_every_status_and_a_roster() -> None:
    call_command("seed_demo", scale=0.0005, seed=7, stdout=StringIO(), stderr=StringIO())
    assert ServiceCategory.objects.count() == 12
    assert ServiceItem.objects.count() >= 24
    statuses = set(Order.objects.values_list("status", flat=True))
    assert statuses == {s for s in Order.Status.values}
    assert Order.objects.count() <= 20
    assert Order.objects.filter(needs_follow_up=True).exists()
    now = timezone.now()
    on_duty = DutyShift.objects.filter(starts_at__lte=now, ends_at__gt=now)
    assert on_duty.filter(user__username="dispatcher").exists()  # whatever the hour of seeding
    for order in Order.objects.all():
        first = status_history(order).first()
        assert first is not None and first.action == "place"
