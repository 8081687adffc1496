"""The back office for the time bank: for looking up only. Credits and spends change only
through the services (which keep the ledger, the cap and the audit), so nothing is editable."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from volcity.audit.admin_mixins import AuditedModelAdmin as _Audited
from volcity.timebank.models import FamilyMember, TimeCredit, TimeSpend


class ReadOnlyAdmin(_Audited):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(TimeCredit)
class TimeCreditAdmin(ReadOnlyAdmin):
    list_display = ["key", "volunteer", "minutes", "credited", "over_cap", "not_taken_back"]
    list_filter = ["kind"]
    search_fields = ["key"]
    raw_id_fields = ["volunteer", "record", "region", "transaction"]


@admin.register(TimeSpend)
class TimeSpendAdmin(ReadOnlyAdmin):
    list_display = ["id", "volunteer", "service", "minutes", "status", "service_date"]
    list_filter = ["status", "service"]
    raw_id_fields = ["volunteer", "beneficiary", "region", "requested_by", "confirmed_by"]


@admin.register(FamilyMember)
class FamilyMemberAdmin(ReadOnlyAdmin):
    list_display = ["id", "volunteer", "relation", "created_at", "removed_at"]
    raw_id_fields = ["volunteer"]
