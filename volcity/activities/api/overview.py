"""API: the administrator's overview of service in a region."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from volcity.activities.queries_overview import RegionHours, overview_for
from volcity.core.api_auth import api_user

router = Router()


class RegionHoursOut(Schema):
    code: str
    name: str
    hours_approved: float
    records_approved: int
    hours_pending: float
    records_pending: int


class OverviewOut(Schema):
    region: RegionHoursOut
    children: list[RegionHoursOut]
    shifts_today: int
    seats_today: int
    seats_taken_today: int
    checked_in_now: int
    open_campaigns: list[int]


def _out(h: RegionHours) -> RegionHoursOut:
    return RegionHoursOut(
        code=h.code,
        name=h.name,
        hours_approved=round(h.minutes_approved / 60, 1),
        records_approved=h.records_approved,
        hours_pending=round(h.minutes_pending / 60, 1),
        records_pending=h.records_pending,
    )


@router.get("/overview", response=OverviewOut, summary="Service in a region (administrators)")
def overview(request: HttpRequest, region: str = "") -> OverviewOut:
    o = overview_for(api_user(request), region.strip())
    return OverviewOut(
        region=_out(o.totals),
        children=[_out(c) for c in o.children],
        shifts_today=o.today.shifts,
        seats_today=o.today.capacity,
        seats_taken_today=o.today.seats_taken,
        checked_in_now=o.today.checked_in_now,
        open_campaigns=[c.pk for c in o.campaigns],
    )
