"""Working days and the entry deadline of service records."""

from __future__ import annotations

import datetime

from volcity.activities.workdays import (
    add_working_days,
    entry_deadline,
    is_working_day,
    working_days_between,
)

D = datetime.date


def test_weekends_are_not_working_days(settings):
    settings.VOLCITY_HOLIDAYS = []
    assert is_working_day(D(2026, 11, 20))  # Friday
    assert not is_working_day(D(2026, 11, 21)) and not is_working_day(D(2026, 11, 22))


def test_the_deadline_is_the_tenth_working_day_after_the_service(settings):
    settings.VOLCITY_HOLIDAYS = []
    assert entry_deadline(D(2026, 11, 6)) == D(2026, 11, 20)
    # Served on a Saturday: ten working days start on Monday.
    assert entry_deadline(D(2026, 11, 7)) == D(2026, 11, 20)


def test_holidays_push_the_deadline_back(settings):
    settings.VOLCITY_HOLIDAYS = ["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06"]
    assert entry_deadline(D(2026, 9, 30)) == D(2026, 10, 20)


def test_the_number_of_working_days_is_a_setting(settings):
    settings.VOLCITY_HOLIDAYS = []
    settings.VOLCITY_RECORD_ENTRY_WORKING_DAYS = 3
    assert entry_deadline(D(2026, 11, 6)) == D(2026, 11, 11)


def test_counting_and_adding_working_days_agree(settings):
    settings.VOLCITY_HOLIDAYS = ["2026-11-11"]
    start = D(2026, 11, 2)
    for n in range(0, 25):
        assert working_days_between(start, add_working_days(start, n)) == n
    assert working_days_between(D(2026, 11, 20), D(2026, 11, 20)) == 0
