"""Pages: service records, hours and stars, corrections."""

from django.urls import URLPattern, URLResolver, path

from volcity.activities import views_records as v

urlpatterns: list[URLPattern | URLResolver] = [
    path("me/hours/", v.my_hours_page, name="my_hours"),
    path("me/records/<int:record_id>/correction/", v.correction_new, name="correction_new"),
    path("records/", v.record_list, name="record_list"),
    path("records/new/", v.record_new, name="record_new"),
    path("records/approve/", v.record_bulk_approve, name="record_bulk_approve"),
    path("records/export.xlsx", v.record_export, name="record_export"),
    path("records/<int:record_id>/approve/", v.record_approve_one, name="record_approve"),
    path("records/<int:record_id>/decline/", v.record_decline_one, name="record_decline"),
    path("corrections/", v.correction_list, name="correction_list"),
    path(
        "corrections/<int:correction_id>/accept/",
        v.correction_accept_one,
        name="correction_accept",
    ),
    path(
        "corrections/<int:correction_id>/reject/",
        v.correction_reject_one,
        name="correction_reject",
    ),
]
