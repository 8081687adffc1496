from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from volcity.accounts.permissions import can_read_audit
from volcity.audit.queries import AuditFilter, audit_list_for
from volcity.core.forms import DateInput
from volcity.core.pagination import keyset_page


class AuditFilterForm(forms.Form):
    action = forms.CharField(label=_("Action starts with"), required=False, max_length=80)
    actor = forms.CharField(label=_("Who (username)"), required=False, max_length=80)
    object_type = forms.CharField(label=_("Record type"), required=False, max_length=60)
    object_id = forms.CharField(label=_("Record id"), required=False, max_length=64)
    since = forms.DateField(label=_("From"), required=False, widget=DateInput())
    until = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:  # type: ignore[operator]
            self.add_error("until", _("The end date is before the start date."))
        return data


@login_required
@require_GET
def audit_list(request: HttpRequest) -> HttpResponse:
    if not can_read_audit(request.user):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None)
    flt = AuditFilter()
    status = 200
    if form.is_bound:
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
            flt = AuditFilter(**data)
        else:
            status = 400
    page = keyset_page(
        audit_list_for(request.user, flt), after=request.GET.get("after"), descending=True
    )
    params = request.GET.copy()
    params.pop("after", None)
    return render(
        request,
        "audit/list.html",
        {"form": form, "page": page, "query": params.urlencode()},
        status=status,
    )
