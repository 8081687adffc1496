"""Pages: brands, projects, activities and their shifts."""

from django.urls import URLPattern, URLResolver, path

from volcity.activities import views_activities as v
from volcity.activities import views_projects as p

urlpatterns: list[URLPattern | URLResolver] = [
    path("", v.browse, name="browse"),
    path("<int:activity_id>/", v.detail, name="detail"),
    path("manage/", v.manage, name="manage"),
    path("manage/new/", v.activity_new, name="activity_new"),
    path("manage/export.xlsx", v.activity_export, name="activity_export"),
    path("manage/<int:activity_id>/edit/", v.activity_edit, name="activity_edit"),
    path("manage/<int:activity_id>/publish/", v.activity_publish_view, name="activity_publish"),
    path("manage/<int:activity_id>/cancel/", v.activity_cancel_view, name="activity_cancel"),
    path(
        "manage/<int:activity_id>/recruiting/",
        v.activity_recruiting_view,
        name="activity_recruiting",
    ),
    path("projects/", p.project_list, name="project_list"),
    path("projects/new/", p.project_new, name="project_new"),
    path("projects/<int:project_id>/", p.project_detail, name="project_detail"),
]
