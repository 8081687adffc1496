"""The inbox (phone first): newest first, unread highlighted; opening one marks it read and
follows its link; "mark all read". The same services as the API."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from volcity.notifications.queries import inbox_page, unread_count
from volcity.notifications.services import notification_mark_read, notifications_mark_all_read


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("show") == "unread"
    page = inbox_page(request.user, after=request.GET.get("after"), unread_only=unread_only)
    context = {
        "page": page,
        "unread_only": unread_only,
        "unread": unread_count(request.user),
    }
    return render(request, "notifications/inbox.html", context)


@login_required
@require_POST
def open_notification(request: HttpRequest, notification_id: int) -> HttpResponse:
    found = notification_mark_read(actor=request.user, notification_id=notification_id)
    target = found.url
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if target and safe and target.startswith("/"):
        return redirect(target)
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    changed = notifications_mark_all_read(actor=request.user)
    if changed:
        messages.success(
            request,
            ngettext(
                "%(count)d notification marked read.",
                "%(count)d notifications marked read.",
                changed,
            )
            % {"count": changed},
        )
    else:
        messages.info(request, _("Nothing unread."))
    return redirect(reverse("notifications:inbox"))
