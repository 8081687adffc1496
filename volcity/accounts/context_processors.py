"""Navigation by role, computed once per request from the user's grants."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from volcity.accounts.permissions import is_admin


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    items: list[dict[str, Any]] = [{"label": _("Home"), "url": reverse("portal:home")}]
    if user is not None and user.is_authenticated:
        items.append({"label": _("My account"), "url": reverse("accounts:me")})
        items.append({"label": _("Ask for a role"), "url": reverse("accounts:requests_mine")})
        if is_admin(user):
            items.append({"label": _("People and roles"), "url": reverse("accounts:users")})
            items.append({"label": _("Role requests"), "url": reverse("accounts:requests_inbox")})
            items.append({"label": _("Regions"), "url": reverse("regions:tree")})
            items.append({"label": _("Audit log"), "url": reverse("audit:list")})
        if user.is_staff:
            items.append({"label": _("Back office"), "url": reverse("admin:index")})
    current = request.path
    for item in items:
        item["active"] = item["url"] == current
    return {"nav_items": items}
