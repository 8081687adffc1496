"""Asking for a role (anyone signed in) and deciding on requests (administrators)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from volcity.accounts.forms import DeclineForm, RoleRequestForm
from volcity.accounts.models import RoleRequest
from volcity.accounts.permissions import is_admin
from volcity.accounts.queries import role_request_get_for, role_requests_of, role_requests_to_decide
from volcity.accounts.services import (
    role_request_approve,
    role_request_create,
    role_request_decline,
    role_request_withdraw,
)
from volcity.accounts.services.requests import REQUESTABLE
from volcity.core.errors import DomainError
from volcity.core.forms import form_add_domain_error


def _requestable_choices() -> list[tuple[str, Any]]:
    from volcity.accounts.roles import Role

    return [(v, label) for v, label in Role.choices if v in REQUESTABLE]


@login_required
@require_http_methods(["GET", "POST"])
def request_mine(request: HttpRequest) -> HttpResponse:
    form = RoleRequestForm(
        request.POST if request.method == "POST" else None, roles=_requestable_choices()
    )
    if request.method == "POST" and form.is_valid():
        try:
            role_request_create(
                user=request.user,  # type: ignore[arg-type]
                role=form.cleaned_data["role"],
                region=form.cleaned_data["region"],
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            messages.success(request, _("Your request was sent to the administrator."))
            return redirect("accounts:requests_mine")
    context = {"form": form, "requests": list(role_requests_of(request.user))}  # type: ignore[arg-type]
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/requests_mine.html", context, status=status)


@login_required
@require_POST
def request_withdraw(request: HttpRequest, request_id: int) -> HttpResponse:
    try:
        found = role_request_get_for(request.user, request_id)
        role_request_withdraw(user=request.user, request=found)  # type: ignore[arg-type]
    except DomainError as exc:
        if exc.status == 404:
            raise
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Your request was withdrawn."))
    return redirect("accounts:requests_mine")


@login_required
@require_GET
def request_inbox(request: HttpRequest) -> HttpResponse:
    if not is_admin(request.user):
        raise PermissionDenied
    return render(
        request,
        "accounts/requests_inbox.html",
        {"requests": list(role_requests_to_decide(request.user)), "decline_form": DeclineForm()},
    )


@login_required
@require_POST
def request_decide(request: HttpRequest, request_id: int, decision: str) -> HttpResponse:
    if not is_admin(request.user):
        raise PermissionDenied
    found: RoleRequest = role_request_get_for(request.user, request_id)
    try:
        if decision == "approve":
            role_request_approve(actor=request.user, request=found)
            messages.success(request, _("Approved: the role was granted."))
        else:
            form = DeclineForm(request.POST)
            reason = form.data.get("reason", "")
            role_request_decline(actor=request.user, request=found, reason=str(reason))
            messages.success(request, _("Declined."))
    except DomainError as exc:
        if exc.status == 403:
            raise PermissionDenied from None
        messages.error(request, str(exc.message))
    return redirect("accounts:requests_inbox")
