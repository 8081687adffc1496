"""API of the live board, suggestions and figures, under ``/api/v1/dispatch``: the same
queries as the pages (``queries_board``, ``suggest``, ``queries_figures``)."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from volcity.core.api_auth import api_user
from volcity.core.errors import PermissionDenied
from volcity.dispatch.errors import OrderNotFound
from volcity.dispatch.models import Order
from volcity.dispatch.permissions import can_handle_order, is_centre_staff
from volcity.dispatch.queries_board import BoardFilter, board_counts, board_page, on_duty
from volcity.dispatch.queries_figures import Period, figures_for
from volcity.dispatch.suggest import suggestions_for

router = Router(tags=["dispatch"])


class BoardRowOut(Schema):
    id: int
    number: str
    service: str
    region: str
    urgency: str
    status: str
    stage: str
    stage_since: datetime.datetime
    waiting_seconds: int
    age_seconds: int
    accept_by: datetime.datetime | None
    overdue: bool
    assignee: str
    url: str
    suggest_url: str


class OnDutyOut(Schema):
    who: str
    kind: str
    region: str
    until: datetime.datetime


class BoardOut(Schema):
    rows: list[BoardRowOut]
    next: str | None
    counts: dict[str, dict[str, int]]
    overdue: int
    on_duty: list[OnDutyOut]
    now: datetime.datetime


class SuggestionOut(Schema):
    kind: str
    id: int
    name: str
    distance_m: int | None
    skill_match: float
    available: bool
    load: int
    score: float
    reasons: list[str]


class DurationOut(Schema):
    label: str
    count: int
    median_minutes: float | None
    average_minutes: float | None


class RatingRowOut(Schema):
    key: str
    name: str
    orders: int
    rated: int
    average: float | None
    low: int


class FiguresOut(Schema):
    start: datetime.date
    end: datetime.date
    total: int
    by_status: dict[str, int]
    durations: list[DurationOut]
    by_town: list[RatingRowOut]
    by_team: list[RatingRowOut]


def _centre(request: HttpRequest) -> Any:
    user = api_user(request)
    if not is_centre_staff(user):
        raise PermissionDenied
    return user


@router.get("/board", response=BoardOut)
def board_api(
    request: HttpRequest,
    status: str = "",
    urgency: str = "",
    region: str = "",
    after: str | None = None,
    limit: int = 50,
) -> dict[str, Any]:
    user = _centre(request)
    flt = BoardFilter.parse({"status": status, "urgency": urgency, "region": region})
    page = board_page(user, flt, after=after, limit=limit)
    counts, overdue = board_counts(user, flt)
    return {
        "rows": [vars(r) for r in page.rows],
        "next": page.next,
        "counts": counts,
        "overdue": overdue,
        "on_duty": [vars(d) for d in on_duty(user)],
        "now": page.now,
    }


@router.get("/orders/{number}/suggestions", response=list[SuggestionOut])
def suggestions_api(request: HttpRequest, number: str, limit: int = 10) -> list[dict[str, Any]]:
    user = api_user(request)
    order = Order.objects.select_related("item__category").filter(number=number).first()
    if order is None or not can_handle_order(user, order):
        raise OrderNotFound(field="number")
    return [vars(s) for s in suggestions_for(order, limit=max(1, min(limit, 50)))]


@router.get("/figures", response=FiguresOut)
def figures_api(request: HttpRequest, date_from: str = "", until: str = "") -> dict[str, Any]:
    user = _centre(request)
    period = Period.parse({"from": date_from, "until": until})
    found = figures_for(user, period)
    return {
        "start": period.start,
        "end": period.end,
        "total": found.total,
        "by_status": {value: n for value, _label, n in found.by_status},
        "durations": [vars(d) for d in found.durations],
        "by_town": [vars(r) for r in found.by_town],
        "by_team": [vars(r) for r in found.by_team],
    }
