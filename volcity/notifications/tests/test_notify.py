"""notify: in-app rows in the caller's transaction, SMS only after commit."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from django.utils import translation

from volcity.accounts.sms import OutboxSmsBackend
from volcity.audit.models import AuditEntry
from volcity.core.errors import DomainError
from volcity.notifications.models import Notification
from volcity.notifications.services import notify

pytestmark = pytest.mark.django_db


def test_each_distinct_active_user_gets_one_notification(people: Any) -> None:
    people["nobody"].is_active = False
    people["nobody"].save()
    users = [people["volunteer"], people["resident"], people["volunteer"], people["nobody"]]
    written = notify(
        users=users,
        kind="dispatch.order.dispatched",
        title="A new order for your team",
        body="Help 王奶奶 carry coal",
        url="/dispatch/orders/7/",
    )
    assert sorted(n.recipient_id for n in written) == sorted(
        [people["volunteer"].pk, people["resident"].pk]
    )
    row = Notification.objects.get(recipient=people["volunteer"])
    assert row.kind == "dispatch.order.dispatched"
    assert row.title == "A new order for your team"
    assert row.body == "Help 王奶奶 carry coal"
    assert row.url == "/dispatch/orders/7/"
    assert row.read_at is None
    assert AuditEntry.objects.filter(action="notifications.sent").count() == 1


def test_nobody_to_tell_writes_nothing(people: Any) -> None:
    assert notify(users=[], kind="dispatch.order.dispatched", title="x") == []
    assert not Notification.objects.exists()


def test_a_rolled_back_change_notifies_nobody(
    people: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                notify(
                    users=[people["volunteer"]], kind="dispatch.order.taken", title="t", sms=True
                )
                raise RuntimeError("the caller's change failed")
    assert callbacks == []
    assert not Notification.objects.exists()
    assert OutboxSmsBackend.outbox == []


def test_sms_leave_only_after_commit_and_only_to_people_with_a_phone(
    people: Any, django_capture_on_commit_callbacks: Any
) -> None:
    people["resident"].phone = None
    people["resident"].save()
    with translation.override("en"):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            notify(
                users=[people["volunteer"], people["resident"]],
                kind="dispatch.order.dispatched",
                title="New order",
                body="Carry coal",
                sms=True,
            )
            assert OutboxSmsBackend.outbox == []
        for callback in callbacks:
            callback()
    assert [m.phone for m in OutboxSmsBackend.outbox] == [people["volunteer"].phone]
    assert OutboxSmsBackend.outbox[0].text == "Volunteer City: New order Carry coal"
    assert Notification.objects.count() == 2  # the one without a phone still gets it in-app


def test_without_sms_no_message_leaves(
    people: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        notify(users=[people["volunteer"]], kind="dispatch.order.dispatched", title="x")
    assert OutboxSmsBackend.outbox == []


class BrokenGateway:
    def send(self, message: Any) -> None:
        raise ConnectionError("carrier down")


def test_a_failing_sms_gateway_is_logged_and_breaks_nothing(
    people: Any, settings: Any, django_capture_on_commit_callbacks: Any, caplog: Any
) -> None:
    settings.VOLCITY_SMS_BACKEND = f"{__name__}.BrokenGateway"
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            users=[people["volunteer"], people["resident"]],
            kind="dispatch.order.dispatched",
            title="x",
            sms=True,
        )
    assert Notification.objects.count() == 2
    assert "notification SMS" in caplog.text
    assert people["volunteer"].phone not in caplog.text  # the number is not logged in full


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kind": "dispatched", "title": "x"}, "kind"),
        ({"kind": "Dispatch.Order", "title": "x"}, "kind"),
        ({"kind": "dispatch.order.dispatched", "title": "  "}, "title"),
        (
            {"kind": "dispatch.order.dispatched", "title": "x", "url": "https://evil.example/"},
            "url",
        ),
        ({"kind": "dispatch.order.dispatched", "title": "x", "url": "//evil.example/"}, "url"),
    ],
)
def test_malformed_calls_are_refused_naming_the_field(
    people: Any, kwargs: dict[str, str], field: str
) -> None:
    with pytest.raises(DomainError) as refused:
        notify(users=[people["volunteer"]], **kwargs)  # type: ignore[arg-type]
    assert refused.value.code == "invalid_notification"
    assert field in refused.value.fields
    assert not Notification.objects.exists()


def test_a_long_title_is_clipped_to_fit(people: Any) -> None:
    (row,) = notify(users=[people["volunteer"]], kind="dispatch.order.dispatched", title="长" * 300)
    assert len(row.title) == 200 and row.title.endswith("…")
