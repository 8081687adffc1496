"""Every write of the notifications area.

``notify`` is what other areas call, inside their own ``transaction.atomic()``: the rows are
written in the caller's transaction (a change that rolls back tells nobody) and the SMS, when
asked for, leave only after commit, through ``volcity.accounts.sms.sms_send`` (the backend named
by ``VOLCITY_SMS_BACKEND``). A failing SMS gateway is logged and never breaks the request.
"""

from __future__ import annotations

import datetime
import logging
import re
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from volcity.accounts.models import User
from volcity.accounts.sms import sms_send
from volcity.audit.services import audit_record
from volcity.core.errors import NotFound
from volcity.notifications.errors import InvalidNotification
from volcity.notifications.models import Notification

logger = logging.getLogger(__name__)

KIND_RE = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")
TITLE_MAX = 200
SMS_BODY_MAX = 120


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check(kind: str, title: str, url: str) -> None:
    if not KIND_RE.match(kind) or len(kind) > 80:
        raise InvalidNotification(
            gettext("A notification kind is namespaced, like dispatch.order.dispatched."),
            field="kind",
        )
    if not title.strip():
        raise InvalidNotification(gettext("A notification needs a title."), field="title")
    # Only paths inside the site: opening a notification must never lead elsewhere.
    if url and (not url.startswith("/") or url.startswith("//") or len(url) > 500):
        raise InvalidNotification(
            gettext("A notification link is a path inside the site."), field="url"
        )


def _sms_text(title: str, body: str) -> str:
    text = gettext("Volunteer City: %(title)s") % {"title": title}
    if body:
        text += " " + _clip(body, SMS_BODY_MAX)
    return text


def _send_sms(messages: list[tuple[str, str]]) -> None:
    for phone, text in messages:
        try:
            sms_send(phone, text)
        except Exception:  # the carrier is the outside world: never break the request
            logger.exception("sending a notification SMS to %s**** failed", phone[:3])


def notify(
    *,
    users: Iterable[User],
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    sms: bool = False,
) -> list[Notification]:
    """Tell each distinct active user in ``users``: one in-app notification each, written in
    the current transaction; with ``sms=True`` also an SMS to each one's phone after commit
    (people without a phone get only the in-app one). Returns the notifications written."""
    _check(kind, title, url)
    title = _clip(title, TITLE_MAX)
    body = body.strip()
    seen: set[int] = set()
    recipients: list[User] = []
    for user in users:
        if user is None or user.pk is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        recipients.append(user)
    if not recipients:
        return []
    with transaction.atomic():
        written = Notification.objects.bulk_create(
            [
                Notification(recipient=u, kind=kind, title=title, body=body, url=url)
                for u in recipients
            ]
        )
        audit_record(
            "notifications.sent",
            changes={
                "kind": kind,
                "recipients": len(written),
                "sms": sms,
                "first_id": written[0].pk,
            },
        )
        if sms:
            text = _sms_text(title, body)
            messages = [(u.phone, text) for u in recipients if u.phone]
            if messages:
                transaction.on_commit(lambda: _send_sms(messages))
    return written


def _own(actor: Any, notification_id: int, *, lock: bool = False) -> Notification:
    qs = Notification.objects.filter(pk=notification_id, recipient_id=actor.pk)
    if lock:
        qs = qs.select_for_update()
    found = qs.first()
    if found is None:  # another person's notification is simply not there
        raise NotFound()
    return found


def notification_mark_read(*, actor: Any, notification_id: int) -> Notification:
    """Mark one of the actor's own notifications read (again: no change). Anyone else's: 404."""
    with transaction.atomic():
        found = _own(actor, notification_id, lock=True)
        if found.read_at is None:
            found.read_at = timezone.now()
            found.save(update_fields=["read_at"])
            audit_record("notifications.read", obj=found, actor=actor)
    return found


def notifications_mark_all_read(*, actor: Any) -> int:
    """Mark every unread notification of the actor read; returns how many changed."""
    with transaction.atomic():
        changed = Notification.objects.filter(recipient_id=actor.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        if changed:
            audit_record("notifications.read_all", changes={"count": changed}, actor=actor)
    return changed


def notifications_prune(*, older_than_days: int, now: datetime.datetime | None = None) -> int:
    """Delete notifications read more than ``older_than_days`` days ago (unread ones stay)."""
    if older_than_days < 1:
        raise InvalidNotification(
            gettext("Keep read notifications at least one day."), field="older_than_days"
        )
    cutoff = (now or timezone.now()) - datetime.timedelta(days=older_than_days)
    with transaction.atomic():
        deleted, _ = Notification.objects.filter(read_at__lt=cutoff).delete()
        if deleted:
            audit_record(
                "notifications.pruned",
                changes={"count": deleted, "older_than_days": older_than_days},
            )
    return deleted
