"""Reading notifications: a person only ever sees their own."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from volcity.core.errors import NotFound
from volcity.core.pagination import Page, keyset_page
from volcity.notifications.models import Notification

PAGE_SIZE = 30
BADGE_CAP = 99


def inbox_for(user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient_id=user.pk)


def inbox_page(
    user: Any, *, after: str | None = None, limit: int = PAGE_SIZE, unread_only: bool = False
) -> Page[Notification]:
    """The person's notifications, newest first (keyset on id: pass ``next`` as ``after``)."""
    qs = inbox_for(user)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    clean = after if after and after.isdigit() else None
    return keyset_page(qs, after=clean, limit=limit, descending=True)


def notification_get_for(user: Any, notification_id: int) -> Notification:
    found = inbox_for(user).filter(pk=notification_id).first()
    if found is None:
        raise NotFound()
    return found


def unread_count(user: Any, *, cap: int | None = None) -> int:
    """How many of the person's notifications are unread: one COUNT served by the
    (recipient, read_at, -id) index; with ``cap``, counting stops after ``cap + 1``."""
    qs = inbox_for(user).filter(read_at__isnull=True)
    if cap is not None:
        return qs.order_by()[: cap + 1].count()
    return qs.count()


def unread_count_of_outer_user(outer: str = "pk") -> Coalesce:
    """The unread count as a correlated subquery, so a page that already reads something
    about the signed-in person gets the badge in the same statement (no extra query)."""
    counted = (
        Notification.objects.filter(recipient_id=OuterRef(outer), read_at__isnull=True)
        .order_by()
        .values("recipient_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def badge_label(count: int, cap: int = BADGE_CAP) -> str:
    """The number on the navigation badge: empty for none, ``99+`` past the cap."""
    if count <= 0:
        return ""
    return f"{cap}+" if count > cap else str(count)
