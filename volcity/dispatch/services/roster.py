"""The 24-hour help-line roster: a dispatcher or an on-call team on duty at a centre."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from volcity.audit.services import audit_record
from volcity.dispatch.errors import BadShift, NotAllowed, NotInArea
from volcity.dispatch.models import DutyShift
from volcity.dispatch.permissions import can_keep_roster, is_centre_of
from volcity.regions.codes import is_within, prefix_for_code
from volcity.regions.models import Region
from volcity.registry.models import Team


def duty_add(
    *,
    actor: Any,
    region: Region,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    user: Any = None,
    team: Team | None = None,
    note: str = "",
) -> DutyShift:
    if not can_keep_roster(actor, region.code):
        raise NotAllowed()
    if user is None and team is None:
        raise BadShift(field="user")
    if ends_at <= starts_at or ends_at - starts_at > datetime.timedelta(hours=24):
        raise BadShift(field="ends_at")
    # On duty: a dispatcher or administrator of this centre, or an active team of its area.
    if user is not None and not (
        getattr(user, "is_active", False) and is_centre_of(user, region.code)
    ):
        raise NotInArea(field="user")
    if team is not None and not (
        team.status == Team.Status.ACTIVE
        and is_within(team.region_id, prefix_for_code(region.code))
    ):
        raise NotInArea(field="team")
    with transaction.atomic():
        shift = DutyShift.objects.create(
            region=region,
            user=user,
            team=team,
            starts_at=starts_at,
            ends_at=ends_at,
            note=(note or "").strip()[:100],
        )
        audit_record(
            "dispatch.duty.added",
            obj=shift,
            actor=actor,
            region_id=region.code,
            changes={
                "user": getattr(user, "pk", None),
                "team": getattr(team, "pk", None),
                "starts_at": starts_at.isoformat(),
                "ends_at": ends_at.isoformat(),
            },
        )
    return shift


def duty_remove(*, actor: Any, shift: DutyShift) -> None:
    if not can_keep_roster(actor, shift.region_id):
        raise NotAllowed()
    with transaction.atomic():
        audit_record(
            "dispatch.duty.removed",
            obj=shift,
            actor=actor,
            region_id=shift.region_id,
            changes={"starts_at": shift.starts_at.isoformat()},
        )
        shift.delete()
