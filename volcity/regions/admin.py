from django.contrib import admin

from volcity.regions.models import Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "kind", "parent", "generated_name"]
    list_filter = ["level", "kind"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]
