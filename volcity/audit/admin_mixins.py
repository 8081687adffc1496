"""Back-office edits in the Django admin are audited like every other change."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest

from volcity.audit.services import audit_record


class AuditedModelAdmin(admin.ModelAdmin):
    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            fields = sorted(f for f in form.changed_data if f != "password")
            if "password" in form.changed_data:
                fields.append("password (changed)")
            verb = "admin_changed" if change else "admin_created"
            audit_record(
                f"{obj._meta.label_lower}.{verb}",
                obj=obj,
                actor=request.user,
                changes={"fields": fields},
            )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            audit_record(f"{obj._meta.label_lower}.admin_deleted", obj=obj, actor=request.user)
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        with transaction.atomic():
            for obj in queryset:
                audit_record(f"{obj._meta.label_lower}.admin_deleted", obj=obj, actor=request.user)
            super().delete_queryset(request, queryset)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        with transaction.atomic():
            instances = formset.save(commit=False)
            for obj in formset.deleted_objects:
                audit_record(f"{obj._meta.label_lower}.admin_deleted", obj=obj, actor=request.user)
                obj.delete()
            for obj in instances:
                created = obj.pk is None
                obj.save()
                audit_record(
                    f"{obj._meta.label_lower}.{'admin_created' if created else 'admin_changed'}",
                    obj=obj,
                    actor=request.user,
                )
            formset.save_m2m()
