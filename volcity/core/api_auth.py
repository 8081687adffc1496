"""The authenticated user of an API call (set by the session or bearer authenticator)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def api_user(request: HttpRequest) -> Any:
    return getattr(request, "auth", None)
