"""Staff pages of volunteers: find them, see one, record consent, suspend, register someone
without a phone. Administrators see their regions; team leaders see the people of their teams."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from volcity.accounts.permissions import can_manage_user
from volcity.accounts.roles import ADMIN_ROLES, Role
from volcity.accounts.scope import scope_for, visible_to
from volcity.core.errors import DomainError
from volcity.core.forms import form_add_domain_error
from volcity.core.lifecycle import status_history
from volcity.core.pagination import keyset_page
from volcity.regions.models import Region
from volcity.registry.choices import AvailableTime
from volcity.registry.forms import ReasonForm, VolunteerFilterForm
from volcity.registry.models import Membership, Volunteer
from volcity.registry.permissions import can_manage_volunteers_in
from volcity.registry.queries import (
    VolunteerFilter,
    volunteer_get_for,
    volunteer_list_for,
    volunteer_profile,
)
from volcity.registry.services import (
    volunteer_record_consent,
    volunteer_register,
    volunteer_reinstate,
    volunteer_suspend,
)
from volcity.registry.views_volunteer import volunteer_form

PAGE_SIZE = 50


def _require_staff(request: HttpRequest) -> None:
    """Administrators and team leaders work with volunteers; everyone else is refused."""
    if scope_for(request.user, ADMIN_ROLES | {Role.TEAM_LEADER}).empty:
        raise PermissionDenied


def _require_admin(request: HttpRequest) -> None:
    if scope_for(request.user, ADMIN_ROLES).empty:
        raise PermissionDenied


def after_key(request: HttpRequest) -> str | None:
    """The keyset cursor of a "More" request; anything but digits starts from the top."""
    after = request.GET.get("after", "")
    return after if after.isdigit() else None


def _filter(request: HttpRequest) -> tuple[VolunteerFilterForm, VolunteerFilter]:
    form = VolunteerFilterForm(request.GET or None)
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        return form, VolunteerFilter(
            q=d["q"],
            skill=d["skill"],
            category=d["category"],
            region=d["region"].strip(),
            team=d["team"],
            age_band=d["age_band"],
            status=d["status"],
            star_level=d["star_level"],
        )
    return form, VolunteerFilter()


@login_required
@require_GET
def volunteer_list(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    form, flt = _filter(request)
    page = keyset_page(
        volunteer_list_for(request.user, flt), after=after_key(request), limit=PAGE_SIZE
    )
    query = request.GET.copy()
    query.pop("after", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_register": not scope_for(request.user, ADMIN_ROLES).empty,
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "registry/partials/_volunteer_rows.html", context)
    return render(request, "registry/volunteer_list.html", context)


def _detail(request: HttpRequest, volunteer: Volunteer, **extra: Any) -> dict[str, Any]:
    profile = volunteer_profile(volunteer)
    times = dict(AvailableTime.choices)
    labels = dict(Volunteer.Status.choices)
    return {
        "volunteer": profile,
        "memberships": sorted(
            profile.memberships.all(), key=lambda m: (m.status not in Membership.OPEN, -m.pk)
        ),
        "times": [times.get(t, t) for t in profile.available_times],
        "stars": "★" * profile.star_level,
        "can_manage": can_manage_volunteers_in(request.user, profile.region_id),
        "can_open_account": can_manage_user(request.user, profile.user),
        "history": [
            {
                "at": e.at,
                "label": labels.get(e.to_status, e.to_status),
                "actor": e.actor,
                "reason": e.reason,
            }
            for e in status_history(profile).select_related("actor").order_by("-id")[:20]
        ],
        "suspend_form": extra.get("suspend_form") or ReasonForm(),
    }


@login_required
@require_GET
def volunteer_detail(request: HttpRequest, volunteer_id: int) -> HttpResponse:
    _require_staff(request)
    volunteer = volunteer_get_for(request.user, volunteer_id)
    return render(request, "registry/volunteer_detail.html", _detail(request, volunteer))


@login_required
@require_POST
def volunteer_consent(request: HttpRequest, volunteer_id: int) -> HttpResponse:
    """An administrator records the guardian's consent of a minor, seen on paper or in person."""
    _require_staff(request)
    volunteer = volunteer_get_for(request.user, volunteer_id)
    try:
        volunteer_record_consent(
            actor=request.user, volunteer=volunteer, note=request.POST.get("note", "")[:200]
        )
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        messages.error(request, str(exc.message))
    else:
        messages.success(
            request, _("The guardian's consent was recorded: the volunteer is active.")
        )
    return redirect("registry:volunteer", volunteer_id=volunteer.pk)


@login_required
@require_POST
def volunteer_suspend_view(request: HttpRequest, volunteer_id: int) -> HttpResponse:
    _require_staff(request)
    volunteer = volunteer_get_for(request.user, volunteer_id)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            volunteer_suspend(
                actor=request.user, volunteer=volunteer, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            if exc.status in (403, 404):
                raise
            form_add_domain_error(form, exc)
        else:
            messages.success(request, _("The volunteer was suspended."))
            return redirect("registry:volunteer", volunteer_id=volunteer.pk)
    context = _detail(request, volunteer, suspend_form=form)
    return render(request, "registry/volunteer_detail.html", context, status=400)


@login_required
@require_POST
def volunteer_reinstate_view(request: HttpRequest, volunteer_id: int) -> HttpResponse:
    _require_staff(request)
    volunteer = volunteer_get_for(request.user, volunteer_id)
    try:
        volunteer_reinstate(actor=request.user, volunteer=volunteer)
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The volunteer was reinstated."))
    return redirect("registry:volunteer", volunteer_id=volunteer.pk)


@login_required
@require_http_methods(["GET", "POST"])
def volunteer_new(request: HttpRequest) -> HttpResponse:
    """Staff register someone without a phone (or who cannot use the page themselves)."""
    _require_admin(request)
    villages = visible_to(
        request.user,
        Region.objects.filter(level=Region.Level.VILLAGE),
        roles=ADMIN_ROLES,
        region_field="code",
    )
    form = volunteer_form(request, with_password=False, villages=villages)
    form.fields["phone"].help_text = _(
        "Leave empty for someone without a phone: staff manage the account."
    )
    if request.method == "POST" and form.is_valid():
        try:
            volunteer = volunteer_register(data=form.volunteer_in(), actor=request.user)
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            messages.success(
                request,
                _("The volunteer was registered with number %(number)s.")
                % {"number": volunteer.number},
            )
            return redirect("registry:volunteer", volunteer_id=volunteer.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "registry/volunteer_new.html", {"form": form}, status=status)
