"""The demo city's coordinates that suggestions rank by: every region has a centroid around
Qingzhou, every team base and volunteer home lies near its region's centroid."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest

from volcity.activities.geo import haversine_m
from volcity.core.seeding import make_context, run_seed, seed_steps
from volcity.regions.models import Region
from volcity.registry.models import Team, Volunteer

pytestmark = pytest.mark.django_db


def near_m(*points: Decimal | float | None) -> float:
    """Distance in metres between two points given as lat, lng, lat, lng; every one seeded."""
    assert None not in points, points
    return haversine_m(*[float(x) for x in points if x is not None])


@pytest.fixture
def seeded() -> None:
    steps = [s for s in seed_steps() if s.label in {"regions", "accounts", "registry"}]
    run_seed(make_context(scale=0.0005, seed=7, stdout=StringIO()), steps)


def test_regions_have_centroids_around_the_city(seeded: None) -> None:
    centroids = {r.code: r for r in Region.objects.all()}
    assert all(r.latitude is not None and r.longitude is not None for r in centroids.values())
    for r in centroids.values():
        assert near_m(r.latitude, r.longitude, 36.69, 118.48) < 40_000, r.name
    for village in (r for r in centroids.values() if r.level == Region.Level.VILLAGE):
        town = centroids[village.parent_id]  # type: ignore[index]
        assert near_m(village.latitude, village.longitude, town.latitude, town.longitude) < 5_100


def test_team_bases_and_volunteer_homes_are_near_their_region(seeded: None) -> None:
    places = {r.code: (r.latitude, r.longitude) for r in Region.objects.all()}
    teams = list(Team.objects.values_list("region_id", "base_latitude", "base_longitude"))
    homes = list(Volunteer.objects.values_list("region_id", "home_latitude", "home_longitude"))
    assert teams and homes
    for region, lat, lng in teams:
        assert near_m(lat, lng, *places[region]) < 1_000
    for region, lat, lng in homes:
        assert near_m(lat, lng, *places[region]) < 2_500
    assert len({(lat, lng) for _r, lat, lng in homes}) > len(homes) * 0.9  # scattered
