"""The back office for notifications: for looking up what someone was told, and when they
read it. Notifications are written only by ``notify`` and marked read only by their
recipient, so nothing is editable here."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from volcity.audit.admin_mixins import AuditedModelAdmin
from volcity.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(AuditedModelAdmin):
    list_display = ["id", "recipient", "kind", "title", "created_at", "read_at"]
    list_filter = ["kind"]
    search_fields = ["kind", "title", "recipient__username"]
    raw_id_fields = ["recipient"]
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
