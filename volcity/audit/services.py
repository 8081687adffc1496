"""Writing to the audit log. Every state change in every app calls ``audit_record``."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone

from volcity.audit.context import current
from volcity.audit.models import AuditEntry


def _label(actor: Any) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return "system" if actor is None else "anonymous"
    return str(getattr(actor, "username", actor))[:80]


def audit_record(
    action: str,
    *,
    obj: models.Model | None = None,
    region_id: str | None = None,
    changes: dict[str, Any] | None = None,
    actor: Any = None,
) -> AuditEntry:
    """Append one entry: ``action`` is namespaced (``accounts.role.granted``).

    The actor and address come from the request context unless ``actor`` is given.
    ``changes`` must never hold a personal number in the clear: pass masked values.
    """
    ctx = current()
    who = actor if actor is not None else ctx.actor
    authenticated = who is not None and getattr(who, "is_authenticated", False)
    if region_id is None and obj is not None:
        region_id = getattr(obj, "region_id", None)
    return AuditEntry.objects.create(
        at=timezone.now(),
        actor=who if authenticated else None,
        actor_label=_label(who),
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_label=str(obj)[:120] if obj is not None else "",
        region_id=region_id,
        ip=ctx.ip,
        request_id=ctx.request_id,
        changes=changes or {},
    )
