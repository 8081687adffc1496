"""Administrators' pages: people in their regions, their roles, their personal data."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from volcity.accounts.forms import GrantForm, RevealForm, UserCreateForm, UserFilterForm
from volcity.accounts.models import RoleGrant
from volcity.accounts.permissions import can_reveal_personal_data, is_admin
from volcity.accounts.queries import UserFilter, grantable_roles, user_get_for, user_list_for
from volcity.accounts.roles import ADMIN_ROLES
from volcity.accounts.scope import visible_to
from volcity.accounts.services import role_grant, role_revoke, user_create, user_reveal_id_number
from volcity.core.errors import DomainError
from volcity.core.forms import form_add_domain_error
from volcity.core.pagination import keyset_page
from volcity.core.privacy import mask_phone
from volcity.regions.models import Region


def _require_admin(request: HttpRequest) -> None:
    if not is_admin(request.user):
        raise PermissionDenied


def _regions_for(request: HttpRequest) -> object:
    return visible_to(
        request.user, Region.objects.all(), roles=ADMIN_ROLES, region_field="code"
    ).order_by("code")


def _filter(request: HttpRequest) -> tuple[UserFilterForm, UserFilter]:
    form = UserFilterForm(request.GET or None, roles=grantable_roles(request.user))
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        return form, UserFilter(q=data["q"], role=data["role"], region=data["region"])
    return form, UserFilter()


@login_required
@require_GET
def user_list(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    form, flt = _filter(request)
    page = keyset_page(user_list_for(request.user, flt), after=request.GET.get("after"), limit=50)
    template = "accounts/partials/_user_rows.html" if request.htmx else "accounts/user_list.html"  # type: ignore[attr-defined]
    return render(request, template, {"form": form, "page": page, "query": request.GET.urlencode()})


@login_required
@require_GET
def user_export(request: HttpRequest) -> StreamingHttpResponse:
    """CSV of the people the administrator can see, with personal numbers masked."""
    _require_admin(request)
    _form, flt = _filter(request)
    rows = user_list_for(request.user, flt).order_by("pk")

    class Echo:
        def write(self, value: str) -> str:
            return value

    writer = csv.writer(Echo())

    def lines():  # type: ignore[no-untyped-def]
        yield "\ufeff"
        yield writer.writerow(
            [
                _("Username"),
                _("Name"),
                _("Mobile number"),
                _("ID number"),
                _("Home region"),
                _("Roles"),
            ]
        )
        for u in rows.iterator(chunk_size=2000):
            roles = "; ".join(g.get_role_display() for g in u.grants.all())
            yield writer.writerow(
                [
                    u.username,
                    u.display_name,
                    mask_phone(u.phone) if u.phone else "",
                    u.id_number_masked,
                    u.home_region.name if u.home_region else "",
                    roles,
                ]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="users.csv"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def user_new(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    form = UserCreateForm(
        request.POST if request.method == "POST" else None, regions=_regions_for(request)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = user_create(
                username=data["username"],
                display_name=data["display_name"],
                phone=data["phone"],
                password=data["password"] or None,
                home_region=data["home_region"],
                id_number=data["id_number"],
            )
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            messages.success(request, _("The account was created."))
            return redirect("accounts:user", user_id=user.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/user_new.html", {"form": form}, status=status)


def _detail_context(request: HttpRequest, user_id: int, **forms: object) -> dict[str, object]:
    target = user_get_for(request.user, user_id)
    return {
        "target": target,
        "phone_masked": mask_phone(target.phone) if target.phone else "",
        "grants": list(target.grants.all()),
        "grant_form": forms.get("grant_form")
        or GrantForm(roles=grantable_roles(request.user), regions=_regions_for(request)),
        "reveal_form": forms.get("reveal_form") or RevealForm(),
        "can_reveal": can_reveal_personal_data(request.user, target),
    }


@login_required
@require_GET
def user_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    _require_admin(request)
    try:
        context = _detail_context(request, user_id)
    except DomainError as exc:
        return render(request, "404.html", {"message": exc.message}, status=exc.status)
    return render(request, "accounts/user_detail.html", context)


@login_required
@require_POST
def user_grant(request: HttpRequest, user_id: int) -> HttpResponse:
    _require_admin(request)
    try:
        target = user_get_for(request.user, user_id)
    except DomainError as exc:
        return render(request, "404.html", {"message": exc.message}, status=exc.status)
    form = GrantForm(
        request.POST, roles=grantable_roles(request.user), regions=_regions_for(request)
    )
    if form.is_valid():
        try:
            role_grant(
                actor=request.user,
                user=target,
                role=form.cleaned_data["role"],
                region=form.cleaned_data["region"],
                team_id=form.cleaned_data["team"],
            )
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            messages.success(request, _("The role was granted."))
            return redirect("accounts:user", user_id=target.pk)
    context = _detail_context(request, user_id, grant_form=form)
    return render(request, "accounts/user_detail.html", context, status=400)


@login_required
@require_POST
def grant_revoke(request: HttpRequest, grant_id: int) -> HttpResponse:
    _require_admin(request)
    grant = get_object_or_404(
        visible_to(request.user, RoleGrant.objects.select_related("user"), roles=ADMIN_ROLES),
        pk=grant_id,
    )
    try:
        role_revoke(actor=request.user, grant=grant)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The role was revoked."))
    return redirect("accounts:user", user_id=grant.user_id)


@login_required
@require_POST
def user_reveal(request: HttpRequest, user_id: int) -> HttpResponse:
    _require_admin(request)
    try:
        target = user_get_for(request.user, user_id)
    except DomainError as exc:
        return render(request, "404.html", {"message": exc.message}, status=exc.status)
    form = RevealForm(request.POST)
    number = None
    if form.is_valid():
        try:
            number = user_reveal_id_number(
                actor=request.user, user=target, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            if exc.status == 403:
                raise PermissionDenied from None
            form_add_domain_error(form, exc)
    status = 200 if number else 400
    return render(
        request,
        "accounts/partials/_reveal.html",
        {"target": target, "number": number, "reveal_form": form},
        status=status,
    )
