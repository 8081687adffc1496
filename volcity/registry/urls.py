from django.urls import URLPattern, URLResolver

from volcity.registry.urls_imports import urlpatterns as import_patterns
from volcity.registry.urls_pages import urlpatterns as page_patterns

app_name = "registry"
urlpatterns: list[URLPattern | URLResolver] = [*page_patterns, *import_patterns]
