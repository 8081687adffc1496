"""The administrator's overview page (region drill-down)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from volcity.activities.queries_overview import overview_for


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    data = overview_for(request.user, request.GET.get("region", "").strip())
    return render(request, "activities/overview.html", {"o": data})
