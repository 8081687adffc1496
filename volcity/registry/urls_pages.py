"""Pages of the registry: volunteers (phone), staff lists, teams, party registration."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
