"""Figures of the order loop for a date range, over the orders of the user's scope (the same
orders as their live board): orders by status; time to dispatch, to accept and to complete
(median and average); ratings (average, count, low ratings) by town and by team.

Orders count when they were placed in the range (local dates, both ends included). Stage times:

* **to dispatch**: ordered → dispatched (orders dispatched at least once);
* **to accept**: dispatched → accepted; for an order taken from the pool, reviewed → accepted;
* **to complete**: accepted → completed;
* **ordered to completed**: the whole wait as the resident sees it.

One read of the range's orders (a few columns, no model instances) and two of names.
"""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from volcity.core.errors import DomainError
from volcity.dispatch.models import Order
from volcity.dispatch.queries_board import board_scope_q
from volcity.regions.models import Region
from volcity.registry.models import Team

LOW_RATING = 2  # ratings at or below go back to the centre for follow-up
DEFAULT_DAYS = 30
MAX_DAYS = 366 * 3


class FiguresRangeInvalid(DomainError):
    code = "dispatch_figures_range_invalid"
    default_message = gettext_lazy("Give the dates as YYYY-MM-DD, the first not after the last.")


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    @classmethod
    def parse(cls, data: Any, *, today: datetime.date | None = None) -> Period:
        today = today or timezone.localdate()
        try:
            end = datetime.date.fromisoformat(data.get("until") or today.isoformat())
            start_text = data.get("from") or (end - datetime.timedelta(days=DEFAULT_DAYS - 1))
            start = datetime.date.fromisoformat(str(start_text))
        except ValueError:
            raise FiguresRangeInvalid(field="from") from None
        if start > end or (end - start).days > MAX_DAYS:
            raise FiguresRangeInvalid(field="until")
        return cls(start, end)

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        tz = timezone.get_current_timezone()
        low = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=tz)
        high = datetime.datetime.combine(
            self.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
        )
        return low, high


@dataclass(frozen=True)
class Duration:
    label: str
    count: int
    median_minutes: float | None
    average_minutes: float | None


@dataclass(frozen=True)
class RatingRow:
    key: str
    name: str
    orders: int
    rated: int
    average: float | None
    low: int


@dataclass
class Figures:
    period: Period
    total: int
    by_status: list[tuple[str, str, int]]
    durations: list[Duration]
    by_town: list[RatingRow] = field(default_factory=list)
    by_team: list[RatingRow] = field(default_factory=list)


def _minutes(
    pairs: list[tuple[datetime.datetime | None, datetime.datetime | None]],
) -> list[float]:
    return [(b - a).total_seconds() / 60 for a, b in pairs if a is not None and b is not None]


def _duration(label: str, minutes: list[float]) -> Duration:
    if not minutes:
        return Duration(label, 0, None, None)
    return Duration(
        label,
        len(minutes),
        round(statistics.median(minutes), 1),
        round(statistics.fmean(minutes), 1),
    )


def _rating_rows(groups: dict[Any, list[int | None]], names: dict[Any, str]) -> list[RatingRow]:
    rows = []
    for key, ratings in groups.items():
        given = [r for r in ratings if r is not None]
        rows.append(
            RatingRow(
                key=str(key),
                name=names.get(key, str(key)),
                orders=len(ratings),
                rated=len(given),
                average=round(statistics.fmean(given), 2) if given else None,
                low=sum(1 for r in given if r <= LOW_RATING),
            )
        )
    return sorted(rows, key=lambda r: (r.name, r.key))


def figures_for(user: Any, period: Period) -> Figures:
    where = board_scope_q(user)
    low, high = period.bounds()
    qs = (
        Order.objects.none()
        if where is None
        else Order.objects.filter(where, created_at__gte=low, created_at__lt=high)
    )
    rows = list(
        qs.order_by().values_list(
            "status",
            "region_id",
            "assigned_team_id",
            "rating",
            "created_at",
            "reviewed_at",
            "dispatched_at",
            "accepted_at",
            "completed_at",
        )
    )
    statuses: dict[str, int] = defaultdict(int)
    Pair = tuple[datetime.datetime | None, datetime.datetime | None]
    to_dispatch: list[Pair] = []
    to_accept: list[Pair] = []
    to_complete: list[Pair] = []
    whole: list[Pair] = []
    towns: dict[str, list[int | None]] = defaultdict(list)
    teams: dict[int, list[int | None]] = defaultdict(list)
    for status, region, team, rating, created, reviewed, dispatched, accepted, completed in rows:
        statuses[status] += 1
        to_dispatch.append((created, dispatched))
        to_accept.append((dispatched or reviewed, accepted))
        to_complete.append((accepted, completed))
        whole.append((created, completed))
        towns[region[:9].ljust(12, "0")].append(rating)
        if team is not None:
            teams[team].append(rating)
    town_names = dict(Region.objects.filter(code__in=list(towns)).values_list("code", "name"))
    team_names = dict(Team.objects.filter(pk__in=list(teams)).values_list("pk", "name"))
    return Figures(
        period=period,
        total=len(rows),
        by_status=[(s.value, str(s.label), statuses.get(s.value, 0)) for s in Order.Status],
        durations=[
            _duration(_("Time to dispatch"), _minutes(to_dispatch)),
            _duration(_("Time to accept"), _minutes(to_accept)),
            _duration(_("Time to complete"), _minutes(to_complete)),
            _duration(_("Ordered to completed"), _minutes(whole)),
        ],
        by_town=_rating_rows(towns, town_names),
        by_team=_rating_rows(teams, team_names),
    )
