"""The shop's goods: list with stock levels and low-stock flags, add, edit (price, unit, on
sale), restock and count corrections (each form carries a token, so a double submit is
harmless), and an item's stock movements from the ledger."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from volcity.core.errors import DomainError
from volcity.core.forms import form_add_domain_error
from volcity.ledger.queries import statement
from volcity.virtue.forms_shop import AdjustForm, RestockForm, ShopItemForm, new_key
from volcity.virtue.models_shop import ShopItem
from volcity.virtue.permissions import can_run_counter
from volcity.virtue.queries import bank_get_for
from volcity.virtue.queries_shop import shop_item_get_for, shop_items
from volcity.virtue.services.shop_stock import (
    shop_item_add,
    shop_item_restock,
    shop_item_stock_adjust,
    shop_item_update,
)


@login_required
@require_http_methods(["GET", "POST"])
def shop_items_page(request: HttpRequest) -> HttpResponse:
    try:
        bank = bank_get_for(request.user, request.GET.get("bank"))
    except DomainError:
        raise PermissionDenied from None
    manage = can_run_counter(request.user, bank.region_id)
    form = ShopItemForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            try:
                item = shop_item_add(
                    actor=request.user,
                    bank=bank,
                    name=d["name"],
                    points_price=d["points_price"],
                    unit_label=d["unit_label"],
                    low_stock_at=d["low_stock_at"],
                    sort=d["sort"] or 0,
                )
            except DomainError as exc:
                if exc.status == 403:
                    raise
                form_add_domain_error(form, exc)
            else:
                messages.success(
                    request, _("%(name)s added; restock it now.") % {"name": item.name}
                )
                return redirect("virtue:shop_item", item_id=item.pk)
    rows = []
    for i in shop_items(bank):
        stock = i.stock_account.balance if i.stock_account else 0
        rows.append({"item": i, "stock": stock, "low": i.active and stock <= i.low_stock_at})
    context = {"bank": bank, "rows": rows, "form": form, "manage": manage}
    status = 400 if request.method == "POST" else 200
    return render(request, "virtue/shop/items.html", context, status=status)


def _item_page(
    request: HttpRequest, item: ShopItem, *, status: int = 200, **forms: Any
) -> HttpResponse:
    initial = {
        "name": item.name,
        "unit_label": item.unit_label,
        "points_price": item.points_price,
        "low_stock_at": item.low_stock_at,
        "sort": item.sort,
        "active": item.active,
    }
    item.refresh_from_db()
    stock = statement(item.stock_account, limit=30) if item.stock_account else None
    context = {
        "item": item,
        "bank": item.bank,
        "stock": item.stock_account.balance if item.stock_account else 0,
        "movements": stock.items if stock else [],
        "manage": can_run_counter(request.user, item.bank.region_id),
        "form": forms.get("form") or ShopItemForm(initial=initial),
        "restock_form": forms.get("restock_form") or RestockForm(initial={"key": new_key()}),
        "adjust_form": forms.get("adjust_form") or AdjustForm(initial={"key": new_key()}),
    }
    return render(request, "virtue/shop/item.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def shop_item_page(request: HttpRequest, item_id: int) -> HttpResponse:
    item = shop_item_get_for(request.user, item_id)
    if request.method == "GET":
        return _item_page(request, item)
    if not can_run_counter(request.user, item.bank.region_id):
        raise PermissionDenied
    form = ShopItemForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            shop_item_update(
                actor=request.user,
                item=item,
                name=d["name"],
                unit_label=d["unit_label"],
                points_price=d["points_price"],
                low_stock_at=d["low_stock_at"],
                sort=d["sort"] or 0,
                active=d["active"],
            )
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            messages.success(request, _("Saved. A new price counts from the next redemption."))
            return redirect("virtue:shop_item", item_id=item.pk)
    return _item_page(request, item, status=400, form=form)


@login_required
@require_POST
def shop_restock_page(request: HttpRequest, item_id: int) -> HttpResponse:
    item = shop_item_get_for(request.user, item_id)
    if not can_run_counter(request.user, item.bank.region_id):
        raise PermissionDenied
    form = RestockForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            shop_item_restock(
                actor=request.user, item=item, quantity=d["quantity"], key=d["key"], note=d["note"]
            )
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            messages.success(request, _("Stock received."))
            return redirect("virtue:shop_item", item_id=item.pk)
    return _item_page(request, item, status=400, restock_form=form)


@login_required
@require_POST
def shop_adjust_page(request: HttpRequest, item_id: int) -> HttpResponse:
    item = shop_item_get_for(request.user, item_id)
    if not can_run_counter(request.user, item.bank.region_id):
        raise PermissionDenied
    form = AdjustForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            shop_item_stock_adjust(
                actor=request.user,
                item=item,
                counted=d["counted"],
                reason=d["reason"],
                key=d["key"],
            )
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            messages.success(request, _("The stock now matches the count."))
            return redirect("virtue:shop_item", item_id=item.pk)
    return _item_page(request, item, status=400, adjust_form=form)
