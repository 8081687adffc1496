"""The public verification page of certificates: /verify/<number>."""

from django.urls import URLPattern, URLResolver

app_name = "verify"
urlpatterns: list[URLPattern | URLResolver] = []
