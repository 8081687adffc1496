"""Project pages: the list (by brand, with hour totals), a project's page, a new project."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from volcity.accounts.scope import scope_for
from volcity.activities.forms_activities import ProjectForm
from volcity.activities.models import HourTotal
from volcity.activities.permissions import can_manage_project
from volcity.activities.queries_activities import (
    STAFF,
    activities_of_project,
    brands_all,
    hour_totals,
    project_activity_counts,
    project_get_for,
    project_list_for,
    project_totals,
)
from volcity.activities.services.projects import project_create
from volcity.activities.services.totals import hours_text
from volcity.core.errors import DomainError
from volcity.core.forms import form_add_domain_error
from volcity.core.pagination import keyset_page

PAGE_SIZE = 50


@require_GET
def project_list(request: HttpRequest) -> HttpResponse:
    brand = request.GET.get("brand", "")[:40]
    after = request.GET.get("after", "")
    page = keyset_page(
        project_list_for(request.user, brand=brand),
        after=after if after.isdigit() else None,
        limit=PAGE_SIZE,
    )
    totals = project_totals(page.items)
    rows = [
        {
            "project": p,
            "hours": hours_text(totals[p.pk].minutes_approved if p.pk in totals else 0),
            "records": totals[p.pk].records_approved if p.pk in totals else 0,
        }
        for p in page.items
    ]
    context = {
        "rows": rows,
        "page": page,
        "brands": brands_all(),
        "brand": brand,
        "can_create": not scope_for(request.user, STAFF).empty,
    }
    return render(request, "activities/projects/list.html", context)


@require_GET
def project_detail(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_get_for(request.user, project_id)
    total = hour_totals(HourTotal.Kind.PROJECT, [project.pk]).get(project.pk)
    context = {
        "project": project,
        "hours": hours_text(total.minutes_approved if total else 0),
        "pending_hours": hours_text(total.minutes_pending if total else 0),
        "records": total.records_approved if total else 0,
        "counts": project_activity_counts(project),
        "activities": activities_of_project(project),
        "can_manage": can_manage_project(request.user, project),
    }
    return render(request, "activities/projects/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def project_new(request: HttpRequest) -> HttpResponse:
    if scope_for(request.user, STAFF).empty:
        raise PermissionDenied
    form = ProjectForm(request.POST or None, actor=request.user)
    if request.method == "POST":
        if form.is_valid():
            try:
                project = project_create(actor=request.user, data=form.to_data())
            except DomainError as exc:
                form_add_domain_error(form, exc)
            else:
                messages.success(request, _("The project was created."))
                return redirect("activities:project_detail", project_id=project.pk)
        return render(request, "activities/projects/form.html", {"form": form}, status=400)
    return render(request, "activities/projects/form.html", {"form": form})
