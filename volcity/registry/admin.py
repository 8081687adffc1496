from django.contrib import admin

from volcity.audit.admin_mixins import AuditedModelAdmin
from volcity.registry.models import (
    Membership,
    PartyRegistration,
    ServiceCategory,
    Skill,
    Team,
    Volunteer,
)


@admin.register(Skill, ServiceCategory)
class CatalogueAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "name_en", "sort"]
    search_fields = ["code", "name", "name_en"]


@admin.register(Volunteer)
class VolunteerAdmin(AuditedModelAdmin):
    list_display = ["number", "user", "region", "status", "star_level", "registered_at"]
    list_filter = ["status", "star_level", "political_status"]
    search_fields = ["number", "user__display_name"]
    raw_id_fields = ["user", "region", "guardian_consent_by", "registered_by"]
    readonly_fields = ["number", "status", "registered_at", "deleted_at"]
    exclude = ["home_latitude", "home_longitude"]  # private: used only to rank suggestions
    filter_horizontal = ["skills", "categories"]


@admin.register(Team)
class TeamAdmin(AuditedModelAdmin):
    list_display = ["name", "type", "level", "region", "status", "member_count"]
    list_filter = ["type", "level", "status"]
    search_fields = ["name"]
    raw_id_fields = ["region", "parent", "created_by"]
    readonly_fields = ["status", "member_count"]


@admin.register(Membership)
class MembershipAdmin(AuditedModelAdmin):
    list_display = ["volunteer", "team", "status", "is_leader", "joined_at", "ended_at"]
    list_filter = ["status", "is_leader"]
    raw_id_fields = ["volunteer", "team", "transferred_to"]
    readonly_fields = ["status", "is_leader"]


@admin.register(PartyRegistration)
class PartyRegistrationAdmin(AuditedModelAdmin):
    list_display = ["volunteer", "community", "employer", "service_post", "active"]
    search_fields = ["employer"]
    raw_id_fields = ["volunteer", "community"]
