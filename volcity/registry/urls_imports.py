"""Roster import and export pages."""

from django.urls import URLPattern, path

from volcity.registry import views_imports as views

urlpatterns: list[URLPattern] = [
    path("imports/", views.import_index, name="imports"),
    path("imports/template/<str:kind>.xlsx", views.import_template, name="import_template"),
    path("imports/upload/", views.import_upload_view, name="import_upload"),
    path("imports/<int:job_id>/", views.import_job, name="import_job"),
    path("imports/<int:job_id>/errors.xlsx", views.import_report, name="import_report"),
    path("imports/<int:job_id>/confirm/", views.import_confirm_view, name="import_confirm"),
    path("volunteers/export.xlsx", views.volunteers_xlsx_view, name="volunteers_xlsx"),
    path("teams/export.xlsx", views.teams_xlsx_view, name="teams_xlsx"),
]
