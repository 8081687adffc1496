"""The administrator's overview: hours from the kept totals for the region and each region
under it, today's shifts and who is checked in now, scoped to the regions they administer."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from volcity.activities.models import ServiceRecord, Signup
from volcity.activities.queries_overview import overview_for
from volcity.activities.services.records import record_approve, record_create_from_signup
from volcity.activities.tests.factories import (
    activity_make,
    new_volunteer,
    shift_make,
    team_led_by,
)
from volcity.core.errors import NotFound, PermissionDenied

pytestmark = pytest.mark.django_db


def _record(signup: Signup, actor) -> ServiceRecord:
    record = record_create_from_signup(signup=signup, actor=actor)
    assert record is not None
    return record


def _served(people, city, *, village: str, minutes_ago: int = 200) -> Signup:
    """A volunteer who served three hours today in ``village`` and checked out."""
    team = team_led_by(people["team_leader"], people["town_admin"], city["town1"].code)
    activity = activity_make(team, people["team_leader"], region_id=city[village].code)
    start = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    shift = shift_make(activity, starts_at=start, hours=3)
    return Signup.objects.create(
        shift=shift,
        volunteer=new_volunteer(city["village11"].code),
        status="confirmed",
        checked_in_at=start,
        checked_out_at=start + datetime.timedelta(hours=3),
    )


def test_town_admin_sees_town_hours_and_each_village(people, city):
    signup = _served(people, city, village="village11")
    record = _record(signup, people["team_leader"])
    record_approve(actor=people["town_admin"], record=record)
    pending = _record(_served(people, city, village="village12"), people["team_leader"])

    o = overview_for(people["town_admin"])

    assert o.region.code == city["town1"].code
    assert (o.totals.minutes_approved, o.totals.records_approved) == (180, 1)
    assert (o.totals.minutes_pending, o.totals.records_pending) == (pending.minutes, 1)
    by_code = {c.code: c for c in o.children}
    assert by_code[city["village11"].code].minutes_approved == 180
    assert by_code[city["village12"].code].minutes_pending == pending.minutes
    assert by_code[city["village12"].code].minutes_approved == 0


def test_today_counts_shifts_places_and_who_is_checked_in_now(people, city):
    signup = _served(people, city, village="village11", minutes_ago=30)
    Signup.objects.filter(pk=signup.pk).update(checked_out_at=None)

    o = overview_for(people["town_admin"])

    assert o.today.shifts == 1
    assert o.today.capacity == 10
    assert o.today.checked_in_now == 1
    assert overview_for(people["other_town_admin"]).today.checked_in_now == 0


def test_drill_down_is_limited_to_the_admins_regions(people, city):
    assert overview_for(people["city_admin"], city["town1"].code).region.code == city["town1"].code
    with pytest.raises(NotFound):
        overview_for(people["other_town_admin"], city["town1"].code)
    with pytest.raises(PermissionDenied):
        overview_for(people["volunteer"])


def test_overview_page_reads_a_fixed_number_of_queries(
    people, city, client_as, django_assert_max_num_queries
):
    for _ in range(3):
        signup = _served(people, city, village="village11")
        record_create_from_signup(signup=signup, actor=people["team_leader"])
    client = client_as("town_admin")
    with django_assert_max_num_queries(14):
        page = client.get(reverse("activities:overview"))
    assert page.status_code == 200
    html = page.content.decode()
    assert city["village11"].name in html
    assert 'data-testid="overview-regions"' in html


def test_overview_api_gives_hours_in_hours(people, city, client_as):
    signup = _served(people, city, village="village11")
    record = _record(signup, people["team_leader"])
    record_approve(actor=people["town_admin"], record=record)
    body = client_as("town_admin").get("/api/v1/activities/overview").json()
    assert body["region"]["hours_approved"] == 3.0
    assert body["region"]["code"] == city["town1"].code
