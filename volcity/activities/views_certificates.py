"""Pages: the volunteer's certificates (issue one, download the PDF), and revoking one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from volcity.activities.pdf import certificate_pdf
from volcity.activities.queries_certificates import (
    certificate_by_id_for,
    certificate_get_for,
    certificate_pdf_data,
    certificate_verify_url,
    certificates_of,
)
from volcity.activities.services.certificates import certificate_issue, certificate_revoke
from volcity.core.errors import DomainError, NotFound
from volcity.core.forms import DateInput, form_add_domain_error
from volcity.registry.models import Volunteer
from volcity.registry.queries import volunteer_of


class PeriodForm(forms.Form):
    period_start = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        widget=DateInput(),
        help_text=gettext_lazy("Leave both dates empty to certify all your approved service."),
    )
    period_end = forms.DateField(label=gettext_lazy("To"), required=False, widget=DateInput())


class RevokeForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Why revoke it"), max_length=200)


def _own(request: HttpRequest) -> Volunteer:
    volunteer = volunteer_of(request.user)
    if volunteer is None or volunteer.status == Volunteer.Status.DELETED:
        raise NotFound(_("Register as a volunteer first."))
    return volunteer


def _list(request: HttpRequest, volunteer: Volunteer, form: PeriodForm, status: int = 200) -> Any:
    context = {
        "volunteer": volunteer,
        "certificates": list(certificates_of(volunteer)[:100]),
        "form": form,
    }
    return render(request, "activities/certificates/list.html", context, status=status)


@login_required
@require_GET
def certificate_list(request: HttpRequest) -> HttpResponse:
    return _list(request, _own(request), PeriodForm())


@login_required
@require_POST
def certificate_issue_view(request: HttpRequest) -> HttpResponse:
    volunteer = _own(request)
    form = PeriodForm(request.POST)
    if form.is_valid():
        try:
            made = certificate_issue(
                actor=request.user,
                volunteer=volunteer,
                period_start=form.cleaned_data["period_start"],
                period_end=form.cleaned_data["period_end"],
            )
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            messages.success(
                request,
                _("Certificate %(number)s was issued. Download it below.")
                % {"number": made.number},
            )
            return redirect("activities:certificate_list")
    return _list(request, volunteer, form, status=400)


@login_required
@require_GET
def certificate_pdf_view(request: HttpRequest, number: str) -> HttpResponse:
    found = certificate_get_for(request.user, number)
    body = certificate_pdf(certificate_pdf_data(found, certificate_verify_url(request, number)))
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{found.number}.pdf"'
    return response


@login_required
@require_POST
def certificate_revoke_view(request: HttpRequest, certificate_id: int) -> HttpResponse:
    found = certificate_by_id_for(request.user, certificate_id)
    form = RevokeForm(request.POST)
    if form.is_valid():
        try:
            certificate_revoke(
                actor=request.user, certificate=found, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            if exc.status == 403:
                raise
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("The certificate was revoked."))
    else:
        messages.error(request, _("Give a reason for revoking the certificate."))
    return redirect("verify:certificate", number=found.number)
