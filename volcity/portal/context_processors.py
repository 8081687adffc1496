"""Navigation by role, computed once per request. The portal is a face: it may look at every
area's permissions to decide what a person is offered."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from volcity.accounts.permissions import is_staff_member


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    items: list[dict[str, Any]] = [
        {"label": _("Home"), "url": reverse("portal:home")},
        {"label": _("Activities"), "url": reverse("activities:browse")},
        {"label": _("Teams"), "url": reverse("registry:teams")},
        {"label": _("Virtue bank"), "url": reverse("virtue:notice_index")},
        {"label": _("Order a service"), "url": reverse("dispatch:order_new")},
    ]
    facts = _person_facts(user)  # one query: a volunteer? how many notifications unread?
    if user is not None and user.is_authenticated:
        if facts["is_volunteer"]:
            items.append({"label": _("My service"), "url": reverse("activities:my_shifts")})
            items.append({"label": _("My volunteer card"), "url": reverse("registry:me")})
        else:
            items.append({"label": _("Become a volunteer"), "url": reverse("registry:register")})
        items.append({"label": _("My account"), "url": reverse("accounts:me")})
        if is_staff_member(user) or user.is_staff:
            items.append({"label": _("Manage"), "url": reverse("portal:manage")})
    else:
        items.append({"label": _("Become a volunteer"), "url": reverse("registry:register")})
    current = request.path
    for item in items:
        item["active"] = item["url"] == current
    return {"nav_items": items, **_notifications_badge(facts)}


def _person_facts(user: Any) -> dict[str, Any]:
    """What the navigation needs about the signed-in person, read in one indexed query."""
    from django.contrib.auth import get_user_model
    from django.db.models import Exists, OuterRef

    from volcity.notifications.queries import unread_count_of_outer_user
    from volcity.registry.models import Volunteer

    if user is None or not user.is_authenticated:
        return {}
    found = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            is_volunteer=Exists(Volunteer.objects.filter(user=OuterRef("pk"))),
            unread=unread_count_of_outer_user(),
        )
        .values("is_volunteer", "unread")
        .first()
    )
    return found or {"is_volunteer": False, "unread": 0}


def _notifications_badge(facts: dict[str, Any]) -> dict[str, Any]:
    """The unread badge of signed-in people (``99+`` past 99)."""
    if not facts:
        return {}
    from volcity.notifications.queries import badge_label

    label = badge_label(facts["unread"])
    return {"notifications_badge": label, "notifications_url": reverse("notifications:inbox")}
