"""The back office for the virtue bank: for looking up. Points, statuses and catalogues change
only through the services (which keep the rules, the ledger and the history), so those fields
are read-only here."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from volcity.audit.admin_mixins import AuditedModelAdmin as _Audited
from volcity.virtue.models import (
    CatalogueVersion,
    DeedClaim,
    DeedItem,
    Household,
    Objection,
    Resident,
    VirtueBank,
)


class AuditedModelAdmin(_Audited):
    """Rows are made and removed only by the services (ledger accounts, history)."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(VirtueBank)
class VirtueBankAdmin(AuditedModelAdmin):
    list_display = ["name", "region", "approvals_required", "notice_days", "active"]
    raw_id_fields = ["region", "issuing_account"]
    readonly_fields = ["region", "issuing_account", "created_at"]


@admin.register(CatalogueVersion)
class CatalogueVersionAdmin(AuditedModelAdmin):
    list_display = ["bank", "number", "status", "effective_from", "published_at"]
    list_filter = ["status"]
    readonly_fields = ["bank", "number", "status", "effective_from", "published_at"]


@admin.register(DeedItem)
class DeedItemAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "points", "category", "version"]
    readonly_fields = ["version", "code", "points", "unit", "limit_count", "limit_period"]


@admin.register(Household)
class HouseholdAdmin(AuditedModelAdmin):
    list_display = ["number", "head_name", "bank", "joined_at", "active"]
    search_fields = ["number", "head_name"]
    raw_id_fields = ["bank", "region", "account"]
    readonly_fields = ["bank", "region", "account"]


@admin.register(Resident)
class ResidentAdmin(AuditedModelAdmin):
    list_display = ["name", "relation", "household"]
    search_fields = ["name"]
    raw_id_fields = ["household", "user", "account"]
    readonly_fields = ["household", "account"]


@admin.register(DeedClaim)
class DeedClaimAdmin(AuditedModelAdmin):
    list_display = ["id", "household", "item_code", "points", "status", "occurred_on", "held"]
    list_filter = ["status", "held"]
    raw_id_fields = ["bank", "region", "household", "resident", "item", "reported_by"]
    readonly_fields = [
        "bank",
        "region",
        "household",
        "item",
        "item_code",
        "quantity",
        "points",
        "status",
        "approvals",
        "notice_until",
        "held",
        "hold_reason",
        "posted_transaction",
        "posted_at",
    ]


@admin.register(Objection)
class ObjectionAdmin(AuditedModelAdmin):
    list_display = ["claim", "name", "status", "raised_at", "resolved_at"]
    list_filter = ["status"]
    readonly_fields = ["claim", "status", "resolved_by", "resolved_at", "raised_at"]
