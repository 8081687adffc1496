"""Navigation by role, computed once per request. The portal is a face: it may look at every
area's permissions to decide what a person is offered."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from volcity.accounts.permissions import is_staff_member


def navigation(request: HttpRequest) -> dict[str, Any]:
    from volcity.registry.models import Volunteer

    user = getattr(request, "user", None)
    items: list[dict[str, Any]] = [
        {"label": _("Home"), "url": reverse("portal:home")},
        {"label": _("Activities"), "url": reverse("activities:browse")},
        {"label": _("Teams"), "url": reverse("registry:teams")},
        {"label": _("Virtue bank"), "url": reverse("virtue:notice_index")},
    ]
    if user is not None and user.is_authenticated:
        if Volunteer.objects.filter(user=user).exists():
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
    return {"nav_items": items, **_notifications_badge(user)}


def _notifications_badge(user: Any) -> dict[str, Any]:
    """The unread badge of signed-in people: one capped, indexed COUNT."""
    if user is None or not user.is_authenticated:
        return {}
    from volcity.notifications.queries import BADGE_CAP, badge_label, unread_count

    label = badge_label(unread_count(user, cap=BADGE_CAP))
    return {"notifications_badge": label, "notifications_url": reverse("notifications:inbox")}
