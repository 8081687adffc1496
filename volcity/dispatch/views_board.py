"""Pages of the live board (open orders by urgency and age, refreshed every few seconds) and
of an order's dispatch suggestions. Parse → permission → query → render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from volcity.core.errors import DomainError
from volcity.dispatch.models import Order
from volcity.dispatch.permissions import can_handle_order, is_centre_staff
from volcity.dispatch.queries_board import (
    OPEN,
    URGENCY_ORDER,
    BoardFilter,
    board_counts,
    board_page,
    on_duty,
)
from volcity.dispatch.suggest import suggestions_for

REFRESH_SECONDS = 8


@login_required
@require_GET
def board(request: HttpRequest) -> HttpResponse:
    if not is_centre_staff(request.user):
        raise PermissionDenied
    error = ""
    try:
        flt = BoardFilter.parse(request.GET)
    except DomainError as exc:
        flt, error = BoardFilter(), str(exc.message)
    page = board_page(request.user, flt, after=request.GET.get("after"))
    counts, overdue = board_counts(request.user, flt)
    context = {
        "page": page,
        "filter": flt,
        "counts": counts,
        "overdue": overdue,
        "totals": [
            (u, Order.Urgency(u).label, sum(c.get(u, 0) for c in counts.values()))
            for u in URGENCY_ORDER
        ],
        "error": error,
        "refresh": REFRESH_SECONDS,
        "statuses": [(s, Order.Status(s).label) for s in OPEN],
        "urgencies": [(u, Order.Urgency(u).label) for u in URGENCY_ORDER],
    }
    if getattr(request, "htmx", False):
        return render(request, "dispatch/board_rows.html", context)
    context["duty"] = on_duty(request.user)
    return render(request, "dispatch/board.html", context, status=400 if error else 200)


@login_required
@require_GET
def order_suggestions(request: HttpRequest, number: str) -> HttpResponse:
    order = Order.objects.select_related("item__category", "region").filter(number=number).first()
    if order is None or not can_handle_order(request.user, order):
        raise Http404
    context = {"order": order, "suggestions": suggestions_for(order)}
    return render(request, "dispatch/board_suggestions.html", context)
