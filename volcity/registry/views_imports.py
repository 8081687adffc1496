"""Pages for roster import (administrators) and the Excel exports of the lists."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from volcity.accounts.models import RoleGrant
from volcity.accounts.permissions import is_admin
from volcity.accounts.roles import ADMIN_ROLES, Role
from volcity.accounts.scope import scope_for
from volcity.core.errors import DomainError
from volcity.core.forms import form_add_domain_error
from volcity.regions.models import Region
from volcity.registry.exports import teams_xlsx, volunteers_xlsx
from volcity.registry.filters import parse_team_filter, parse_volunteer_filter
from volcity.registry.imports.columns import ImportRefused
from volcity.registry.imports.jobs import (
    import_confirm,
    import_job_get_for,
    import_jobs_of,
    import_progress,
    import_upload,
    media_path,
)
from volcity.registry.imports.template import build_template
from volcity.registry.models_imports import ImportJob

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require_admin(request: HttpRequest) -> None:
    if not is_admin(request.user):
        raise PermissionDenied


def admin_regions(user: Any) -> QuerySet[Region]:
    """The regions where the person holds an administrator grant: where they may import."""
    if getattr(user, "is_superuser", False):
        return Region.objects.filter(level=Region.Level.CITY).order_by("code")
    codes = RoleGrant.objects.filter(user=user, role__in=ADMIN_ROLES).values("region_id")
    return Region.objects.filter(code__in=codes).order_by("code")


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("The file holds"), choices=ImportJob.Kind.choices)
    region = forms.ModelChoiceField(
        label=gettext_lazy("Import into"), queryset=Region.objects.none(), empty_label=None
    )
    file = forms.FileField(
        label=gettext_lazy("Roster file (.xlsx)"),
        help_text=gettext_lazy("Filled in from the template; every row is checked first."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx," + XLSX}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["region"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
        field.queryset = admin_regions(user)


def _index(request: HttpRequest, form: UploadForm, status: int = 200) -> HttpResponse:
    jobs = list(import_jobs_of(request.user)[:20])
    return render(
        request, "registry/imports/index.html", {"form": form, "jobs": jobs}, status=status
    )


@login_required
@require_GET
def import_index(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    return _index(request, UploadForm(user=request.user, initial={"kind": request.GET.get("kind")}))


@login_required
@require_GET
def import_template(request: HttpRequest, kind: str) -> HttpResponse:
    _require_admin(request)
    if kind not in ImportJob.Kind.values:
        raise Http404
    content = build_template(kind, request.user)
    response = HttpResponse(content, content_type=XLSX)
    name = f"volcity-{kind}-template.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def import_upload_view(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    form = UploadForm(request.POST, request.FILES, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            job = import_upload(
                actor=request.user, kind=data["kind"], region=data["region"], upload=data["file"]
            )
        except ImportRefused as exc:
            form.add_error("file", str(exc.message))
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            return redirect("registry:import_job", job_id=job.pk)
    return _index(request, form, status=400)


def _job_context(job: ImportJob) -> dict[str, Any]:
    done = import_progress(job)
    total = job.total_rows
    return {
        "job": job,
        "done": done,
        "total": total,
        "percent": min(100, round(100 * done / total)) if total else 0,
        "can_confirm": job.status == ImportJob.Status.VALIDATED
        and job.bad_rows == 0
        and job.ok_rows > 0,
        "has_report": bool(job.report_path) and media_path(job.report_path).exists(),
    }


@login_required
@require_GET
def import_job(request: HttpRequest, job_id: int) -> HttpResponse:
    """The job's page; htmx asks for the status card alone every second while it runs."""
    _require_admin(request)
    job = import_job_get_for(request.user, job_id)
    context = _job_context(job)
    if getattr(request, "htmx", False):
        return render(request, "registry/imports/partials/_job.html", context)
    return render(request, "registry/imports/job.html", context)


@login_required
@require_GET
def import_report(request: HttpRequest, job_id: int) -> FileResponse:
    _require_admin(request)
    job = import_job_get_for(request.user, job_id)
    path = media_path(job.report_path) if job.report_path else None
    if path is None or not path.exists():
        raise Http404
    stem = job.file_name.removesuffix(".xlsx") or "roster"
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=_("%(name)s - errors.xlsx") % {"name": stem},
        content_type=XLSX,
    )


@login_required
@require_POST
def import_confirm_view(request: HttpRequest, job_id: int) -> HttpResponse:
    _require_admin(request)
    job = import_confirm(actor=request.user, job_id=job_id)
    messages.success(request, _("Import started: the rows are being written."))
    return redirect("registry:import_job", job_id=job.pk)


# --- exports --------------------------------------------------------------------------------


def _require_list_reader(request: HttpRequest) -> None:
    """Administrators and team leaders have volunteer and team lists to export."""
    if scope_for(request.user, [*ADMIN_ROLES, Role.TEAM_LEADER]).empty:
        raise PermissionDenied


def _xlsx(handle: Any, stem: str) -> FileResponse:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return FileResponse(
        handle, as_attachment=True, filename=f"{stem}-{stamp}.xlsx", content_type=XLSX
    )


@login_required
@require_GET
def volunteers_xlsx_view(request: HttpRequest) -> FileResponse:
    _require_list_reader(request)
    handle, _rows = volunteers_xlsx(request.user, parse_volunteer_filter(request.GET))
    return _xlsx(handle, "volunteers")


@login_required
@require_GET
def teams_xlsx_view(request: HttpRequest) -> FileResponse:
    _require_list_reader(request)
    handle, _rows = teams_xlsx(request.user, parse_team_filter(request.GET))
    return _xlsx(handle, "teams")
