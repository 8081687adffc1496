"""Administration pages: the service menu (categories and items) and the duty roster."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from volcity.accounts.models import User
from volcity.accounts.roles import ADMIN_ROLES
from volcity.accounts.scope import scope_for
from volcity.core.errors import DomainError
from volcity.dispatch import forms, pickers
from volcity.dispatch.errors import InvalidValue
from volcity.dispatch.models import DutyShift, ServiceCategory, ServiceItem
from volcity.dispatch.permissions import can_keep_menu, can_keep_roster, is_centre_staff
from volcity.dispatch.queries import menu_admin_for, roster_for
from volcity.dispatch.services.menu import category_add, category_update, item_add, item_update
from volcity.dispatch.services.roster import duty_add, duty_remove
from volcity.regions.models import Region
from volcity.registry.models import Skill, Team


def _menu_page(request: HttpRequest, **extra: Any) -> HttpResponse:
    context = {
        "categories": menu_admin_for(request.user),
        "regions": pickers.centre_regions(request.user, ADMIN_ROLES),
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
    """Ticked team ids and the picked ``"name #id"``; text naming no team is refused."""
    ids: list[int] = []
    for text in request.POST.getlist("teams"):
        if not text.strip():
            continue
        ref = pickers.team_id_of(text)
        if ref is None:
            raise InvalidValue(field="teams")
        ids.append(ref)
    return ids


@login_required
@require_GET
def pick_teams(request: HttpRequest) -> HttpResponse:
    """``<option>``s for the team search list of the menu and roster forms (htmx)."""
    if not is_centre_staff(request.user):
        raise PermissionDenied
    text = next((request.GET[k] for k in ("q", "team", "teams") if request.GET.get(k)), "")
    teams = pickers.teams_matching(request.user, text)
    return render(request, "dispatch/orders/_team_options.html", {"teams": teams})


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
    context = {
        "shifts": roster_for(request.user),
        "regions": pickers.centre_regions(request.user),
        "dispatchers": pickers.dispatchers_for(request.user),
        "errors": {},
        "error": "",
        "values": {},
    }
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
        user_id = forms.int_or_none(p.get("user"))
        user = User.objects.filter(pk=user_id).first() if user_id else None
        team_id = pickers.team_id_of(p.get("team"))
        team = Team.objects.filter(pk=team_id).first() if team_id else None
        starts, ends = forms.when(p.get("starts_at", "")), forms.when(p.get("ends_at", ""))
        try:
            if region is None:
                raise InvalidValue(field="region")
            if starts is None or ends is None:
                raise InvalidValue(field="starts_at" if starts is None else "ends_at")
            if p.get("user", "").strip() and user is None:
                raise InvalidValue(field="user")
            if p.get("team", "").strip() and team is None:
                raise InvalidValue(field="team")
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
