"""The points shop's counter (phone first): find the household by its code (scanned or typed)
or number, see its balance, fill a basket, redeem, print the receipt; the receipts; a
household's monthly statement (page and Excel)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from volcity.core.errors import DomainError, NotFound
from volcity.core.pagination import keyset_page
from volcity.virtue.errors_shop import CodeInvalid
from volcity.virtue.forms_shop import VoidForm, new_key
from volcity.virtue.household_codes import (
    household_code,
    household_code_parse,
    household_code_url,
    qr_svg,
)
from volcity.virtue.models import Household, Resident, VirtueBank
from volcity.virtue.permissions import CLERK_ROLES, can_run_counter, can_see_bank
from volcity.virtue.queries import bank_get_for, household_get_for, households_for
from volcity.virtue.queries_shop import (
    month_parse,
    month_statement,
    receipt,
    redemption_get_for,
    redemptions_for,
    redemptions_of_household,
    shop_items,
)
from volcity.virtue.services.shop import redemption_make, redemption_void
from volcity.virtue.statement_xlsx import month_statement_xlsx


def _bank(request: HttpRequest, bank_id: Any = None) -> VirtueBank:
    try:
        return bank_get_for(request.user, bank_id or request.GET.get("bank"), CLERK_ROLES)
    except DomainError:
        raise PermissionDenied from None


def _counter_url(bank: VirtueBank, household: Household | None = None) -> str:
    url = f"{reverse('virtue:shop_counter')}?bank={bank.pk}"
    return f"{url}&household={household.pk}" if household is not None else url


def _find(request: HttpRequest, text: str) -> tuple[Household | None, list[Household], str]:
    """The household a scanned or typed code names (any bank the clerk serves), or the one
    with this number in the clerk's bank; else the households whose head's name matches."""
    household_id = household_code_parse(text)
    if household_id is not None:
        found = Household.objects.select_related("bank").filter(pk=household_id).first()
        if found is not None and can_run_counter(request.user, found.region_id):
            return found, [], ""
        return None, [], str(CodeInvalid.default_message)
    if text.upper().startswith("VH1"):
        return None, [], str(CodeInvalid.default_message)
    bank = _bank(request)
    exact = Household.objects.select_related("bank").filter(bank=bank, number=text).first()
    if exact is not None:
        return exact, [], ""
    matches = list(households_for(request.user, bank, q=text)[:10])
    return None, matches, "" if matches else _("No household of this village matches.")


def _basket_rows(bank: VirtueBank, posted: dict[str, str], errors: dict[str, list[Any]]) -> list:
    rows = []
    for item in shop_items(bank, active_only=True):
        field = f"qty_{item.pk}"
        stock = item.stock_account.balance if item.stock_account is not None else 0
        rows.append(
            {
                "item": item,
                "field": field,
                "stock": stock,
                "low": stock <= item.low_stock_at,
                "qty": posted.get(field, ""),
                "errors": [str(m) for m in errors.get(field, [])],
            }
        )
    return rows


def _read_basket(
    request: HttpRequest, bank: VirtueBank
) -> tuple[list[tuple[Any, int]], dict[str, list[Any]]]:
    lines, errors = [], {}
    for item in shop_items(bank, active_only=True):
        raw = request.POST.get(f"qty_{item.pk}", "").strip()
        if not raw or raw == "0":
            continue
        if not raw.isdigit():
            errors[f"qty_{item.pk}"] = [_("Enter a whole number.")]
            continue
        lines.append((item, int(raw)))
    return lines, errors


@login_required
@require_http_methods(["GET", "POST"])
def shop_counter(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("code", "").strip()
    if text:
        found, matches, error = _find(request, text)
        if found is not None:
            return redirect(_counter_url(found.bank, found))
        bank = _bank(request)
        return _counter(request, bank, None, code=text, matches=matches, find_error=error)
    bank = _bank(request)
    household_id = request.POST.get("household") or request.GET.get("household")
    household = None
    if household_id and str(household_id).isdigit():
        household = (
            Household.objects.select_related("bank", "account")
            .filter(pk=household_id, bank=bank)
            .first()
        )
        if household is None:
            raise NotFound()
    if request.method == "GET" or household is None:
        return _counter(request, bank, household, status=200 if request.method == "GET" else 400)
    lines, errors = _read_basket(request, bank)
    resident = None
    if request.POST.get("resident", "").isdigit():
        resident = Resident.objects.filter(pk=request.POST["resident"], household=household).first()
    if not errors:
        try:
            made = redemption_make(
                actor=request.user,
                household=household,
                lines=lines,
                key=request.POST.get("key", ""),
                resident=resident,
            )
        except DomainError as exc:
            if exc.status == 403:
                raise
            errors = {**exc.fields}
            return _counter(request, bank, household, errors=errors, error=exc.message, status=400)
        messages.success(request, _("Receipt %(number)s.") % {"number": made.number})
        return redirect("virtue:shop_receipt", redemption_id=made.pk)
    return _counter(request, bank, household, errors=errors, status=400)


def _counter(
    request: HttpRequest,
    bank: VirtueBank,
    household: Household | None,
    *,
    status: int = 200,
    errors: dict[str, list[Any]] | None = None,
    error: Any = None,
    **extra: Any,
) -> HttpResponse:
    errors = errors or {}
    posted = request.POST.dict() if request.method == "POST" else {}
    context: dict[str, Any] = {
        "bank": bank,
        "household": household,
        "rows": _basket_rows(bank, posted, errors) if household is not None else [],
        "residents": list(household.residents.filter(active=True)) if household else [],
        "key": posted.get("key") or new_key(),
        "error": error,
        "household_errors": [str(m) for m in errors.get("household", [])],
        "recent": list(redemptions_for(request.user, bank=bank).order_by("-id")[:10]),
        **extra,
    }
    return render(request, "virtue/shop/counter.html", context, status=status)


@login_required
@require_GET
def shop_receipt(request: HttpRequest, redemption_id: int) -> HttpResponse:
    redemption = redemption_get_for(request.user, redemption_id)
    context = {
        "r": receipt(redemption),
        "can_void": can_run_counter(request.user, redemption.region_id)
        and redemption.voided_at is None,
        "void_form": VoidForm(),
    }
    return render(request, "virtue/shop/receipt.html", context)


@login_required
@require_POST
def shop_void(request: HttpRequest, redemption_id: int) -> HttpResponse:
    redemption = redemption_get_for(request.user, redemption_id)
    form = VoidForm(request.POST)
    error: Any = _("Say why the goods came back.")
    if form.is_valid():
        try:
            redemption_void(
                actor=request.user, redemption=redemption, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            if exc.status == 403:
                raise
            error = exc.message
        else:
            messages.success(request, _("The receipt was voided; points and goods are back."))
            return redirect("virtue:shop_receipt", redemption_id=redemption.pk)
    redemption.refresh_from_db()
    context = {"r": receipt(redemption), "can_void": True, "void_form": form, "error": error}
    return render(request, "virtue/shop/receipt.html", context, status=400)


@login_required
@require_GET
def shop_redemptions(request: HttpRequest) -> HttpResponse:
    try:
        bank = bank_get_for(request.user, request.GET.get("bank"))
    except DomainError:
        raise PermissionDenied from None
    after = request.GET.get("after", "")
    qs = redemptions_for(request.user, bank=bank)
    number = request.GET.get("household", "").strip()
    if number:
        qs = qs.filter(household__number=number)
    page = keyset_page(qs, after=after if after.isdigit() else None, limit=50, descending=True)
    context = {"bank": bank, "page": page, "household_number": number}
    return render(request, "virtue/shop/redemptions.html", context)


@login_required
@require_GET
def shop_statement(request: HttpRequest, household_id: int) -> HttpResponse:
    household = household_get_for(request.user, household_id)
    month = month_parse(request.GET.get("month"))
    context = {
        "s": month_statement(household, month),
        "month_value": month.strftime("%Y-%m"),
        "staff": can_see_bank(request.user, household.region_id),
    }
    return render(request, "virtue/shop/statement.html", context)


@login_required
@require_GET
def shop_statement_xlsx(request: HttpRequest, household_id: int) -> HttpResponse:
    household = household_get_for(request.user, household_id)
    month = month_parse(request.GET.get("month"))
    body = month_statement_xlsx(month_statement(household, month))
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = f"statement-{household.number}-{month:%Y-%m}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def household_shop_context(request: HttpRequest, household: Household) -> dict[str, Any]:
    """What the household's own page shows of the shop: its code as a QR, its receipts."""
    return {
        "shop_code": household_code(household.pk),
        "shop_qr": qr_svg(household_code_url(request, household.pk)),
        "shop_receipts": list(redemptions_of_household(household).order_by("-id")[:10]),
    }
