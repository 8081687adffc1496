"""The back office for service delivery. Every model is here, audited; statuses, seat counts
and hour totals are read-only (they change through the services, which keep the rules and
the history), so the admin is for looking up and for correcting plain details."""

from django.contrib import admin

from volcity.activities.models import (
    Activity,
    Brand,
    Campaign,
    CampaignSite,
    CampaignTeam,
    Certificate,
    CheckinAttempt,
    HourTotal,
    Project,
    RecordCorrection,
    ServiceRecord,
    Shift,
    Signup,
    StarAward,
)
from volcity.audit.admin_mixins import AuditedModelAdmin


@admin.register(Brand)
class BrandAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "name_en", "sort"]
    search_fields = ["code", "name", "name_en"]
    ordering = ["sort", "code"]


@admin.register(Project)
class ProjectAdmin(AuditedModelAdmin):
    list_display = ["name", "brand", "team", "region", "status", "people_helped", "created_at"]
    list_filter = ["status", "brand"]
    search_fields = ["name", "team__name"]
    raw_id_fields = ["team", "region", "category", "created_by"]
    readonly_fields = ["status", "people_helped", "wishes_fulfilled", "created_at"]
    list_select_related = ["brand", "team", "region"]


class ShiftInline(admin.TabularInline):
    model = Shift
    extra = 0
    fields = ["starts_at", "ends_at", "capacity", "seats_taken", "seats_waiting", "cancelled"]
    readonly_fields = ["seats_taken", "seats_waiting", "cancelled"]
    show_change_link = True


@admin.register(Activity)
class ActivityAdmin(AuditedModelAdmin):
    list_display = ["title", "team", "region", "status", "recruiting", "insured", "created_at"]
    list_filter = ["status", "recruiting", "insured"]
    search_fields = ["title", "address", "team__name"]
    raw_id_fields = [
        "project",
        "campaign",
        "team",
        "category",
        "region",
        "audience_region",
        "lead",
        "created_by",
    ]
    readonly_fields = ["status", "recurrence", "created_at"]
    filter_horizontal = ["required_skills"]
    list_select_related = ["team", "region"]
    inlines = [ShiftInline]


@admin.register(Shift)
class ShiftAdmin(AuditedModelAdmin):
    list_display = ["activity", "starts_at", "ends_at", "capacity", "seats_taken", "cancelled"]
    list_filter = ["cancelled"]
    search_fields = ["activity__title"]
    raw_id_fields = ["activity"]
    readonly_fields = ["seats_taken", "seats_waiting", "checked_in", "cancelled"]
    date_hierarchy = "starts_at"
    list_select_related = ["activity"]


@admin.register(Signup)
class SignupAdmin(AuditedModelAdmin):
    list_display = ["volunteer", "shift", "status", "party_size", "checked_in_at", "checked_out_at"]
    list_filter = ["status", "checkout_auto"]
    search_fields = ["volunteer__number"]
    raw_id_fields = ["shift", "volunteer", "added_by"]
    readonly_fields = [
        "status",
        "queued_at",
        "cancelled_at",
        "checked_in_at",
        "checked_out_at",
        "checkout_auto",
        "created_at",
    ]
    list_select_related = ["volunteer", "shift"]


@admin.register(CheckinAttempt)
class CheckinAttemptAdmin(AuditedModelAdmin):
    list_display = ["key", "signup", "kind", "at", "distance_m", "via_kiosk"]
    list_filter = ["kind", "via_kiosk"]
    search_fields = ["key"]
    raw_id_fields = ["signup", "by"]
    readonly_fields = ["key", "signup", "kind", "at", "by", "distance_m", "via_kiosk"]


@admin.register(ServiceRecord)
class ServiceRecordAdmin(AuditedModelAdmin):
    list_display = ["volunteer", "title", "served_on", "minutes", "status", "source", "flagged"]
    list_filter = ["status", "source", "flagged"]
    search_fields = ["volunteer__number", "title"]
    raw_id_fields = [
        "volunteer",
        "activity",
        "signup",
        "team",
        "project",
        "region",
        "recorded_by",
        "decided_by",
    ]
    # Minutes and status move the hour totals: they change through the record services.
    readonly_fields = [
        "status",
        "minutes",
        "served_on",
        "source",
        "decided_by",
        "decided_at",
        "decline_reason",
        "created_at",
    ]
    date_hierarchy = "served_on"
    show_full_result_count = False
    list_select_related = ["volunteer"]


@admin.register(RecordCorrection)
class RecordCorrectionAdmin(AuditedModelAdmin):
    list_display = ["record", "requested_by", "status", "created_at", "reviewed_at"]
    list_filter = ["status"]
    raw_id_fields = ["record", "requested_by", "reviewed_by"]
    readonly_fields = ["status", "reviewed_by", "reviewed_at", "created_at"]


@admin.register(HourTotal)
class HourTotalAdmin(AuditedModelAdmin):
    list_display = ["kind", "ref", "minutes_approved", "records_approved", "minutes_pending"]
    list_filter = ["kind"]
    search_fields = ["=ref"]
    show_full_result_count = False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # kept by the record services only

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(StarAward)
class StarAwardAdmin(AuditedModelAdmin):
    list_display = ["volunteer", "level", "earned_at", "minutes_at_award"]
    list_filter = ["level"]
    search_fields = ["volunteer__number"]
    raw_id_fields = ["volunteer"]
    readonly_fields = ["volunteer", "level", "earned_at", "minutes_at_award"]


@admin.register(Certificate)
class CertificateAdmin(AuditedModelAdmin):
    list_display = ["number", "holder_name", "volunteer_number", "issued_on", "revoked_at"]
    search_fields = ["number", "volunteer_number"]
    raw_id_fields = ["volunteer", "issued_by"]
    # A certificate is a snapshot of what was certified: never edited, only revoked.
    readonly_fields = [f.name for f in Certificate._meta.concrete_fields if f.name not in ("id",)]


class CampaignSiteInline(admin.TabularInline):
    model = CampaignSite
    extra = 0
    raw_id_fields = ["activity"]


@admin.register(Campaign)
class CampaignAdmin(AuditedModelAdmin):
    list_display = ["name", "kind", "region", "status", "created_at"]
    list_filter = ["kind", "status"]
    search_fields = ["name"]
    raw_id_fields = ["region", "created_by"]
    readonly_fields = ["status", "created_at"]
    inlines = [CampaignSiteInline]


@admin.register(CampaignSite)
class CampaignSiteAdmin(AuditedModelAdmin):
    list_display = ["name", "campaign", "activity", "sort"]
    raw_id_fields = ["campaign", "activity"]


@admin.register(CampaignTeam)
class CampaignTeamAdmin(AuditedModelAdmin):
    list_display = ["campaign", "team", "status", "invited_at"]
    list_filter = ["status"]
    raw_id_fields = ["campaign", "team"]
    readonly_fields = ["status", "invited_at"]
