"""In-app notifications: one row per person told about something.

Other areas never write here directly; they call
``volcity.notifications.services.notify`` inside their own transaction, so a change that rolls
back tells nobody. ``kind`` is namespaced like an audit action (``dispatch.order.dispatched``);
``url`` is a path inside the site that opening the notification leads to. A notification is
unread while ``read_at`` is empty. Nothing here is counted money or hours: the row is the fact.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=80)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-id"]
        indexes = [
            # The inbox (newest first, keyset on id), the unread count and "mark all read".
            models.Index(fields=["recipient", "read_at", "-id"], name="notif_recipient_read_id"),
            models.Index(fields=["recipient", "-id"], name="notif_recipient_id"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}: {self.title[:40]}"

    @property
    def unread(self) -> bool:
        return self.read_at is None
