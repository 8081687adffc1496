"""The ledger's pages: the public verification page and an account's statement for staff."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from volcity.core.forms import DateInput
from volcity.ledger.permissions import can_read_ledger
from volcity.ledger.queries import account_get_for, statement
from volcity.ledger.units import format_amount, unit_name
from volcity.ledger.verify import CACHE_SECONDS, ledger_verify_cached


@require_GET
def ledger_verify_page(request: HttpRequest) -> HttpResponse:
    """No login: anyone may see that the ledger's history was not rewritten."""
    report = ledger_verify_cached()
    return render(
        request,
        "ledger/verify.html",
        {"report": report, "cache_seconds": CACHE_SECONDS},
    )


class StatementFilterForm(forms.Form):
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())
    after = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:  # type: ignore[operator]
            self.add_error("date_to", _("The end date is before the start date."))
        return data


@login_required
@require_GET
def account_statement(request: HttpRequest, account_id: int) -> HttpResponse:
    if not can_read_ledger(request.user):
        raise PermissionDenied
    account = account_get_for(request.user, account_id)
    form = StatementFilterForm(request.GET or None)
    status = 200
    data: dict[str, object] = {}
    if form.is_bound:
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        else:
            status = 400
    page = statement(
        account,
        after=data.get("after"),  # type: ignore[arg-type]
        date_from=data.get("date_from"),  # type: ignore[arg-type]
        date_to=data.get("date_to"),  # type: ignore[arg-type]
    )
    rows = [
        {
            "seq": r.seq,
            "created_at": r.created_at,
            "kind": r.kind,
            "memo": r.memo,
            "amount": format_amount(r.unit, r.amount),
            "credit": r.amount > 0,
            "balance": format_amount(r.unit, r.balance_after),
        }
        for r in page.items
    ]
    params = request.GET.copy()
    params.pop("after", None)
    return render(
        request,
        "ledger/statement.html",
        {
            "account": {
                "code": account.code,
                "name": account.name,
                "unit": unit_name(account.unit),
                "balance": format_amount(account.unit, account.balance),
            },
            "rows": rows,
            "next": page.next,
            "form": form,
            "query": params.urlencode(),
        },
        status=status,
    )
