"""Weekly repeats: city time (Asia/Shanghai, no daylight saving), edges, limits."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest

from volcity.activities.recurrence import MAX_SHIFTS, WeeklyRecurrence, recurrence_expand
from volcity.core.errors import DomainError

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def rule(**overrides: object) -> WeeklyRecurrence:
    values: dict[str, object] = {
        "weekdays": [1, 5],  # Tuesday, Saturday
        "start": datetime.date(2027, 3, 1),
        "until": datetime.date(2027, 3, 31),
        "start_time": datetime.time(9),
        "end_time": datetime.time(11, 30),
        "capacity": 8,
    }
    values.update(overrides)
    return WeeklyRecurrence(**values)  # type: ignore[arg-type]


def test_every_chosen_weekday_between_the_dates_inclusive() -> None:
    shifts = recurrence_expand(rule(), tz=SHANGHAI)
    days = [s.starts_at.astimezone(SHANGHAI).date() for s in shifts]
    assert days[0] == datetime.date(2027, 3, 2)
    assert days[-1] == datetime.date(2027, 3, 30)
    assert {d.weekday() for d in days} == {1, 5}
    assert len(shifts) == 9
    assert all(s.capacity == 8 for s in shifts)


def test_wall_clock_times_hold_across_the_spring_when_other_zones_shift() -> None:
    """Shanghai has no daylight saving: 09:00 is 01:00 UTC in January and in July alike."""
    shifts = recurrence_expand(
        rule(weekdays=[0], start=datetime.date(2027, 1, 1), until=datetime.date(2027, 7, 31)),
        tz=SHANGHAI,
    )
    assert {s.starts_at.astimezone(datetime.UTC).hour for s in shifts} == {1}
    assert {(s.ends_at - s.starts_at) for s in shifts} == {datetime.timedelta(hours=2, minutes=30)}


def test_first_and_last_day_count_when_they_are_chosen_weekdays() -> None:
    day = datetime.date(2027, 3, 2)  # a Tuesday
    shifts = recurrence_expand(rule(weekdays=[1], start=day, until=day), tz=SHANGHAI)
    assert len(shifts) == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"until": datetime.date(2027, 2, 27)}, "until"),
        ({"weekdays": []}, "weekdays"),
        ({"weekdays": [7]}, "weekdays"),
        ({"end_time": datetime.time(9)}, "end_time"),
        ({"end_time": datetime.time(8)}, "end_time"),
        ({"capacity": 0}, "capacity"),
        ({"start": None}, "start"),
        ({"start_time": None}, "start_time"),
    ],
)
def test_a_bad_pattern_is_refused_naming_the_field(
    overrides: dict[str, object], field: str
) -> None:
    with pytest.raises(DomainError) as exc:
        recurrence_expand(rule(**overrides), tz=SHANGHAI)
    assert exc.value.code == "recurrence_invalid"
    assert field in exc.value.fields


def test_no_chosen_weekday_in_the_range_is_refused() -> None:
    day = datetime.date(2027, 3, 2)  # Tuesday only, but Sunday asked for
    with pytest.raises(DomainError) as exc:
        recurrence_expand(rule(weekdays=[6], start=day, until=day), tz=SHANGHAI)
    assert "weekdays" in exc.value.fields


def test_exactly_the_limit_is_allowed_and_one_more_is_refused_with_the_count() -> None:
    start = datetime.date(2027, 1, 4)  # a Monday
    ok = rule(weekdays=[0], start=start, until=start + datetime.timedelta(weeks=MAX_SHIFTS - 1))
    assert len(recurrence_expand(ok, tz=SHANGHAI)) == MAX_SHIFTS
    too_many = rule(weekdays=[0], start=start, until=start + datetime.timedelta(weeks=MAX_SHIFTS))
    with pytest.raises(DomainError) as exc:
        recurrence_expand(too_many, tz=SHANGHAI)
    assert exc.value.code == "too_many_shifts"
    assert str(MAX_SHIFTS + 1) in str(exc.value.message)


def test_a_pattern_to_the_far_future_is_refused_without_walking_every_day() -> None:
    with pytest.raises(DomainError) as exc:
        recurrence_expand(rule(until=datetime.date(9999, 12, 31)), tz=SHANGHAI)
    assert exc.value.code == "too_many_shifts"


def test_the_pattern_is_remembered_as_json() -> None:
    assert rule().as_json() == {
        "freq": "weekly",
        "weekdays": [1, 5],
        "start": "2027-03-01",
        "until": "2027-03-31",
        "start_time": "09:00",
        "end_time": "11:30",
        "capacity": 8,
    }
