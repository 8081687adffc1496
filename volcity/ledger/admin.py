from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from volcity.ledger.models import Account, LedgerTransaction


class ReadOnlyAdmin(admin.ModelAdmin):
    """Read-only: only the ledger's services write (docs/ledger.md)."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Account)
class AccountAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "unit", "balance", "allow_negative", "region"]
    search_fields = ["code", "name"]
    list_filter = ["unit"]


@admin.register(LedgerTransaction)
class LedgerTransactionAdmin(ReadOnlyAdmin):
    list_display = ["seq", "kind", "memo", "key", "created_at"]
    search_fields = ["key", "memo"]
    list_filter = ["kind"]
