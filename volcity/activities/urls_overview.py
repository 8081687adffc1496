"""Pages: the administrator's overview."""

from django.urls import URLPattern, URLResolver, path

from volcity.activities import views_overview as v

urlpatterns: list[URLPattern | URLResolver] = [
    path("overview/", v.overview, name="overview"),
]
