"""Forgotten check-outs are closed at the shift's end and flagged; the housekeeping command
does it (and the no-shows) on a schedule."""

from __future__ import annotations

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command

from volcity.activities.codes import shift_code
from volcity.activities.models import ServiceRecord, Signup
from volcity.activities.services.checkin import checkin_record
from volcity.activities.services.checkin_housekeeping import checkouts_close_forgotten
from volcity.activities.tests.factories_checkin import NEAR, T0, fresh_shift, key, scene

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)
END = T0 + 3 * HOUR  # the test shift runs 3 hours from T0


@pytest.fixture
def s(people, city):
    return scene(people, city)


def checked_in(s, when):
    shift = fresh_shift(s.shift)
    with time_machine.travel(when, tick=False):
        checkin_record(
            volunteer=s.volunteer,
            shift=shift,
            code=shift_code(shift.pk),
            latitude=NEAR[0],
            longitude=NEAR[1],
            idempotency_key=key(),
        )


def housekeeping(now):
    out = io.StringIO()
    with time_machine.travel(now, tick=False):
        call_command("activities_housekeeping", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_a_forgotten_check_out_is_closed_at_the_shift_end_and_flagged(s, settings):
    checked_in(s, T0 + 30 * datetime.timedelta(minutes=1))
    output = housekeeping(END + settings.VOLCITY_AUTO_CHECKOUT_HOURS * HOUR + HOUR)
    assert "forgotten check-outs closed: 1" in output
    signup = Signup.objects.get(pk=s.signup.pk)
    assert (signup.checked_out_at, signup.checkout_auto) == (END, True)
    record = ServiceRecord.objects.get(signup=signup)
    assert (record.minutes, record.flagged, record.source) == (150, True, "auto_checkout")
    assert record.status == "pending"


def test_nothing_is_closed_before_it_is_due(s, settings):
    checked_in(s, T0)
    output = housekeeping(END + settings.VOLCITY_AUTO_CHECKOUT_HOURS * HOUR - HOUR)
    assert "forgotten check-outs closed: 0" in output
    assert Signup.objects.get(pk=s.signup.pk).checked_out_at is None
    assert not ServiceRecord.objects.exists()


def test_hours_of_an_early_check_in_clamp_to_the_shift(s):
    checked_in(s, T0 - 45 * datetime.timedelta(minutes=1))
    closed = checkouts_close_forgotten(now=END + 48 * HOUR)
    assert closed == 1
    assert ServiceRecord.objects.get(signup=s.signup).minutes == 180


def test_closing_again_changes_nothing(s):
    checked_in(s, T0)
    assert checkouts_close_forgotten(now=END + 48 * HOUR) == 1
    assert checkouts_close_forgotten(now=END + 49 * HOUR) == 0
    assert ServiceRecord.objects.filter(signup=s.signup).count() == 1


def test_the_command_marks_no_shows_of_ended_shifts(s, people, city):
    from volcity.activities.tests.factories import new_volunteer
    from volcity.activities.tests.factories_checkin import signup_confirmed

    absent = signup_confirmed(s.shift, new_volunteer(city["village12"].code))
    checked_in(s, T0)
    output = housekeeping(END + HOUR)
    assert "forgotten check-outs closed: 0" in output
    try:
        from volcity.activities.services.signups import signups_mark_no_show  # noqa: F401
    except ImportError:
        assert "no-shows: skipped" in output
        return
    assert "no-shows marked: 1" in output
    assert Signup.objects.get(pk=absent.pk).status == "no_show"
    assert Signup.objects.get(pk=s.signup.pk).status == "confirmed"


def test_the_command_refuses_a_time_it_cannot_read(s):
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("activities_housekeeping", "--now", "yesterday", stdout=io.StringIO())
