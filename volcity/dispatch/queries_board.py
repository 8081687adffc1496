"""Reads of the live board: the open orders of the centre's scope, most urgent then oldest first,
with how long each has waited at its stage and whether it is overdue; who is on duty.

An order is on a user's board when their centre scope (dispatchers and administrators) covers
its handling centre or the village it came from, so a town keeps seeing an order escalated to
the city. Pages are keyset pages: one indexed query per urgency (``dispatch_order_open``:
status, urgency, created_at), newest rows never shift the ones already seen.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from volcity.accounts.scope import scope_for
from volcity.core.errors import DomainError
from volcity.dispatch.models import DutyShift, Order
from volcity.dispatch.permissions import CENTRE_ROLES
from volcity.regions.queries import region_code_q

URGENCY_ORDER = ("emergency", "urgent", "normal")
OPEN = Order.OPEN
PAGE = 50
NUMBER_SLOT = "NUMBER"
MAX_PAGE = 200


class BoardFilterInvalid(DomainError):
    code = "dispatch_board_filter_invalid"
    default_message = gettext_lazy("This filter value is not one the board knows.")


def order_url(number: str) -> str:
    """The order's page (the order loop's ``dispatch:order``)."""
    try:
        return reverse("dispatch:order", kwargs={"number": number})
    except NoReverseMatch:  # pragma: no cover - the order pages not wired in
        return f"/dispatch/o/{number}/"


def stage_of(status: str) -> str:
    """What an open order waits for."""
    return {
        "submitted": _("waiting for review"),
        "approved": _("waiting for dispatch"),
        "pooled": _("waiting in the pool"),
        "dispatched": _("waiting for accept"),
        "accepted": _("waiting for completion"),
    }.get(status, "")


@dataclass(frozen=True)
class BoardFilter:
    status: str = ""
    urgency: str = ""
    region: str = ""

    @classmethod
    def parse(cls, data: Any) -> BoardFilter:
        status, urgency = data.get("status") or "", data.get("urgency") or ""
        region = (data.get("region") or "").strip()
        if status and status not in OPEN:
            raise BoardFilterInvalid(field="status")
        if urgency and urgency not in URGENCY_ORDER:
            raise BoardFilterInvalid(field="urgency")
        if region and not (region.isdigit() and len(region) == 12):
            raise BoardFilterInvalid(field="region")
        return cls(status=status, urgency=urgency, region=region)

    def query(self) -> dict[str, str]:
        return {k: v for k, v in vars(self).items() if v}


@dataclass(frozen=True)
class BoardRow:
    id: int
    number: str
    service: str
    region: str
    address: str
    urgency: str
    urgency_label: str
    status: str
    status_label: str
    stage: str
    stage_since: datetime.datetime
    waiting_seconds: int
    age_seconds: int
    accept_by: datetime.datetime | None
    overdue: bool
    assignee: str
    url: str
    suggest_url: str = ""  # for the handling centre, while the order waits for dispatch

    @property
    def waiting_text(self) -> str:
        return duration_text(self.waiting_seconds)

    @property
    def age_text(self) -> str:
        return duration_text(self.age_seconds)


def duration_text(seconds: int) -> str:
    """ "3 min", "2 h 05 min", "3 d 4 h": the board's timers."""
    minutes = seconds // 60
    if minutes < 60:
        return _("%(m)d min") % {"m": minutes}
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return _("%(h)d h %(m)02d min") % {"h": hours, "m": minutes}
    days, hours = divmod(hours, 24)
    return _("%(d)d d %(h)d h") % {"d": days, "h": hours}


@dataclass
class BoardPage:
    rows: list[BoardRow]
    next: str | None
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    overdue: int = 0
    now: datetime.datetime = field(default_factory=timezone.now)


def board_scope_q(user: Any) -> Q | None:
    """The orders on ``user``'s board; ``None`` when they have no centre role."""
    scope = scope_for(user, CENTRE_ROLES)
    if scope.everything:
        return Q()
    if scope.empty:
        return None
    return scope.q(region_field="handling_region") | scope.q(region_field="region")


def board_orders(user: Any, flt: BoardFilter) -> QuerySet[Order]:
    where = board_scope_q(user)
    if where is None:
        return Order.objects.none()
    qs = Order.objects.filter(where, status__in=[flt.status] if flt.status else OPEN)
    if flt.urgency:
        qs = qs.filter(urgency=flt.urgency)
    if flt.region:
        qs = qs.filter(region_code_q(flt.region, field="region"))
    return qs


def _cursor(urgency: str, created_at: datetime.datetime, pk: int) -> str:
    return f"{URGENCY_ORDER.index(urgency)}.{created_at.timestamp():.6f}.{pk}"


def _parse_cursor(text: str | None) -> tuple[int, datetime.datetime, int] | None:
    if not text:
        return None
    try:
        rank, seconds, micros, pk = text.split(".")
        moment = datetime.datetime.fromtimestamp(float(f"{seconds}.{micros}"), tz=datetime.UTC)
        return int(rank), moment, int(pk)
    except ValueError:
        raise BoardFilterInvalid(field="after") from None


def _stage_since(o: Order) -> datetime.datetime:
    if o.status == "accepted":
        return o.accepted_at or o.created_at
    if o.status == "dispatched":
        return o.dispatched_at or o.created_at
    if o.status in ("approved", "pooled"):
        return max(t for t in (o.reviewed_at, o.escalated_at, o.created_at) if t is not None)
    return o.created_at


ROW_FIELDS = (
    "number",
    "status",
    "urgency",
    "address",
    "created_at",
    "reviewed_at",
    "escalated_at",
    "dispatched_at",
    "accepted_at",
    "accept_by",
    "item__name",
    "region__name",
    "assigned_team__name",
    "assigned_volunteer__number",
    "handling_region",
)


def _labels() -> tuple[dict[str, str], dict[str, str]]:
    """Status and urgency labels, translated once a page (not once a row)."""
    return (
        {v: str(label) for v, label in Order.Status.choices},
        {v: str(label) for v, label in Order.Urgency.choices},
    )


def _row(
    o: Order,
    now: datetime.datetime,
    labels: tuple[dict[str, str], dict[str, str]],
    stages: dict[str, str],
    url_pattern: str,
    suggest_pattern: str,
    handles: Any,
) -> BoardRow:
    since = _stage_since(o)
    overdue = o.accept_by is not None and o.accept_by < now and o.status in Order.WAITING_FOR_ACCEPT
    assignee = ""
    if o.assigned_team_id is not None and o.assigned_team is not None:
        assignee = o.assigned_team.name
    elif o.assigned_volunteer_id is not None and o.assigned_volunteer is not None:
        assignee = o.assigned_volunteer.number
    return BoardRow(
        id=o.pk,
        number=o.number,
        service=o.item.name,
        region=o.region.name,
        address=o.address,
        urgency=o.urgency,
        urgency_label=labels[1].get(o.urgency, o.urgency),
        status=o.status,
        status_label=labels[0].get(o.status, o.status),
        stage=stages.get(o.status, ""),
        stage_since=since,
        waiting_seconds=max(0, int((now - since).total_seconds())),
        age_seconds=max(0, int((now - o.created_at).total_seconds())),
        accept_by=o.accept_by,
        overdue=overdue,
        assignee=assignee,
        url=url_pattern.replace(NUMBER_SLOT, o.number),
        suggest_url=suggest_pattern.replace(NUMBER_SLOT, o.number)
        if o.status in ("approved", "pooled") and handles(o.handling_region_id)
        else "",
    )


def board_page(
    user: Any, flt: BoardFilter, *, limit: int = PAGE, after: str | None = None
) -> BoardPage:
    """One page of the board: the most urgent first, oldest first within an urgency."""
    limit = max(1, min(limit, MAX_PAGE))
    start = _parse_cursor(after)
    base = (
        board_orders(user, flt)
        .select_related("item", "region", "assigned_team", "assigned_volunteer")
        .only(*ROW_FIELDS)
    )
    found: list[Order] = []
    for rank, urgency in enumerate(URGENCY_ORDER):
        if len(found) > limit or (flt.urgency and urgency != flt.urgency):
            continue
        if start is not None and rank < start[0]:
            continue
        qs = base.filter(urgency=urgency)
        if start is not None and rank == start[0]:
            qs = qs.filter(Q(created_at__gt=start[1]) | Q(created_at=start[1], pk__gt=start[2]))
        found += list(qs.order_by("created_at", "pk")[: limit + 1 - len(found)])
    now = timezone.now()
    labels = _labels()
    stages = {s: stage_of(s) for s in OPEN}
    url_pattern = order_url(NUMBER_SLOT)  # reversed once a page
    handles = scope_for(user, CENTRE_ROLES).covers_region
    suggest_pattern = reverse("dispatch:order_suggestions", kwargs={"number": NUMBER_SLOT})
    rows = [
        _row(o, now, labels, stages, url_pattern, suggest_pattern, handles) for o in found[:limit]
    ]
    last = found[limit - 1] if len(found) > limit else None
    return BoardPage(
        rows=rows,
        next=None if last is None else _cursor(last.urgency, last.created_at, last.pk),
        now=now,
    )


def board_counts(user: Any, flt: BoardFilter) -> tuple[dict[str, dict[str, int]], int]:
    """Open orders by status and urgency, and how many are overdue, in two queries."""
    qs = board_orders(user, flt)
    counts: dict[str, dict[str, int]] = {s: dict.fromkeys(URGENCY_ORDER, 0) for s in OPEN}
    for status, urgency, n in (
        qs.order_by().values_list("status", "urgency").annotate(n=Count("pk"))
    ):
        counts.setdefault(status, {})[urgency] = n
    overdue = qs.filter(status__in=Order.WAITING_FOR_ACCEPT, accept_by__lt=timezone.now()).count()
    return counts, overdue


@dataclass(frozen=True)
class OnDuty:
    who: str
    kind: str  # "dispatcher" or "team"
    region: str
    until: datetime.datetime


def on_duty(user: Any) -> list[OnDuty]:
    """The help line's people on duty now, in the user's scope."""
    scope = scope_for(user, CENTRE_ROLES)
    if scope.empty:
        return []
    now = timezone.now()
    qs = DutyShift.objects.filter(starts_at__lte=now, ends_at__gt=now)
    if not scope.everything:
        qs = qs.filter(scope.q(region_field="region"))
    return [
        OnDuty(
            who=d.user.display_name if d.user is not None else d.team.name if d.team else "",
            kind="dispatcher" if d.user_id is not None else "team",
            region=d.region.name,
            until=d.ends_at,
        )
        for d in qs.select_related("user", "team", "region").order_by("ends_at", "pk")[:50]
    ]
