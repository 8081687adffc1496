"""Service delivery's demo data: brands, projects, activities and sign-ups, ten years of
records, and the hour totals and stars computed from them agreeing with the services' rules."""

from __future__ import annotations

from collections import defaultdict
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import F, Sum
from django.utils import timezone

from volcity.activities.demo_data import BRANDS
from volcity.activities.models import (
    Activity,
    Brand,
    HourTotal,
    Project,
    ServiceRecord,
    Shift,
    Signup,
    StarAward,
)
from volcity.activities.services.totals import owners_of, star_level_for
from volcity.registry.models import Volunteer

SCALE = 0.0005  # 80 volunteers, 1,500 records
SEED = 7


def seed_demo(seed: int = SEED) -> None:
    call_command("seed_demo", scale=SCALE, seed=seed, stdout=StringIO(), stderr=StringIO())


@pytest.fixture
def seeded(db: None) -> None:
    seed_demo()


def expected_totals() -> dict[tuple[str, int], list[int]]:
    """What the services would hold: every record added to every owner it counts in."""
    sums: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for record in ServiceRecord.objects.all():
        for owner in owners_of(record):
            into = sums[owner]
            if record.status == ServiceRecord.Status.APPROVED:
                into[0] += record.minutes
                into[1] += 1
            elif record.status == ServiceRecord.Status.PENDING:
                into[2] += record.minutes
                into[3] += 1
    return dict(sums)


def test_seed_writes_brands_projects_activities_and_records(seeded: None) -> None:
    assert Brand.objects.count() == len(BRANDS)
    assert set(Brand.objects.values_list("name", flat=True)) >= {
        "点亮微心愿",
        "爱心护航365",
        "河小青",
    }
    assert Project.objects.count() >= 6
    assert Project.objects.filter(team_id=1).exists()
    # The dispatch seed's completed orders add their records (linked from the order) on top.
    assert ServiceRecord.objects.filter(dispatch_orders__isnull=True).count() == 1_500
    now = timezone.now()
    assert Shift.objects.filter(starts_at__lt=now).exists()
    assert Shift.objects.filter(starts_at__gt=now).exists()
    approved = ServiceRecord.objects.filter(status="approved").count()
    assert approved / 1_500 > 0.85
    first = ServiceRecord.objects.order_by("served_on").values_list("served_on", flat=True)[0]
    assert (timezone.localdate() - first).days > 365 * 8


def test_hour_totals_equal_the_sums_over_the_records(seeded: None) -> None:
    got = {
        (t.kind, t.ref): [
            t.minutes_approved,
            t.records_approved,
            t.minutes_pending,
            t.records_pending,
        ]
        for t in HourTotal.objects.all()
    }
    assert got == expected_totals()
    city = HourTotal.objects.get(kind="r", ref=370781000000)
    assert (
        city.minutes_approved
        == ServiceRecord.objects.filter(status="approved").aggregate(m=Sum("minutes"))["m"]
    )


def test_stars_follow_the_totals(seeded: None) -> None:
    totals = dict(HourTotal.objects.filter(kind="v").values_list("ref", "minutes_approved"))
    for volunteer in Volunteer.objects.all():
        level = star_level_for(totals.get(volunteer.pk, 0))
        assert volunteer.star_level == level
        awards = sorted(
            StarAward.objects.filter(volunteer=volunteer).values_list("level", flat=True)
        )
        assert awards == list(range(1, level + 1))
    assert StarAward.objects.exists()


def test_seats_taken_equal_the_confirmed_signups(seeded: None) -> None:
    for shift in Shift.objects.all():
        taken = (
            Signup.objects.filter(shift=shift, status="confirmed").aggregate(n=Sum("party_size"))[
                "n"
            ]
            or 0
        )
        assert shift.seats_taken == taken
    assert not Shift.objects.filter(seats_taken__gt=F("capacity")).exists()


def test_demo_volunteer_has_a_star_a_pending_record_and_a_coming_shift(seeded: None) -> None:
    volunteer = Volunteer.objects.get(user__username="volunteer")
    assert volunteer.star_level == 1
    records = ServiceRecord.objects.filter(volunteer=volunteer)
    assert records.filter(status="approved").count() >= 3
    assert records.filter(status="pending", dispatch_orders__isnull=True).count() == 1
    # "My hours" lists records newest first by id: the ids follow the service dates.
    days = list(records.order_by("-pk").values_list("served_on", flat=True))
    assert days == sorted(days, reverse=True)
    signup = Signup.objects.select_related("shift__activity").get(volunteer=volunteer)
    assert signup.status == "confirmed"
    assert signup.shift.starts_at > timezone.now()
    assert signup.shift.activity.team_id == 1
    assert signup.shift.activity.status == Activity.Status.PUBLISHED


def test_team_leaders_team_has_a_shift_in_progress_today(seeded: None) -> None:
    now = timezone.now()
    shift = Shift.objects.get(activity__team_id=1, starts_at__lte=now, ends_at__gt=now)
    assert shift.activity.status == Activity.Status.PUBLISHED
    assert shift.seats_taken >= 1


def test_same_seed_in_a_fresh_database_gives_the_same_records(seeded: None) -> None:
    from volcity.registry.tests.test_seed import wipe

    def snapshot() -> list[Any]:
        return list(
            ServiceRecord.objects.order_by("pk").values_list(
                "volunteer__number", "served_on", "minutes", "status", "title"
            )
        )

    first = snapshot()
    wipe()
    seed_demo()
    assert snapshot() == first
