"""Pages of team leaders and volunteers: my tasks (accept, decline, complete with a report and
photos, open an activity for helpers) and the pool of orders eligible teams may take."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from volcity.dispatch import forms
from volcity.dispatch.errors import NotAllowed
from volcity.dispatch.models import Order
from volcity.dispatch.queries import pool_for, tasks_for
from volcity.dispatch.services.order_accept import order_accept, order_decline
from volcity.dispatch.services.order_activity import order_to_activity
from volcity.dispatch.services.order_complete import order_complete
from volcity.dispatch.services.order_dispatch import order_take
from volcity.dispatch.views_orders import act
from volcity.registry.models import Team, Volunteer


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    return render(request, "dispatch/orders/tasks.html", {"orders": tasks_for(request.user)})


@login_required
def pool(request: HttpRequest) -> HttpResponse:
    orders, teams = pool_for(request.user)
    return render(request, "dispatch/orders/pool.html", {"orders": orders, "teams": teams})


@login_required
@require_POST
def order_take_view(request: HttpRequest, number: str) -> HttpResponse:
    def run(order: Order) -> None:
        team = Team.objects.filter(pk=forms.int_or_none(request.POST.get("team")) or 0).first()
        if team is None:
            raise NotAllowed(field="team")
        order_take(actor=request.user, order=order, team=team)

    return act(request, number, run, _("Your team took the order."))


@login_required
@require_POST
def order_accept_view(request: HttpRequest, number: str) -> HttpResponse:
    return act(
        request,
        number,
        lambda o: order_accept(actor=request.user, order=o),
        _("Order accepted: the contact phone is shown now."),
    )


@login_required
@require_POST
def order_decline_view(request: HttpRequest, number: str) -> HttpResponse:
    return act(
        request,
        number,
        lambda o: order_decline(actor=request.user, order=o, reason=request.POST.get("reason", "")),
        _("Order declined: it went back to the centre."),
    )


@login_required
@require_POST
def order_complete_view(request: HttpRequest, number: str) -> HttpResponse:
    def run(order: Order) -> None:
        volunteer_id = forms.int_or_none(request.POST.get("volunteer"))
        volunteer = Volunteer.objects.filter(pk=volunteer_id).first() if volunteer_id else None
        order_complete(
            actor=request.user,
            order=order,
            report=request.POST.get("report", ""),
            hours=request.POST.get("hours", ""),
            photos=forms.photos(request),
            volunteer=volunteer,
        )

    return act(request, number, run, _("Order completed. Thank you!"))


@login_required
@require_POST
def order_activity_view(request: HttpRequest, number: str) -> HttpResponse:
    helpers = forms.int_or_none(request.POST.get("helpers"))
    return act(
        request,
        number,
        lambda o: order_to_activity(actor=request.user, order=o, helpers=helpers or 0),
        _("An activity is open to recruit helpers."),
    )
