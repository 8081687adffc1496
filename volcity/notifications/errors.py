"""What the notifications area refuses, each with a stable code."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from volcity.core.errors import DomainError


class InvalidNotification(DomainError):
    """A caller (another area) passed something a notification cannot hold."""

    code = "invalid_notification"
    default_message = _("This notification cannot be sent.")
