"""Demo centroids of the regions, for distances (dispatch suggestions).

Made up but plausible for Qingzhou: the city centre at about 36.69 N, 118.48 E; the four
sub-district streets within a few kilometres of it; the eight towns roughly where they lie on
the map, 10 to 30 km out; each village within about 5 km of its town (a community within
about 2 km of its street). Any other city gets the same layout around the same centre.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from decimal import Decimal

from volcity.regions.models import Region

CITY_CENTRE = (36.69, 118.48)
KM_PER_DEGREE_LAT = 111.2
COORDINATES = Decimal("0.000001")

# Offsets of the twelve towns and streets from the centre, in km (east, north), in code order.
TOWN_OFFSETS_KM: tuple[tuple[float, float], ...] = (
    (-1.0, 0.0),  # 王府街道
    (1.5, 1.5),  # 益都街道
    (-1.5, -3.0),  # 云门山街道
    (5.0, 1.0),  # 黄楼街道
    (11.0, 4.0),  # 弥河镇
    (-16.0, -15.0),  # 王坟镇
    (-23.0, -12.0),  # 庙子镇
    (-3.0, -13.0),  # 邵庄镇
    (-3.0, 16.0),  # 高柳镇
    (-12.0, 18.0),  # 何官镇
    (6.0, 12.0),  # 东夏镇
    (20.0, 5.0),  # 谭坊镇
)
VILLAGE_SPREAD_KM = 5.0
COMMUNITY_SPREAD_KM = 2.0


def shift(lat: float, lng: float, east_km: float, north_km: float) -> tuple[float, float]:
    """The point ``east_km`` east and ``north_km`` north of (lat, lng)."""
    km_per_degree_lng = KM_PER_DEGREE_LAT * math.cos(math.radians(lat))
    return lat + north_km / KM_PER_DEGREE_LAT, lng + east_km / km_per_degree_lng


def as_decimal(value: float) -> Decimal:
    return Decimal(repr(value)).quantize(COORDINATES)


def place_regions(rows: Sequence[Region], rng: random.Random) -> None:
    """Set ``latitude``/``longitude`` on the unsaved rows (parents listed before children)."""
    placed: dict[str, tuple[float, float]] = {}
    towns_seen = 0
    for region in rows:
        if region.level == Region.Level.CITY:
            point = CITY_CENTRE
        elif region.level == Region.Level.TOWN:
            east, north = TOWN_OFFSETS_KM[towns_seen % len(TOWN_OFFSETS_KM)]
            towns_seen += 1
            point = shift(*CITY_CENTRE, east, north)
        else:
            parent = placed.get(region.parent_id or "", CITY_CENTRE)
            spread = (
                COMMUNITY_SPREAD_KM if region.kind == Region.Kind.COMMUNITY else VILLAGE_SPREAD_KM
            )
            # Uniform over a disc: the square root keeps villages from bunching at the centre.
            radius = spread * math.sqrt(rng.random())
            angle = rng.uniform(0, 2 * math.pi)
            point = shift(*parent, radius * math.cos(angle), radius * math.sin(angle))
        placed[region.code] = point
        region.latitude, region.longitude = as_decimal(point[0]), as_decimal(point[1])
