"""The service centre's pages: look up a volunteer by volunteer number (their regions only),
see the balance, record a spend for the volunteer or an eligible family member, mark consent
given in person, cancel; and the administrators' overview."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from volcity.core.errors import DomainError, NotFound
from volcity.core.forms import form_add_domain_error
from volcity.registry.models import Volunteer
from volcity.timebank.forms import SELF, ReasonForm, SpendForm
from volcity.timebank.models import FamilyMember
from volcity.timebank.permissions import can_see_overview, is_timebank_staff
from volcity.timebank.queries import (
    family_of,
    hours_text,
    overview_for,
    spend_get_for,
    spends_of,
    summary_of,
    volunteer_by_number_for,
)
from volcity.timebank.services import spend_confirm_in_person, spend_request
from volcity.timebank.services.accounts import timebank_enabled


def counter_url(volunteer: Volunteer) -> str:
    return reverse("timebank:counter") + "?" + urlencode({"number": volunteer.number})


def counter_page(
    request: HttpRequest, volunteer: Volunteer | None, *, status: int = 200, **extra: Any
) -> HttpResponse:
    family = family_of(volunteer) if volunteer is not None else []
    context: dict[str, Any] = {
        "enabled": timebank_enabled(),
        "volunteer": volunteer,
        "number": volunteer.number if volunteer is not None else "",
        "s": summary_of(volunteer) if volunteer is not None else None,
        "family": family,
        "spends": spends_of(volunteer, limit=20) if volunteer is not None else [],
        "form": extra.pop("form", None) or SpendForm(family=family),
        "reason_form": ReasonForm(),
        **extra,
    }
    return render(request, "timebank/counter.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def counter(request: HttpRequest) -> HttpResponse:
    if not is_timebank_staff(request.user):
        raise PermissionDenied
    number = (request.POST.get("number") or request.GET.get("number") or "").strip()
    if not number:
        if request.method == "POST":
            return counter_page(request, None, status=400, error=_("Enter a volunteer number."))
        return counter_page(request, None)
    try:
        volunteer = volunteer_by_number_for(request.user, number)
    except NotFound:
        return counter_page(
            request,
            None,
            status=404,
            number=number,
            error=_("No volunteer of your regions has this number."),
        )
    if request.method == "GET":
        return counter_page(request, volunteer)
    family = family_of(volunteer)
    form = SpendForm(request.POST, family=family)
    if form.is_valid():
        d = form.cleaned_data
        beneficiary = None
        if d["beneficiary"] != SELF:
            beneficiary = FamilyMember.objects.filter(pk=d["beneficiary"]).first()
        try:
            spend = spend_request(
                actor=request.user,
                volunteer=volunteer,
                service=d["service"],
                minutes=d["minutes"],
                service_date=d["service_date"],
                beneficiary=beneficiary,
                description=d["description"],
            )
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Spend #%(id)s of %(hours)s recorded; it waits for the volunteer's consent "
                    "on their phone, or mark it confirmed in person."
                )
                % {"id": spend.pk, "hours": hours_text(spend.minutes)},
            )
            return redirect(counter_url(volunteer))
    return counter_page(request, volunteer, status=400, form=form)


@login_required
@require_POST
def spend_confirm_in_person_page(request: HttpRequest, spend_id: int) -> HttpResponse:
    spend = spend_get_for(request.user, spend_id)
    try:
        spend_confirm_in_person(actor=request.user, spend=spend)
    except DomainError as exc:
        if exc.status == 403:
            raise PermissionDenied from None
        return counter_page(request, spend.volunteer, status=400, error=exc.message)
    messages.success(request, _("Consent given in person recorded; the credits were debited."))
    return redirect(counter_url(spend.volunteer))


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    if not can_see_overview(request.user):
        raise PermissionDenied
    data = overview_for(request.user, town=request.GET.get("town", "").strip())
    return render(
        request,
        "timebank/overview.html",
        {"o": data, "enabled": timebank_enabled(), "hours": hours_text},
    )
