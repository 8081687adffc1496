"""The centre's pages: its open orders, and on an order's page review, dispatch (suggestions
from ``suggest``, or team and volunteer pickers), pool, re-dispatch and follow-up."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from volcity.accounts.scope import visible_to
from volcity.dispatch import forms
from volcity.dispatch.errors import InvalidValue
from volcity.dispatch.models import Order
from volcity.dispatch.permissions import CENTRE_ROLES, is_centre_staff
from volcity.dispatch.queries import orders_for_centre
from volcity.dispatch.services.order_dispatch import order_dispatch, order_pool, order_redispatch
from volcity.dispatch.services.order_rate import order_follow_up
from volcity.dispatch.services.order_review import order_approve, order_reject
from volcity.dispatch.views_orders import act
from volcity.regions.queries import region_q
from volcity.registry.models import Team, Volunteer

PICKER_LIMIT = 50


def pickers(user: Any, order: Order) -> tuple[list[Team], list[Volunteer]]:
    """Active teams of the handling centre's area within the user's scope, and active
    volunteers living in the order's village (bounded lists; a number can be typed too)."""
    centre = order.handling_region
    prefix = centre.code[: {1: 6, 2: 9, 3: 12}[centre.level]]
    teams = list(
        visible_to(user, Team.objects.filter(status="active"), roles=CENTRE_ROLES)
        .filter(region_q({prefix}, field="region"))
        .order_by("name")[:PICKER_LIMIT]
    )
    volunteers = list(
        visible_to(user, Volunteer.objects.filter(status="active"), roles=CENTRE_ROLES)
        .filter(region_id=order.region_id)
        .select_related("user")
        .order_by("number")[:PICKER_LIMIT]
    )
    return teams, volunteers


@login_required
def centre_orders(request: HttpRequest) -> HttpResponse:
    if not is_centre_staff(request.user):
        raise PermissionDenied
    status = request.GET.get("status", "")
    if status not in Order.Status.values:
        status = ""
    orders = orders_for_centre(request.user, status=status)
    return render(
        request,
        "dispatch/orders/centre.html",
        {"orders": orders, "status": status, "statuses": Order.Status.choices},
    )


@login_required
@require_POST
def order_approve_view(request: HttpRequest, number: str) -> HttpResponse:
    return act(
        request,
        number,
        lambda o: order_approve(actor=request.user, order=o, note=request.POST.get("note", "")),
        _("Order approved: dispatch it now."),
    )


@login_required
@require_POST
def order_reject_view(request: HttpRequest, number: str) -> HttpResponse:
    return act(
        request,
        number,
        lambda o: order_reject(actor=request.user, order=o, reason=request.POST.get("reason", "")),
        _("Order rejected."),
    )


def _target(request: HttpRequest) -> tuple[Team | None, Volunteer | None]:
    choice = request.POST.get("target", "")  # "team:12" / "volunteer:34" from a suggestion
    kind, _sep, ident = choice.partition(":")
    team_id = forms.int_or_none(ident if kind == "team" else request.POST.get("team"))
    volunteer_id = forms.int_or_none(
        ident if kind == "volunteer" else request.POST.get("volunteer")
    )
    number = request.POST.get("volunteer_number", "").strip()
    team = Team.objects.filter(pk=team_id).first() if team_id else None
    volunteer = None
    if volunteer_id:
        volunteer = Volunteer.objects.filter(pk=volunteer_id).first()
    elif number:
        volunteer = Volunteer.objects.filter(number=number).first()
        if volunteer is None:
            raise InvalidValue(_("No volunteer has this number."), field="volunteer")
    if (team_id and team is None) or (volunteer_id and volunteer is None):
        raise InvalidValue(field="team" if team_id else "volunteer")
    return team, volunteer


@login_required
@require_POST
def order_dispatch_view(request: HttpRequest, number: str) -> HttpResponse:
    def run(order: Order) -> None:
        team, volunteer = _target(request)
        order_dispatch(actor=request.user, order=order, team=team, volunteer=volunteer)

    return act(request, number, run, _("Order dispatched."))


@login_required
@require_POST
def order_pool_view(request: HttpRequest, number: str) -> HttpResponse:
    return act(
        request,
        number,
        lambda o: order_pool(actor=request.user, order=o),
        _("Order published to the pool."),
    )


@login_required
@require_POST
def order_redispatch_view(request: HttpRequest, number: str) -> HttpResponse:
    return act(
        request,
        number,
        lambda o: order_redispatch(
            actor=request.user, order=o, reason=request.POST.get("reason", "")
        ),
        _("Order taken back: dispatch it again."),
    )


@login_required
@require_POST
def order_follow_up_view(request: HttpRequest, number: str) -> HttpResponse:
    return act(
        request,
        number,
        lambda o: order_follow_up(actor=request.user, order=o, note=request.POST.get("note", "")),
        _("Follow-up recorded."),
    )
