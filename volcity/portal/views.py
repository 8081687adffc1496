from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from volcity.accounts.queries import user_roles_summary
from volcity.portal.manage import manage_tasks
from volcity.portal.queries import health_check
from volcity.regions.queries import region_city


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    city = region_city()
    roles = user_roles_summary(request.user) if request.user.is_authenticated else []
    return render(request, "portal/home.html", {"city": city, "roles": roles})


@login_required
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    sections = manage_tasks(request.user)
    if not sections:
        raise PermissionDenied
    return render(request, "portal/manage.html", {"sections": sections})


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    result = health_check()
    return JsonResponse(result, status=200 if result["status"] == "ok" else 503)
