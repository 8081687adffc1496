"""The public verification page of certificates: /verify/<number>."""

from django.urls import URLPattern, URLResolver, path

from volcity.activities.views_verify import certificate_verify

app_name = "verify"
urlpatterns: list[URLPattern | URLResolver] = [
    path("<str:number>", certificate_verify, name="certificate"),
]
