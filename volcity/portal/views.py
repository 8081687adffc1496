from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from volcity.accounts.queries import user_roles_summary
from volcity.portal.queries import health_check
from volcity.regions.queries import region_city


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    city = region_city()
    roles = user_roles_summary(request.user) if request.user.is_authenticated else []
    return render(request, "portal/home.html", {"city": city, "roles": roles})


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    result = health_check()
    return JsonResponse(result, status=200 if result["status"] == "ok" else 503)
