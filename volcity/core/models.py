"""Tables of the shared kernel: the status-event log that every lifecycle writes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StatusEvent(models.Model):
    """One status change of one object: from, to, by whom, when and why."""

    object_type = models.CharField(_("record type"), max_length=60)
    object_id = models.CharField(_("record id"), max_length=64)
    action = models.CharField(_("action"), max_length=40)
    from_status = models.CharField(_("from"), max_length=30)
    to_status = models.CharField(_("to"), max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("when"))

    class Meta:
        verbose_name = _("status event")
        verbose_name_plural = _("status events")
        indexes = [models.Index(fields=["object_type", "object_id", "id"], name="statusevent_obj")]

    def __str__(self) -> str:
        return f"{self.object_type}:{self.object_id} {self.from_status}→{self.to_status}"


class NumberSequence(models.Model):
    """A named counter for numbers people see (volunteer numbers, certificate numbers).

    ``sequence_take`` reserves a block under a row lock, so numbers are unique and gapless per
    committed transaction, and a bulk import reserves its whole block in one statement.
    """

    name = models.CharField(max_length=40, primary_key=True)
    next_value = models.BigIntegerField(default=1)

    class Meta:
        verbose_name = _("number sequence")
        verbose_name_plural = _("number sequences")

    def __str__(self) -> str:
        return f"{self.name}: {self.next_value}"
