from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from volcity.accounts.permissions import can_read_audit
from volcity.audit.queries import AuditFilter, audit_list_for
from volcity.core.api_auth import api_user
from volcity.core.errors import PermissionDenied
from volcity.core.pagination import keyset_page

router = Router(tags=["audit"])


class AuditEntryOut(Schema):
    id: int
    at: datetime
    actor: str
    action: str
    object_type: str
    object_id: str
    object_label: str
    region: str | None
    ip: str | None
    changes: dict[str, Any]


class AuditPage(Schema):
    items: list[AuditEntryOut]
    next: str | None


@router.get("/", response=AuditPage)
def audit_entries(
    request: HttpRequest,
    action: str = "",
    actor: str = "",
    object_type: str = "",
    object_id: str = "",
    since: date | None = None,
    until: date | None = None,
    after: str | None = None,
    limit: int = 50,
) -> AuditPage:
    if not can_read_audit(api_user(request)):
        raise PermissionDenied()
    flt = AuditFilter(
        action=action,
        actor=actor,
        object_type=object_type,
        object_id=object_id,
        since=since,
        until=until,
    )
    page = keyset_page(
        audit_list_for(api_user(request), flt), after=after, limit=limit, descending=True
    )
    return AuditPage(
        items=[
            AuditEntryOut(
                id=e.pk,
                at=e.at,
                actor=e.actor_label,
                action=e.action,
                object_type=e.object_type,
                object_id=e.object_id,
                object_label=e.object_label,
                region=e.region_id,
                ip=e.ip,
                changes=e.changes,
            )
            for e in page.items
        ],
        next=page.next,
    )
