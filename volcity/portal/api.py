from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status

from volcity.portal.queries import health_check

router = Router(tags=["health"])


class HealthOut(Schema):
    status: str
    database: str
    engine: str


@router.get("/health", response={200: HealthOut, 503: HealthOut}, auth=None)
def health(request: HttpRequest) -> Status[dict[str, Any]]:
    result = health_check()
    return Status(200 if result["status"] == "ok" else 503, result)
