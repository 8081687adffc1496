from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from volcity.accounts.permissions import is_staff_member
from volcity.accounts.scope import scope_for
from volcity.core.errors import DomainError
from volcity.regions.queries import region_ancestors, region_children, region_city, region_get


@login_required
@require_GET
def tree(request: HttpRequest, code: str | None = None) -> HttpResponse:
    """Browse the region tree one level at a time, within the user's scope."""
    if not is_staff_member(request.user):
        raise PermissionDenied
    scope = scope_for(request.user)
    try:
        region = region_get(code) if code else region_city()
    except DomainError as exc:
        return render(request, "404.html", {"message": exc.message}, status=404)
    if region is None:
        children = []
    else:
        children = [
            r
            for r in region_children(region)
            if scope.everything or scope.covers_region(r.code) or _leads_to(scope.prefixes, r.path)
        ]
    if region is not None and not (
        scope.everything
        or scope.covers_region(region.code)
        or _leads_to(scope.prefixes, region.path)
    ):
        raise PermissionDenied
    return render(
        request,
        "regions/tree.html",
        {
            "region": region,
            "children": children,
            "ancestors": region_ancestors(region) if region else [],
        },
    )


def _leads_to(prefixes: frozenset[str], path: str) -> bool:
    """A region above the user's scope is shown as a way down to it, without its data."""
    return any(p.startswith(path) for p in prefixes)
