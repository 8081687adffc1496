from django.urls import URLPattern, URLResolver

from volcity.activities import (
    urls_activities,
    urls_campaigns,
    urls_certificates,
    urls_checkin,
    urls_overview,
    urls_records,
    urls_signups,
)

app_name = "activities"
urlpatterns: list[URLPattern | URLResolver] = [
    *urls_activities.urlpatterns,
    *urls_signups.urlpatterns,
    *urls_checkin.urlpatterns,
    *urls_records.urlpatterns,
    *urls_certificates.urlpatterns,
    *urls_campaigns.urlpatterns,
    *urls_overview.urlpatterns,
]
