from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from config.api import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("volcity.portal.urls")),
    path("accounts/", include("volcity.accounts.urls")),
    path("regions/", include("volcity.regions.urls")),
    path("audit/", include("volcity.audit.urls")),
    path("ledger/", include("volcity.ledger.urls")),
    path("registry/", include("volcity.registry.urls")),
    path("activities/", include("volcity.activities.urls")),
    path("virtue/", include("volcity.virtue.urls")),
    path("timebank/", include("volcity.timebank.urls")),
    path("notifications/", include("volcity.notifications.urls")),
    path("dispatch/", include("volcity.dispatch.urls")),
    path("verify/", include("volcity.activities.urls_verify")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]

if settings.DEBUG:  # pragma: no cover - development only
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
