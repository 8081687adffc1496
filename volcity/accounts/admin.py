from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from volcity.accounts.models import ApiToken, RoleGrant, RoleRequest, User
from volcity.audit.admin_mixins import AuditedModelAdmin


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    fk_name = "user"
    extra = 0
    raw_id_fields = ["region", "granted_by"]


@admin.register(User)
class UserAdmin(AuditedModelAdmin, BaseUserAdmin):
    list_display = ["username", "display_name", "phone", "home_region", "is_active"]
    search_fields = ["username", "display_name", "phone"]
    raw_id_fields = ["home_region"]
    readonly_fields = ["id_number_masked", "birth_date", "sex", "last_login", "date_joined"]
    exclude = ["id_number_cipher", "id_number_digest"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (
            _("Person"),
            {
                "fields": (
                    "display_name",
                    "phone",
                    "home_region",
                    "language",
                    "id_number_masked",
                    "birth_date",
                    "sex",
                )
            },
        ),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    inlines = [RoleGrantInline]


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "expires_at", "revoked_at"]
    readonly_fields = ["key_hash", "prefix"]
    raw_id_fields = ["user"]


@admin.register(RoleRequest)
class RoleRequestAdmin(admin.ModelAdmin):
    """Read-only: requests change status only through their service (lifecycle)."""

    list_display = ["user", "role", "region", "status", "created_at"]
    list_filter = ["status", "role"]
    raw_id_fields = ["user", "region"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
