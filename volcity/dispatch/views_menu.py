"""Administration pages: the service menu (categories and items) and the duty roster."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from volcity.accounts.models import User
from volcity.accounts.roles import ADMIN_ROLES
from volcity.accounts.scope import scope_for
from volcity.core.errors import DomainError
from volcity.dispatch import forms
from volcity.dispatch.errors import InvalidValue
from volcity.dispatch.models import DutyShift, ServiceCategory, ServiceItem
from volcity.dispatch.permissions import can_keep_menu, can_keep_roster, is_centre_staff
from volcity.dispatch.queries import menu_admin_for, roster_for
from volcity.dispatch.services.menu import category_add, category_update, item_add, item_update
from volcity.dispatch.services.roster import duty_add, duty_remove
from volcity.regions.models import Region
from volcity.registry.models import Skill, Team


def _menu_regions(user: Any) -> list[Region]:
    scope = scope_for(user, ADMIN_ROLES)
    if scope.empty:
        return []
    regions = Region.objects.filter(level__in=[1, 2]).order_by("code")[:100]
    return [r for r in regions if scope.covers_region(r.code)]


def _menu_page(request: HttpRequest, **extra: Any) -> HttpResponse:
    context = {
        "categories": menu_admin_for(request.user),
        "regions": _menu_regions(request.user),
        "skills": list(Skill.objects.order_by("sort", "code")),
        "errors": {},
        "error": "",
    }
    context.update(extra)
    status = 400 if context["error"] else 200
    return render(request, "dispatch/orders/menu.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def menu_admin(request: HttpRequest) -> HttpResponse:
    """The menus the user keeps; a POST adds a category."""
    if scope_for(request.user, ADMIN_ROLES).empty:
        raise PermissionDenied
    if request.method == "POST":
        region = Region.objects.filter(pk=request.POST.get("region", "")).first()
        try:
            if region is None:
                raise InvalidValue(field="region")
            category_add(
                actor=request.user,
                region=region,
                name=request.POST.get("name", ""),
                sort=forms.int_or_none(request.POST.get("sort")) or 0,
            )
        except DomainError as e:
            return _menu_page(request, errors=forms.errors_of(e), error=str(e.message))
        messages.success(request, _("Category added."))
        return redirect("dispatch:menu_admin")
    return _menu_page(request)


def _category(request: HttpRequest, category_id: int) -> ServiceCategory:
    category = ServiceCategory.objects.filter(pk=category_id).first()
    if category is None or not can_keep_menu(request.user, category.region_id):
        raise Http404
    return category


@login_required
@require_POST
def category_edit(request: HttpRequest, category_id: int) -> HttpResponse:
    category = _category(request, category_id)
    try:
        category_update(
            actor=request.user,
            category=category,
            name=request.POST.get("name", ""),
            sort=forms.int_or_none(request.POST.get("sort")) or 0,
            active=request.POST.get("active") == "on",
        )
    except DomainError as e:
        return _menu_page(request, errors=forms.errors_of(e), error=str(e.message))
    messages.success(request, _("Category saved."))
    return redirect("dispatch:menu_admin")


def _team_ids(request: HttpRequest) -> list[int]:
    return [int(t) for t in request.POST.getlist("teams") if t.strip().isdigit()]


@login_required
@require_POST
def item_new(request: HttpRequest, category_id: int) -> HttpResponse:
    category = _category(request, category_id)
    try:
        item_add(
            actor=request.user,
            category=category,
            name=request.POST.get("name", ""),
            description=request.POST.get("description", ""),
            skills=request.POST.getlist("skills"),
            teams=_team_ids(request),
        )
    except DomainError as e:
        return _menu_page(request, errors=forms.errors_of(e), error=str(e.message))
    messages.success(request, _("Service added."))
    return redirect("dispatch:menu_admin")


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, item_id: int) -> HttpResponse:
    item = ServiceItem.objects.select_related("category").filter(pk=item_id).first()
    if item is None or not can_keep_menu(request.user, item.category.region_id):
        raise Http404
    context: dict[str, Any] = {
        "item": item,
        "skills": list(Skill.objects.order_by("sort", "code")),
        "chosen_skills": set(item.skills.values_list("code", flat=True)),
        "teams": list(item.teams.order_by("name")),
        "errors": {},
        "error": "",
    }
    if request.method == "POST":
        try:
            item_update(
                actor=request.user,
                item=item,
                name=request.POST.get("name", ""),
                description=request.POST.get("description", ""),
                skills=request.POST.getlist("skills"),
                teams=_team_ids(request),
                sort=forms.int_or_none(request.POST.get("sort")) or 0,
                active=request.POST.get("active") == "on",
            )
        except DomainError as e:
            context.update(errors=forms.errors_of(e), error=str(e.message))
            return render(request, "dispatch/orders/menu_item.html", context, status=400)
        messages.success(request, _("Service saved."))
        return redirect("dispatch:menu_admin")
    return render(request, "dispatch/orders/menu_item.html", context)


def _roster_page(request: HttpRequest, **extra: Any) -> HttpResponse:
    context = {"shifts": roster_for(request.user), "errors": {}, "error": "", "values": {}}
    context.update(extra)
    return render(
        request, "dispatch/orders/roster.html", context, status=400 if context["error"] else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def roster(request: HttpRequest) -> HttpResponse:
    if not is_centre_staff(request.user):
        raise PermissionDenied
    if request.method == "POST":
        p = request.POST
        region = Region.objects.filter(pk=p.get("region", "").strip()).first()
        user = User.objects.filter(username=p.get("username", "").strip()).first()
        team = Team.objects.filter(pk=forms.int_or_none(p.get("team")) or 0).first()
        starts, ends = forms.when(p.get("starts_at", "")), forms.when(p.get("ends_at", ""))
        try:
            if region is None:
                raise InvalidValue(field="region")
            if starts is None or ends is None:
                raise InvalidValue(field="starts_at" if starts is None else "ends_at")
            if p.get("username", "").strip() and user is None:
                raise InvalidValue(field="username")
            duty_add(
                actor=request.user,
                region=region,
                starts_at=starts,
                ends_at=ends,
                user=user,
                team=team,
                note=p.get("note", ""),
            )
        except DomainError as e:
            return _roster_page(request, errors=forms.errors_of(e), error=str(e.message), values=p)
        messages.success(request, _("Duty shift added."))
        return redirect("dispatch:roster")
    return _roster_page(request)


@login_required
@require_POST
def roster_remove(request: HttpRequest, shift_id: int) -> HttpResponse:
    shift = DutyShift.objects.filter(pk=shift_id).first()
    if shift is None or not can_keep_roster(request.user, shift.region_id):
        raise Http404
    duty_remove(actor=request.user, shift=shift)
    messages.success(request, _("Duty shift removed."))
    return redirect("dispatch:roster")
