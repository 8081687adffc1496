"""The volunteer's phone page "My time bank": balance, cap and room left, credits with their
records, spends, family members (add, remove), spends waiting for consent (confirm, decline)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from volcity.core.errors import DomainError
from volcity.core.forms import form_add_domain_error
from volcity.registry.models import Volunteer
from volcity.timebank.forms import FamilyForm, ReasonForm
from volcity.timebank.queries import (
    credits_of,
    family_member_get_for,
    family_of,
    hours_text,
    my_volunteer,
    spend_get_for,
    spends_of,
    summary_of,
)
from volcity.timebank.services import (
    family_member_add,
    family_member_remove,
    spend_cancel,
    spend_confirm,
)
from volcity.timebank.services.accounts import timebank_enabled
from volcity.timebank.views_staff import counter_page, counter_url


def _volunteer(request: HttpRequest) -> Volunteer:
    volunteer = my_volunteer(request.user)
    if volunteer is None:
        raise PermissionDenied
    return volunteer


def _me_page(
    request: HttpRequest, volunteer: Volunteer, *, status: int = 200, **extra: Any
) -> HttpResponse:
    spends = spends_of(volunteer)
    context = {
        "enabled": timebank_enabled(),
        "volunteer": volunteer,
        "s": summary_of(volunteer),
        "credits": credits_of(volunteer),
        "pending": [s for s in spends if s.status == "pending"],
        "spends": [s for s in spends if s.status != "pending"],
        "family": family_of(volunteer),
        "family_form": extra.pop("family_form", None) or FamilyForm(),
        "reason_form": ReasonForm(),
        **extra,
    }
    return render(request, "timebank/me.html", context, status=status)


@login_required
@require_GET
def me(request: HttpRequest) -> HttpResponse:
    return _me_page(request, _volunteer(request))


@login_required
@require_POST
def family_add_page(request: HttpRequest) -> HttpResponse:
    volunteer = _volunteer(request)
    form = FamilyForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            family_member_add(
                actor=request.user,
                volunteer=volunteer,
                name=d["name"],
                relation=d["relation"],
                birth_date=d["birth_date"],
            )
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            messages.success(request, _("Family member added."))
            return redirect("timebank:me")
    return _me_page(request, volunteer, status=400, family_form=form, family_open=True)


@login_required
@require_POST
def family_remove_page(request: HttpRequest, member_id: int) -> HttpResponse:
    member = family_member_get_for(request.user, member_id)
    family_member_remove(actor=request.user, member=member)
    messages.success(request, _("Family member removed."))
    return redirect("timebank:me")


@login_required
@require_POST
def spend_confirm_page(request: HttpRequest, spend_id: int) -> HttpResponse:
    spend = spend_get_for(request.user, spend_id)
    volunteer = _volunteer(request)
    if spend.volunteer_id != volunteer.pk:
        raise PermissionDenied
    try:
        spend_confirm(actor=request.user, spend=spend)
    except DomainError as exc:
        return _me_page(request, volunteer, status=400, error=exc.message)
    messages.success(
        request,
        _("Thank you: %(hours)s of credits paid for the service.")
        % {"hours": hours_text(spend.minutes)},
    )
    return redirect("timebank:me")


@login_required
@require_POST
def spend_cancel_page(request: HttpRequest, spend_id: int) -> HttpResponse:
    """The volunteer declines a spend, or the staff cancel it (then back to the counter)."""
    spend = spend_get_for(request.user, spend_id)
    own = spend.volunteer.user_id == request.user.pk
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        spend_cancel(actor=request.user, spend=spend, reason=reason)
    except DomainError as exc:
        if own:
            return _me_page(request, spend.volunteer, status=400, error=exc.message)
        return counter_page(request, spend.volunteer, status=400, error=exc.message)
    messages.success(request, _("The spend was cancelled; no credits were used."))
    if own:
        return redirect("timebank:me")
    return redirect(counter_url(spend.volunteer))
