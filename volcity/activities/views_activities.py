"""Activity pages: the volunteer's browse list and activity page (phone first), the staff
table of activities in scope, the activity form (shifts listed or repeated weekly), publish,
cancel, recruitment on/off, and the Excel export of the staff table."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from volcity.accounts.scope import scope_for
from volcity.activities.exports_activities import activities_xlsx
from volcity.activities.forms_activities import ActivityForm, BrowseFilterForm, ReasonForm
from volcity.activities.models import Activity, Signup
from volcity.activities.permissions import can_manage_activity
from volcity.activities.queries_activities import (
    STAFF,
    ManageFilter,
    OpenFilter,
    activities_open_for,
    activity_detail,
    activity_get_for,
    activity_list_for,
    activity_managed_get,
)
from volcity.activities.services.activities import (
    activity_cancel,
    activity_create,
    activity_publish,
    activity_set_recruiting,
    activity_update,
)
from volcity.core.errors import DomainError
from volcity.core.forms import form_add_domain_error
from volcity.core.pagination import keyset_page
from volcity.registry.queries import volunteer_of

PAGE_SIZE = 50
GUARDIAN_UNDER = 10


def _require_staff(request: HttpRequest) -> None:
    if scope_for(request.user, STAFF).empty:
        raise PermissionDenied


def _after(request: HttpRequest) -> str | None:
    after = request.GET.get("after", "")
    return after if after.isdigit() else None


@require_GET
def browse(request: HttpRequest) -> HttpResponse:
    """Open activities, those in the volunteer's town first, each with its next shift."""
    form = BrowseFilterForm(request.GET or None)
    flt = OpenFilter()
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        flt = OpenFilter(category=d["category"], region=d["region"], date=d["date"])
    context = {
        "form": form,
        "activities": activities_open_for(request.user, flt, limit=PAGE_SIZE),
        "volunteer": volunteer_of(request.user),
    }
    return render(request, "activities/activities/browse.html", context)


def _age(birth: Any) -> int | None:
    if birth is None:
        return None
    today = timezone.localdate()
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


@require_GET
def detail(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = activity_get_for(request.user, activity_id)
    volunteer = volunteer_of(request.user)
    age = _age(getattr(request.user, "birth_date", None)) if volunteer is not None else None
    mine: set[int] = set()
    if volunteer is not None:
        mine = set(
            Signup.objects.filter(
                volunteer=volunteer, shift__activity=activity, status__in=Signup.ACTIVE
            ).values_list("shift_id", flat=True)
        )
    context = {
        "activity": activity,
        "detail": activity_detail(activity),
        "mine": mine,
        "volunteer": volunteer,
        "open": activity.status == Activity.Status.PUBLISHED and activity.recruiting,
        "needs_guardian": age is not None and age < GUARDIAN_UNDER,
        "can_manage": can_manage_activity(request.user, activity),
        "cancel_form": ReasonForm(),
    }
    return render(request, "activities/activities/detail.html", context)


@login_required
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    """The activities of the teams the user leads and the regions they administer."""
    _require_staff(request)
    status = request.GET.get("status", "")
    flt = ManageFilter(
        status=status if status in Activity.Status.values else "",
        q=request.GET.get("q", "")[:80],
    )
    page = keyset_page(
        activity_list_for(request.user, flt),
        after=_after(request),
        limit=PAGE_SIZE,
        descending=True,
    )
    query = request.GET.copy()
    query.pop("after", None)
    context = {
        "page": page,
        "statuses": Activity.Status.choices,
        "status": flt.status,
        "q": flt.q,
        "query": query.urlencode(),
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "activities/activities/_manage_rows.html", context)
    return render(request, "activities/activities/manage.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def activity_new(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    form = ActivityForm(request.POST or None, actor=request.user)
    if request.method == "POST":
        if form.is_valid() and (data := form.to_data()) is not None:
            try:
                activity = activity_create(actor=request.user, data=data)
            except DomainError as exc:
                form_add_domain_error(form, exc)
            else:
                messages.success(
                    request, _("The activity was saved as a draft. Publish it when ready.")
                )
                return redirect("activities:detail", activity_id=activity.pk)
        return render(request, "activities/activities/form.html", {"form": form}, status=400)
    return render(request, "activities/activities/form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = activity_managed_get(request.user, activity_id)
    initial = ActivityForm.initial_for(activity)
    form = ActivityForm(
        request.POST or None, actor=request.user, activity=activity, initial=initial
    )
    context: dict[str, Any] = {
        "form": form,
        "activity": activity,
        "detail": activity_detail(activity),
    }
    if request.method == "POST":
        if form.is_valid() and (data := form.to_data()) is not None:
            try:
                activity_update(actor=request.user, activity=activity, data=data)
            except DomainError as exc:
                form_add_domain_error(form, exc)
            else:
                messages.success(request, _("The activity was saved."))
                return redirect("activities:detail", activity_id=activity.pk)
        return render(request, "activities/activities/form.html", context, status=400)
    return render(request, "activities/activities/form.html", context)


def _refused(request: HttpRequest, exc: DomainError, activity_id: int) -> HttpResponse:
    messages.error(request, str(exc.message))
    for reasons in exc.fields.values():
        for reason in reasons:
            if str(reason) != str(exc.message):
                messages.error(request, str(reason))
    return redirect("activities:detail", activity_id=activity_id)


@login_required
@require_POST
def activity_publish_view(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = activity_managed_get(request.user, activity_id)
    try:
        activity_publish(actor=request.user, activity=activity)
    except DomainError as exc:
        return _refused(request, exc, activity_id)
    messages.success(request, _("The activity is published: volunteers can sign up."))
    return redirect("activities:detail", activity_id=activity_id)


@login_required
@require_POST
def activity_cancel_view(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = activity_managed_get(request.user, activity_id)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason for cancelling the activity."))
        return redirect("activities:detail", activity_id=activity_id)
    try:
        activity_cancel(actor=request.user, activity=activity, reason=form.cleaned_data["reason"])
    except DomainError as exc:
        return _refused(request, exc, activity_id)
    messages.success(request, _("The activity is cancelled; those signed up are told by SMS."))
    return redirect("activities:detail", activity_id=activity_id)


@login_required
@require_POST
def activity_recruiting_view(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = activity_managed_get(request.user, activity_id)
    wanted = request.POST.get("open", "") in ("1", "true", "on")
    try:
        activity_set_recruiting(actor=request.user, activity=activity, open=wanted)
    except DomainError as exc:
        return _refused(request, exc, activity_id)
    if wanted:
        messages.success(request, _("Recruitment is open."))
    else:
        messages.success(request, _("Recruitment is closed."))
    return redirect("activities:detail", activity_id=activity_id)


@login_required
@require_GET
def activity_export(request: HttpRequest) -> FileResponse:
    """The staff table as .xlsx: every activity the user may manage (same filters)."""
    _require_staff(request)
    status = request.GET.get("status", "")
    flt = ManageFilter(status=status if status in Activity.Status.values else "")
    handle, _rows = activities_xlsx(request.user, flt)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"activities-{stamp}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
