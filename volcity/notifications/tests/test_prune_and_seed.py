"""Housekeeping: read notifications are pruned after N days; the demo inboxes are seeded."""

from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from volcity.core.seeding import make_context
from volcity.notifications import seed as notifications_seed
from volcity.notifications.models import Notification
from volcity.notifications.services import notify

pytestmark = pytest.mark.django_db


def test_prune_deletes_only_notifications_read_long_ago(people: Any) -> None:
    old_read, recent_read, old_unread = notify(
        users=[people["volunteer"], people["resident"], people["team_leader"]],
        kind="test.thing.happened",
        title="x",
    )
    now = timezone.now()
    Notification.objects.filter(pk=old_read.pk).update(read_at=now - datetime.timedelta(days=91))
    Notification.objects.filter(pk=recent_read.pk).update(read_at=now - datetime.timedelta(days=5))
    Notification.objects.filter(pk=old_unread.pk).update(
        created_at=now - datetime.timedelta(days=400)
    )
    out = StringIO()
    call_command("notifications_prune", "--days", "90", stdout=out)
    assert "1 read notifications deleted" in out.getvalue()
    assert set(Notification.objects.values_list("pk", flat=True)) == {
        recent_read.pk,
        old_unread.pk,
    }


def test_prune_refuses_less_than_a_day() -> None:
    with pytest.raises(CommandError):
        call_command("notifications_prune", "--days", "0", stdout=StringIO())


def test_demo_logins_get_one_read_and_two_unread_once(make_user: Any) -> None:
    volunteer = make_user("volunteer", "village11", username="volunteer")
    resident = make_user("resident", "village12", username="resident")
    bystander = make_user("volunteer", "village11", username="someone_else")
    ctx = make_context(scale=0.001, seed=7, stdout=StringIO())
    notifications_seed.seed(ctx)
    notifications_seed.seed(ctx)  # run twice: nothing added
    for user in (volunteer, resident):
        mine = Notification.objects.filter(recipient=user)
        assert mine.count() == 3
        assert mine.filter(read_at__isnull=True).count() == 2
        assert all(n.url.startswith("/") for n in mine)
    assert not Notification.objects.filter(recipient=bystander).exists()


def test_the_back_office_lists_and_opens_notifications_read_only(
    make_user: Any, people: Any
) -> None:
    from django.test import Client
    from django.urls import reverse

    (row,) = notify(users=[people["volunteer"]], kind="test.thing.happened", title="后台可见")
    operator = make_user(None, "city", is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(operator, backend="volcity.accounts.backends.PhoneOrUsernameBackend")
    listing = client.get(reverse("admin:notifications_notification_changelist"))
    assert listing.status_code == 200 and "后台可见" in listing.content.decode()
    one = client.get(reverse("admin:notifications_notification_change", args=[row.pk]))
    assert one.status_code == 200
    assert client.get(reverse("admin:notifications_notification_add")).status_code == 403
