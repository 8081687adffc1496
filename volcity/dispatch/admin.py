"""The back office for dispatch: for looking up. Orders change only through the services (every
move is a status event), so their status and assignment are read-only here."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from volcity.audit.admin_mixins import AuditedModelAdmin
from volcity.dispatch.models import DutyShift, Order, ServiceCategory, ServiceItem


@admin.register(ServiceCategory)
class ServiceCategoryAdmin(AuditedModelAdmin):
    list_display = ["name", "region", "sort", "active"]
    list_filter = ["active"]
    raw_id_fields = ["region"]


@admin.register(ServiceItem)
class ServiceItemAdmin(AuditedModelAdmin):
    list_display = ["name", "category", "active"]
    list_filter = ["active"]
    search_fields = ["name"]
    raw_id_fields = ["category", "teams"]
    filter_horizontal = ["skills"]


@admin.register(Order)
class OrderAdmin(AuditedModelAdmin):
    list_display = ["number", "item", "region", "urgency", "status", "created_at"]
    list_filter = ["status", "urgency", "channel"]
    search_fields = ["number"]
    exclude = ["contact_phone_cipher"]
    readonly_fields = [
        f.name
        for f in Order._meta.get_fields()
        if getattr(f, "concrete", False) and f.name not in ("contact_phone_cipher",)
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(DutyShift)
class DutyShiftAdmin(AuditedModelAdmin):
    list_display = ["region", "user", "team", "starts_at", "ends_at"]
    raw_id_fields = ["region", "user", "team"]
