"""Demo coordinates of teams' bases and volunteers' homes, for dispatch distances.

Two UPDATE statements after the bulk inserts, no row read into Python: a team's base lies
within about 600 m of its region's centroid, a volunteer's home within about 1.5 km of their
village's. The offsets come from the row's id through two different residues, so a given
city always gets the same points and they scatter over a square grid without bunching.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import DecimalField, ExpressionWrapper, F, OuterRef, Subquery, Value
from django.db.models.functions import Mod

from volcity.regions.models import Region
from volcity.registry.models import Team, Volunteer

GRID = 1999  # a prime: the residues of id and 61·id step over the grid independently
TEAM_STEP = Decimal("0.000005")  # × ±1000 ≈ ±0.005° ≈ ±550 m
HOME_STEP = Decimal("0.000013")  # × ±1000 ≈ ±0.013° ≈ ±1.4 km


def _offset_from_centroid(axis: str, step: Decimal, *, multiplier: int) -> ExpressionWrapper:
    centroid = Region.objects.filter(code=OuterRef("region_id")).values(axis)[:1]
    cell = Mod(F("id") * Value(multiplier), Value(GRID)) - Value(GRID // 2)
    return ExpressionWrapper(
        Subquery(centroid) + cell * Value(step),
        output_field=DecimalField(max_digits=9, decimal_places=6),
    )


def seed_coordinates() -> None:
    """Base coordinates for every team, home coordinates for every volunteer."""
    with transaction.atomic():
        Team.objects.update(
            base_latitude=_offset_from_centroid("latitude", TEAM_STEP, multiplier=1),
            base_longitude=_offset_from_centroid("longitude", TEAM_STEP, multiplier=61),
        )
        Volunteer.objects.update(
            home_latitude=_offset_from_centroid("latitude", HOME_STEP, multiplier=1),
            home_longitude=_offset_from_centroid("longitude", HOME_STEP, multiplier=61),
        )
