"""Dispatch suggestions: who should serve this order, best first.

Candidates (bounded sets, a fixed handful of queries, none per candidate):

* **teams**: active teams listed on the order's service item (anywhere in the menu's region),
  and active teams of the handling centre's region whose service categories carry the name of
  the item's menu category;
* **volunteers**: active volunteers living in the handling centre's region who hold at least one
  of the item's skills (any active volunteer there when the item names no skill). They are
  found by a bounding box around the order's location on the ``(home_latitude,
  home_longitude)`` index (1 km first), widened ring by ring until enough are found
  (``WANTED_VOLUNTEERS``), then measured exactly (haversine). A volunteer without home coordinates stands at their
  village's centroid. Volunteers in no active team are left out: their hours could not be
  recorded (service records belong to an organising team).

Score (higher is better), documented in ``docs/dispatch-board.md``::

    score = 40 · exp(−distance_km / 5)        distance: 40 at the door, 14.7 at 5 km
          + 25 · skill_match                  share of the item's skills held (teams listed: 1)
          + 25 · available                    not serving elsewhere at the wanted time
          − 10 · load / capacity              open (dispatched or accepted) orders
          + 5                                 a team on call (duty roster) at the wanted time

A volunteer's capacity is 1; a team's is one per ten active members (at least 1). So each open
order costs as much as about 1.5 km near the door: work is spread fairly, a free volunteer a
little further away beats a busy one next door, and at equal load the closer one wins.
Unavailable candidates stay in the list, marked, below the available ones they would tie with.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import ExpressionWrapper, F, FloatField, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from volcity.activities.geo import haversine_m
from volcity.dispatch.models import DutyShift, Order
from volcity.regions.codes import descendant_range
from volcity.regions.models import Region
from volcity.registry.choices import AvailableTime
from volcity.registry.models import Membership, Team, Volunteer

W_DISTANCE, DISTANCE_SCALE_KM = 40.0, 5.0
W_SKILL = 25.0
W_AVAILABLE = 25.0
W_LOAD = 10.0
MEMBERS_PER_UNIT = 10  # a team handles one open order per ten active members without penalty
RINGS_KM = (1.0, 3.0, 8.0, 20.0, 50.0)  # bounding boxes tried around the order, smallest first
WANTED_VOLUNTEERS = 40  # candidates measured exactly before scoring
MAX_BOX_ROWS = 400  # rows read from one box (a dense box is cut, the nearest are in it)
MAX_TEAMS = 200
OPEN_LOAD = ("dispatched", "accepted")
KM_PER_DEGREE_LAT = 111.2
ON_CALL_BONUS = 5.0


@dataclass
class Suggestion:
    kind: str  # "team" or "volunteer"
    id: int
    name: str
    distance_m: int | None
    skill_match: float
    available: bool
    load: int
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)


@dataclass
class _Candidate:
    kind: str
    id: int
    name: str
    lat: float | None
    lng: float | None
    skill_match: float
    capacity: int = 1
    times: list[str] = field(default_factory=list)
    listed: bool = False


# --- The score ------------------------------------------------------------------------------


def score_of(*, distance_m: int | None, skill_match: float, available: bool, load: float) -> float:
    closeness = 0.0 if distance_m is None else math.exp(-distance_m / 1000 / DISTANCE_SCALE_KM)
    return round(
        W_DISTANCE * closeness
        + W_SKILL * skill_match
        + (W_AVAILABLE if available else 0.0)
        - W_LOAD * load,
        3,
    )


def time_slot(moment: datetime) -> str:
    """The registry's available-time slot of a moment (local time)."""
    local = timezone.localtime(moment)
    day = "weekend" if local.weekday() >= 5 else "weekday"
    part = "morning" if local.hour < 12 else "afternoon" if local.hour < 18 else "evening"
    return f"{day}_{part}"


def free_at(times: list[str], moment: datetime) -> bool:
    """No times given, "any time", or the slot of ``moment`` among them."""
    return not times or AvailableTime.ANY_TIME in times or time_slot(moment) in times


# --- Candidates -----------------------------------------------------------------------------


def _box(lat: float, lng: float, km: float) -> Q:
    dlat = km / KM_PER_DEGREE_LAT
    dlng = km / (KM_PER_DEGREE_LAT * max(0.1, math.cos(math.radians(lat))))
    return Q(
        home_latitude__gte=Decimal(f"{lat - dlat:.6f}"),
        home_latitude__lte=Decimal(f"{lat + dlat:.6f}"),
        home_longitude__gte=Decimal(f"{lng - dlng:.6f}"),
        home_longitude__lte=Decimal(f"{lng + dlng:.6f}"),
    )


def _in_region(prefix: str, field_name: str) -> Q:
    low, high = descendant_range(prefix)
    return Q(**{f"{field_name}__gte": low, f"{field_name}__lte": high})


def volunteer_candidates(order: Order, skill_ids: list[int], prefix: str) -> list[_Candidate]:
    """Nearest volunteers by growing boxes; then those without coordinates, bounded."""
    base = Volunteer.objects.filter(_in_region(prefix, "region_id"), status="active")
    if skill_ids:
        base = base.filter(skills__in=skill_ids)
    columns = ("id", "user__display_name", "home_latitude", "home_longitude", "available_times")
    lat, lng = float(order.latitude), float(order.longitude)
    rows: list[tuple[Any, ...]] = []
    # Squared degrees (longitude shrunk by the latitude's cosine): in a dense box the rows cut
    # off by MAX_BOX_ROWS are the farthest, not arbitrary ones.
    squeeze = Value(math.cos(math.radians(lat)))
    dlat, dlng = F("home_latitude") - Value(lat), (F("home_longitude") - Value(lng)) * squeeze
    nearness = ExpressionWrapper(dlat * dlat + dlng * dlng, output_field=FloatField())
    for km in RINGS_KM:
        # The box as a subquery on the coordinate index: the planner then reads the box from
        # that index instead of walking every volunteer of the centre's region first.
        in_box = Volunteer.objects.filter(_box(lat, lng, km)).values("pk")
        rows = list(
            base.filter(pk__in=in_box)
            .annotate(d2=nearness)
            .order_by("d2", "id")
            .values_list(*columns)[:MAX_BOX_ROWS]
        )
        if len({r[0] for r in rows}) >= WANTED_VOLUNTEERS:
            break
    if len({r[0] for r in rows}) < WANTED_VOLUNTEERS:
        rows += list(
            base.filter(home_latitude__isnull=True)
            .annotate(lat=F("region__latitude"), lng=F("region__longitude"))
            .values_list("id", "user__display_name", "lat", "lng", "available_times")[:MAX_BOX_ROWS]
        )
    held = Counter(r[0] for r in rows)  # one row per matching skill
    found: dict[int, _Candidate] = {}
    for pk, name, vlat, vlng, times in rows:
        if pk not in found:
            found[pk] = _Candidate(
                kind="volunteer",
                id=pk,
                name=name,
                lat=None if vlat is None else float(vlat),
                lng=None if vlng is None else float(vlng),
                skill_match=held[pk] / len(skill_ids) if skill_ids else 1.0,
                times=list(times or []),
            )
    return list(found.values())


def team_candidates(order: Order, prefix: str, menu_prefix: str) -> list[_Candidate]:
    item = order.item
    listed = Q(pk__in=item.teams.values("pk")) & _in_region(menu_prefix, "region_id")
    fit = _in_region(prefix, "region_id") & Q(categories__name=item.category.name)
    rows = (
        Team.objects.filter(listed | fit, status=Team.Status.ACTIVE)
        .annotate(
            lat=Coalesce("base_latitude", "region__latitude"),
            lng=Coalesce("base_longitude", "region__longitude"),
        )
        .values_list("id", "name", "lat", "lng", "member_count")
        .distinct()[:MAX_TEAMS]
    )
    listed_ids = set(item.teams.values_list("pk", flat=True))
    return [
        _Candidate(
            kind="team",
            id=pk,
            name=name,
            lat=None if tlat is None else float(tlat),
            lng=None if tlng is None else float(tlng),
            skill_match=1.0 if pk in listed_ids else 0.7,
            capacity=max(1, members // MEMBERS_PER_UNIT),
            listed=pk in listed_ids,
        )
        for pk, name, tlat, tlng, members in rows
    ]


def _prefixes(*codes: str) -> dict[str, str]:
    """Region code → its prefix (``path``), in one query."""
    return dict(Region.objects.filter(pk__in=codes).values_list("code", "path"))


# --- Load and availability (one query each) -------------------------------------------------


def _overlaps(start: datetime, end: datetime, order: Order) -> bool:
    return start < order.wanted_until and end > order.wanted_from


def volunteer_load_and_busy(
    order: Order, ids: Iterable[int]
) -> tuple[Counter[int], set[int], set[int]]:
    """Open orders per volunteer; those serving another order or on an activity shift at the
    wanted time; ids given as a list."""
    from volcity.activities.models import Signup

    ids = list(ids)
    load: Counter[int] = Counter()
    busy_order: set[int] = set()
    for vid, start, end in (
        Order.objects.filter(assigned_volunteer_id__in=ids, status__in=OPEN_LOAD)
        .exclude(pk=order.pk)
        .values_list("assigned_volunteer_id", "wanted_from", "wanted_until")
    ):
        load[vid] += 1
        if _overlaps(start, end, order):
            busy_order.add(vid)
    on_shift = set(
        Signup.objects.filter(
            volunteer_id__in=ids,
            status="confirmed",
            shift__starts_at__lt=order.wanted_until,
            shift__ends_at__gt=order.wanted_from,
        ).values_list("volunteer_id", flat=True)
    )
    return load, busy_order, on_shift


def in_a_team(ids: Iterable[int]) -> set[int]:
    """Those of ``ids`` with an active membership: only they can have hours recorded."""
    return set(
        Membership.objects.filter(volunteer_id__in=list(ids), status=Membership.Status.ACTIVE)
        .values_list("volunteer_id", flat=True)
        .distinct()
    )


def team_load(order: Order, ids: Iterable[int]) -> Counter[int]:
    load: Counter[int] = Counter()
    for tid in (
        Order.objects.filter(assigned_team_id__in=list(ids), status__in=OPEN_LOAD)
        .exclude(pk=order.pk)
        .values_list("assigned_team_id", flat=True)
    ):
        load[tid] += 1
    return load


def teams_on_call(order: Order, ids: Iterable[int]) -> set[int]:
    return set(
        DutyShift.objects.filter(
            team_id__in=list(ids),
            starts_at__lte=order.wanted_from,
            ends_at__gt=order.wanted_from,
        ).values_list("team_id", flat=True)
    )


# --- Ranking --------------------------------------------------------------------------------


def suggestions_for(order: Order, *, limit: int = 10) -> list[Suggestion]:
    """Teams and volunteers for ``order``, best first (see the module's docstring)."""
    menu_region = order.item.category.region_id
    paths = _prefixes(order.handling_region_id, menu_region)
    prefix = paths.get(order.handling_region_id, order.handling_region_id)
    skill_ids = list(order.item.skills.values_list("pk", flat=True))
    teams = team_candidates(order, prefix, paths.get(menu_region, menu_region))
    volunteers = volunteer_candidates(order, skill_ids, prefix)
    if volunteers:  # a volunteer in no team could not have the hours recorded
        members = in_a_team(c.id for c in volunteers)
        volunteers = [c for c in volunteers if c.id in members]
    t_load = team_load(order, (c.id for c in teams)) if teams else Counter()
    on_call = teams_on_call(order, (c.id for c in teams)) if teams else set()
    v_load, v_serving, v_shift = (
        volunteer_load_and_busy(order, (c.id for c in volunteers))
        if volunteers
        else (Counter(), set(), set())
    )
    lat, lng = float(order.latitude), float(order.longitude)
    out: list[Suggestion] = []
    for c in [*teams, *volunteers]:
        distance = (
            None if c.lat is None or c.lng is None else round(haversine_m(lat, lng, c.lat, c.lng))
        )
        reasons: list[str] = []
        if c.kind == "team":
            load = t_load[c.id]
            available = True
            if c.listed:
                reasons.append(_("provides this service"))
            else:
                reasons.append(_("serves this category"))
            if c.id in on_call:
                reasons.append(_("on call at that time"))
        else:
            load = v_load[c.id]
            available = free_at(c.times, order.wanted_from)
            if c.id in v_serving:
                available = False
                reasons.append(_("serving another order at that time"))
            if c.id in v_shift:
                available = False
                reasons.append(_("on an activity shift at that time"))
            if not free_at(c.times, order.wanted_from):
                reasons.append(_("not usually free at that time"))
            if c.skill_match >= 1:
                reasons.append(_("has the skills needed"))
            else:
                reasons.append(_("has some of the skills needed"))
        if load == 0:
            reasons.append(_("no open orders"))
        score = score_of(
            distance_m=distance,
            skill_match=c.skill_match,
            available=available,
            load=load / c.capacity,
        ) + (ON_CALL_BONUS if c.kind == "team" and c.id in on_call else 0.0)
        out.append(
            Suggestion(
                kind=c.kind,
                id=c.id,
                name=c.name,
                distance_m=distance,
                skill_match=round(c.skill_match, 3),
                available=available,
                load=load,
                score=round(score, 3),
                reasons=reasons,
            )
        )
    out.sort(
        key=lambda s: (-s.score, s.distance_m if s.distance_m is not None else 10**9, s.kind, s.id)
    )
    return out[:limit]
