from django.contrib import admin

from volcity.audit.admin_mixins import AuditedModelAdmin
from volcity.regions.models import Region


@admin.register(Region)
class RegionAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "level", "kind", "parent", "generated_name"]
    list_filter = ["level", "kind"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]
