from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from volcity.audit.context import acting_as


def client_ip(request: HttpRequest) -> str | None:
    """The peer address. A deployment behind a proxy sets REMOTE_ADDR from it (docs/deploy)."""
    return request.META.get("REMOTE_ADDR") or None


class AuditContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        with acting_as(user, ip=client_ip(request)):
            return self.get_response(request)
