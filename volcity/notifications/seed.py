"""Demo data of the notifications (the ``notifications`` seed step, after the accounts).

A few notifications for the demo logins, so each inbox and badge shows something: for each,
one already read and two unread, linking to pages they can open. Written through ``notify``
(a handful of rows; no SMS). Run twice, nothing is added.
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from volcity.accounts.models import User
from volcity.core.seeding import SeedContext
from volcity.notifications.models import Notification
from volcity.notifications.services import notify

DEMO_USERNAMES = (
    "volunteer",
    "resident",
    "team_leader",
    "dispatcher",
    "village_admin",
    "town_admin",
    "city_admin",
)
# (kind, title, body, page's URL name, read) — the demo city's everyday messages.
MESSAGES = (
    (
        "accounts.welcome",
        "欢迎使用志愿青州",
        "在“我的账户”里可以改密码、绑定手机号。",
        "accounts:me",
        True,
    ),
    (
        "activities.recruiting",
        "附近有新的志愿活动在招募",
        "看看本周末的文明实践活动，报名后会收到提醒。",
        "activities:browse",
        False,
    ),
    (
        "virtue.notice",
        "美德银行公示栏已更新",
        "本村新一期善行公示已发布，如有异议可在公示期内提出。",
        "virtue:notice_index",
        False,
    ),
)


def seed(ctx: SeedContext) -> dict[str, int]:
    users = list(User.objects.filter(username__in=DEMO_USERNAMES, is_active=True).order_by("pk"))
    fresh = [u for u in users if not Notification.objects.filter(recipient=u).exists()]
    with transaction.atomic():
        for kind, title, body, url_name, read in MESSAGES:
            url = reverse(url_name)
            written = notify(users=fresh, kind=kind, title=title, body=body, url=url)
            if read and written:
                Notification.objects.filter(pk__in=[n.pk for n in written]).update(
                    read_at=timezone.now()
                )
    return {Notification._meta.db_table: Notification.objects.count()}


def unseed() -> None:
    """Delete every notification (for tests that rebuild the demo city)."""
    Notification.objects.all().delete()
