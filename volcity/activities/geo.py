"""Distances on the Earth's surface, for the check-in radius."""

from __future__ import annotations

import math
from decimal import Decimal

EARTH_RADIUS_M = 6_371_008.8  # mean radius (IUGG)


def haversine_m(
    lat1: float | Decimal, lng1: float | Decimal, lat2: float | Decimal, lng2: float | Decimal
) -> float:
    """Great-circle distance in metres between two points given in decimal degrees."""
    p1, p2 = math.radians(float(lat1)), math.radians(float(lat2))
    dp = p2 - p1
    dl = math.radians(float(lng2) - float(lng1))
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))
