"""Pages of residents, the kiosk and the help line: order from the menu (phone first), my
orders with their timeline and the rate form, the order's page, the kiosk (no sign-in, big
buttons), a dispatcher's phone-call entry."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from volcity.core.errors import DomainError
from volcity.dispatch import forms
from volcity.dispatch.models import Order, OrderPhoto, ServiceItem
from volcity.dispatch.permissions import (
    can_handle_order,
    can_see_order,
    is_assignee,
    is_centre_staff,
    is_resident_of_order,
    is_team_leader_of,
)
from volcity.dispatch.queries import contact_phone_for, menu_for, order_get_for, orders_of_resident
from volcity.dispatch.services.order_cancel import order_cancel
from volcity.dispatch.services.order_place import order_place, order_place_call, order_place_kiosk
from volcity.dispatch.services.order_rate import order_rate
from volcity.dispatch.timeline import order_timeline
from volcity.regions.models import Region


def _villages_near(code: str | None) -> list[Region]:
    """The villages of the town ``code`` lies in (a village or a town code)."""
    region = Region.objects.filter(pk=code or "").first()
    if region is None:
        return []
    town = region.parent if region.level == Region.Level.VILLAGE else region
    if town is None or town.level != Region.Level.TOWN:
        return []
    return list(Region.objects.filter(parent=town).order_by("code")[:300])


def _form_context(
    request: HttpRequest,
    *,
    region: str,
    item: ServiceItem | None,
    errors: dict[str, list[str]] | None = None,
    error: str = "",
    defaults: dict[str, str] | None = None,
) -> dict[str, Any]:
    values: dict[str, str] = dict(defaults or {})
    if request.method == "POST":
        for key in request.POST:
            if key != "csrfmiddlewaretoken":
                values[key] = request.POST.get(key, "")
    return {
        "menu": menu_for(region) if region else [],
        "item": item,
        "region": region,
        "villages": _villages_near(region),
        "values": values,
        "errors": errors or {},
        "error": error,
        "urgencies": Order.Urgency.choices,
    }


def _item(request: HttpRequest) -> ServiceItem | None:
    item_id = forms.int_or_none(request.POST.get("item") or request.GET.get("item"))
    if item_id is None:
        return None
    return ServiceItem.objects.select_related("category").filter(pk=item_id, active=True).first()


@login_required
@require_http_methods(["GET", "POST"])
def order_new(request: HttpRequest) -> HttpResponse:
    """Menu → item → form, for a signed-in resident (their home village by default)."""
    user: Any = request.user
    region = request.GET.get("region") or request.POST.get("region") or user.home_region_id or ""
    defaults = {
        "region": region,
        "contact_name": user.display_name or "",
        "contact_phone": user.phone or "",
    }
    item = _item(request)
    if request.method == "POST":
        try:
            order = order_place(actor=user, data=forms.order_in(request, region=region))
        except DomainError as e:
            context = _form_context(
                request, region=region, item=item, errors=forms.errors_of(e), error=str(e.message)
            )
            return render(request, "dispatch/orders/order_new.html", context, status=400)
        messages.success(request, _("Your order %(number)s was sent.") % {"number": order.number})
        return redirect("dispatch:order", number=order.number)
    context = _form_context(request, region=region, item=item, defaults=defaults)
    return render(request, "dispatch/orders/order_new.html", context)


@login_required
def my_orders(request: HttpRequest) -> HttpResponse:
    orders = orders_of_resident(request.user)
    return render(request, "dispatch/orders/my_orders.html", {"orders": orders})


@require_http_methods(["GET", "POST"])
def kiosk(request: HttpRequest) -> HttpResponse:
    """The kiosk: no sign-in. Pick the town, the village, the service, then the form."""
    region = request.GET.get("region") or request.POST.get("region") or ""
    item = _item(request)
    if request.method == "POST":
        try:
            order = order_place_kiosk(data=forms.order_in(request, region=region))
        except DomainError as e:
            context = _form_context(
                request, region=region, item=item, errors=forms.errors_of(e), error=str(e.message)
            )
            context["towns"] = []
            return render(request, "dispatch/orders/kiosk.html", context, status=400)
        return redirect("dispatch:kiosk_done", number=order.number)
    context = _form_context(request, region=region, item=item)
    context["towns"] = (
        [] if region else list(Region.objects.filter(level=Region.Level.TOWN).order_by("code")[:60])
    )
    town = request.GET.get("town", "")
    if town and not region:
        context["villages"] = _villages_near(town)
    return render(request, "dispatch/orders/kiosk.html", context)


def kiosk_done(request: HttpRequest, number: str) -> HttpResponse:
    """The kiosk's receipt: only the number and the service, nothing personal."""
    order = Order.objects.select_related("item").filter(number=number, channel="kiosk").first()
    if order is None:
        raise Http404
    return render(request, "dispatch/orders/kiosk_done.html", {"order": order})


@login_required
@require_http_methods(["GET", "POST"])
def call_entry(request: HttpRequest) -> HttpResponse:
    """A dispatcher enters a help-line call: any village of their scope."""
    if not is_centre_staff(request.user):
        raise PermissionDenied
    region = request.GET.get("region") or request.POST.get("region") or ""
    item = _item(request)
    if request.method == "POST":
        try:
            order = order_place_call(
                actor=request.user, data=forms.order_in(request, region=region)
            )
        except DomainError as e:
            context = _form_context(
                request, region=region, item=item, errors=forms.errors_of(e), error=str(e.message)
            )
            return render(request, "dispatch/orders/call.html", context, status=400)
        messages.success(request, _("Order %(number)s entered.") % {"number": order.number})
        return redirect("dispatch:order", number=order.number)
    context = _form_context(request, region=region, item=item)
    context["towns"] = list(Region.objects.filter(level=Region.Level.TOWN).order_by("code")[:60])
    town = request.GET.get("town", "")
    if town and not region:
        context["villages"] = _villages_near(town)
    return render(request, "dispatch/orders/call.html", context)


def _order(request: HttpRequest, number: str) -> Order:
    try:
        return order_get_for(request.user, number)
    except DomainError:
        raise Http404 from None


def detail_context(request: HttpRequest, order: Order, **extra: Any) -> dict[str, Any]:
    user: Any = request.user
    centre = can_handle_order(user, order)
    assignee = is_assignee(user, order)
    context: dict[str, Any] = {
        "order": order,
        "phone": contact_phone_for(user, order),
        "history": order_timeline(order),
        "photos": list(order.photos.order_by("id")),
        "is_centre": centre,
        "is_assignee": assignee,
        "is_leader": is_team_leader_of(user, order.assigned_team_id),
        "is_resident": is_resident_of_order(user, order),
        "errors": {},
        "error": "",
        "suggestions": [],
        "teams": [],
        "volunteers": [],
    }
    if centre and order.status in ("approved", "pooled"):
        from volcity.dispatch.suggest import suggestions_for
        from volcity.dispatch.views_centre import pickers

        context["suggestions"] = suggestions_for(order, limit=10)
        context["teams"], context["volunteers"] = pickers(user, order)
    if assignee and order.assigned_team_id and order.status == "accepted":
        from volcity.registry.models import Membership

        context["members"] = list(
            Membership.objects.filter(team_id=order.assigned_team_id, status="active")
            .select_related("volunteer__user")
            .order_by("id")[:200]
        )
    context.update(extra)
    return context


@login_required
def order_detail(request: HttpRequest, number: str) -> HttpResponse:
    order = _order(request, number)
    return render(request, "dispatch/orders/detail.html", detail_context(request, order))


def render_refused(request: HttpRequest, order: Order, error: DomainError) -> HttpResponse:
    """The order's page again with the refusal beside its field (or on top)."""
    order.refresh_from_db()
    context = detail_context(
        request, order, errors=forms.errors_of(error), error=str(error.message)
    )
    status = error.status if error.status in (400, 403, 409) else 400
    return render(request, "dispatch/orders/detail.html", context, status=status)


def act(request: HttpRequest, number: str, call: Any, done: str) -> HttpResponse:
    """Run ``call(order)`` for a POST on the order's page; refusals shown on the page."""
    order = _order(request, number)
    try:
        call(order)
    except DomainError as e:
        if e.status == 404:
            raise Http404 from None
        return render_refused(request, order, e)
    messages.success(request, done)
    return redirect(request.POST.get("next") or reverse("dispatch:order", args=[order.number]))


@login_required
@require_POST
def order_rate_view(request: HttpRequest, number: str) -> HttpResponse:
    rating = forms.int_or_none(request.POST.get("rating"))
    return act(
        request,
        number,
        lambda o: order_rate(
            actor=request.user,
            order=o,
            rating=rating if rating is not None else 0,
            comment=request.POST.get("comment", ""),
        ),
        _("Thank you for your rating."),
    )


@login_required
@require_POST
def order_cancel_view(request: HttpRequest, number: str) -> HttpResponse:
    return act(
        request,
        number,
        lambda o: order_cancel(actor=request.user, order=o, reason=request.POST.get("reason", "")),
        _("The order was cancelled."),
    )


@login_required
def order_photo(request: HttpRequest, photo_id: int) -> FileResponse:
    photo = OrderPhoto.objects.select_related("order").filter(pk=photo_id).first()
    if photo is None or not can_see_order(request.user, photo.order):
        raise Http404
    return FileResponse(photo.image.open("rb"), content_type=photo.content_type)
