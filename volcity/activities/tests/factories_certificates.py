"""Making approved service records for certificate tests: a Pending record (with its totals),
approved through the records service."""

from __future__ import annotations

import datetime
from typing import Any

from volcity.activities.models import Activity, ServiceRecord
from volcity.activities.services.records import record_approve
from volcity.activities.services.totals import Delta, totals_apply
from volcity.registry.models import Volunteer


def approved_record(
    volunteer: Volunteer,
    activity: Activity,
    *,
    approver: Any,
    minutes: int = 120,
    served_on: datetime.date = datetime.date(2026, 3, 1),
    title: str = "",
    approve: bool = True,
) -> ServiceRecord:
    record = ServiceRecord.objects.create(
        volunteer=volunteer,
        activity=activity,
        team_id=activity.team_id,
        region_id=activity.region_id,
        title=title or activity.title,
        served_on=served_on,
        place=activity.address,
        content=activity.description,
        minutes=minutes,
        lead_name="测试负责人",
        source=ServiceRecord.Source.LEADER,
    )
    totals_apply(record, Delta(minutes_pending=minutes, records_pending=1))
    if approve:
        record = record_approve(actor=approver, record=record)
    return record
