"""Roster import and export pages."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
