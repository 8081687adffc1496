"""The notifications API, mounted at ``/api/v1/notifications``: the signed-in person's own
notifications (newest first, keyset), the unread count, mark one read, mark all read. Anyone
else's notification is 404. The same services and queries as the inbox page."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from volcity.core.api_auth import api_user
from volcity.notifications.models import Notification
from volcity.notifications.queries import badge_label, inbox_page, unread_count
from volcity.notifications.services import notification_mark_read, notifications_mark_all_read

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    url: str
    created_at: datetime.datetime
    read_at: datetime.datetime | None
    unread: bool


class NotificationPage(Schema):
    items: list[NotificationOut]
    next: str | None


class UnreadOut(Schema):
    unread: int
    label: str


class MarkedOut(Schema):
    marked: int


def _out(n: Notification) -> NotificationOut:
    return NotificationOut(
        id=n.pk,
        kind=n.kind,
        title=n.title,
        body=n.body,
        url=n.url,
        created_at=n.created_at,
        read_at=n.read_at,
        unread=n.read_at is None,
    )


@router.get("/", response=NotificationPage)
def notifications_api(
    request: HttpRequest, after: int | None = None, limit: int = 30, unread: bool = False
) -> NotificationPage:
    """My notifications, newest first (keyset: pass ``next`` as ``after``; ``unread=true``
    for the unread ones only)."""
    page = inbox_page(
        api_user(request),
        after=None if after is None else str(after),
        limit=max(1, min(limit, 100)),
        unread_only=unread,
    )
    return NotificationPage(items=[_out(n) for n in page.items], next=page.next)


@router.get("/unread-count", response=UnreadOut)
def unread_count_api(request: HttpRequest) -> UnreadOut:
    """How many of my notifications are unread, and the badge's label (``99+`` past 99)."""
    count = unread_count(api_user(request))
    return UnreadOut(unread=count, label=badge_label(count))


@router.post("/{notification_id}/read", response=NotificationOut)
def mark_read_api(request: HttpRequest, notification_id: int) -> NotificationOut:
    """Mark one of my notifications read (again is fine); anyone else's is 404."""
    return _out(notification_mark_read(actor=api_user(request), notification_id=notification_id))


@router.post("/read-all", response=MarkedOut)
def mark_all_read_api(request: HttpRequest) -> MarkedOut:
    """Mark all my notifications read; answers how many changed."""
    return MarkedOut(marked=notifications_mark_all_read(actor=api_user(request)))
