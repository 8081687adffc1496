"""Pages of the order loop: menu, ordering, review, dispatch, accept, complete, rate."""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
