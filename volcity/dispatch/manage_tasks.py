"""The order loop's entries on the staff's start page (``portal.manage``)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from volcity.accounts.roles import ADMIN_ROLES
from volcity.accounts.scope import scope_for
from volcity.dispatch.permissions import is_centre_staff, led_team_ids


def dispatch_tasks(user: Any, task: Any) -> list[Any]:
    """``task(label, url, hint)`` for each page of the order loop the user may use."""
    tasks: list[Any] = []
    if is_centre_staff(user):
        tasks += [
            task(
                _("Centre orders"),
                reverse("dispatch:centre"),
                _("Review, dispatch, escalations and low ratings to follow up."),
            ),
            task(
                _("Help-line call"),
                reverse("dispatch:call"),
                _("Enter an order for a caller."),
            ),
            task(
                _("Duty roster"),
                reverse("dispatch:roster"),
                _("Dispatchers and on-call teams of the 24-hour help line."),
            ),
        ]
    if not scope_for(user, ADMIN_ROLES).empty:
        tasks.append(
            task(
                _("Service menu"),
                reverse("dispatch:menu_admin"),
                _("Categories and services residents can order, and who provides them."),
            )
        )
    if led_team_ids(user):
        tasks += [
            task(_("Service orders"), reverse("dispatch:tasks"), _("Accept, serve, report.")),
            task(
                _("Orders open to take"),
                reverse("dispatch:pool"),
                _("Take an order from the pool."),
            ),
        ]
    return tasks
