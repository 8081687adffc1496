"""Searching the audit log, scoped to the administrator's regions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from volcity.accounts.roles import ADMIN_ROLES, Role
from volcity.accounts.scope import scope_for
from volcity.audit.models import AuditEntry


@dataclass(frozen=True)
class AuditFilter:
    action: str = ""
    actor: str = ""
    object_type: str = ""
    object_id: str = ""
    region: str = ""
    since: date | None = None
    until: date | None = None


def audit_list_for(user: Any, flt: AuditFilter | None = None) -> QuerySet[AuditEntry]:
    """Entries an administrator may read: those in their regions. City administrators
    also see entries that belong to no region (logins, settings)."""
    scope = scope_for(user, ADMIN_ROLES)
    qs = AuditEntry.objects.all()
    if not scope.everything:
        if scope.empty:
            return qs.none()
        condition = scope.q(region_field="region")
        if scope_for(user, [Role.CITY_ADMIN]).prefixes:
            condition |= Q(region__isnull=True)
        qs = qs.filter(condition)
    flt = flt or AuditFilter()
    if flt.action:
        qs = qs.filter(action__startswith=flt.action)
    if flt.actor:
        qs = qs.filter(actor_label=flt.actor)
    if flt.object_type:
        qs = qs.filter(object_type=flt.object_type)
    if flt.object_id:
        qs = qs.filter(object_id=flt.object_id)
    if flt.region:
        from volcity.regions.queries import region_code_q

        qs = qs.filter(region_code_q(flt.region, field="region"))
    tz = timezone.get_current_timezone()
    if flt.since:
        qs = qs.filter(at__gte=datetime.combine(flt.since, time.min, tzinfo=tz))
    if flt.until:
        qs = qs.filter(at__lt=datetime.combine(flt.until + timedelta(days=1), time.min, tzinfo=tz))
    return qs.select_related("region").order_by("-id")
