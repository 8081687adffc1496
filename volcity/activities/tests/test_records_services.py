"""Entering, approving and declining service records: the rules, the scope, the totals."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from volcity.accounts.sms import OutboxSmsBackend
from volcity.activities.errors import EntryPeriodOver, HoursOverShift, NotAllowed
from volcity.activities.errors_records import (
    DateInFuture,
    MinutesOutOfRange,
    NotAMember,
    OwnRecord,
    RecordExists,
    WrongActivity,
)
from volcity.activities.models import HourTotal, ServiceRecord
from volcity.activities.services.records import (
    record_approve,
    record_decline,
    record_enter,
    record_report_self,
    records_approve_many,
)
from volcity.activities.tests.factories import (
    activity_make,
    member_of,
    shift_make,
    team_led_by,
    volunteer_for,
)
from volcity.activities.tests.factories_records import (
    NOW,
    TODAY,
    assert_totals_match,
    entered,
    stage,
)
from volcity.audit.models import AuditEntry
from volcity.core.errors import NotFound
from volcity.core.lifecycle import ReasonRequired, TransitionNotAllowed
from volcity.registry.errors import VolunteerNotActive
from volcity.registry.services import volunteer_suspend

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def s(people, city):
    return stage(people, city)


def volunteer_total(volunteer) -> HourTotal:
    return HourTotal.objects.get(kind=HourTotal.Kind.VOLUNTEER, ref=volunteer.pk)


def test_a_leader_enters_a_pending_record_counted_as_pending(s):
    record = entered(s, minutes=150)
    assert (record.status, record.source, record.minutes) == ("pending", "leader", 150)
    assert record.title == s.activity.title and record.place == s.activity.address
    assert record.region_id == s.activity.region_id and record.recorded_by == s.leader
    total = volunteer_total(s.volunteer)
    assert (total.minutes_pending, total.records_pending, total.minutes_approved) == (150, 1, 0)
    assert AuditEntry.objects.filter(action="activities.record.entered").count() == 1
    assert_totals_match()


def test_entry_on_the_tenth_working_day_is_accepted(s):
    record = entered(s, served_on=datetime.date(2026, 11, 6))
    assert record.served_on == datetime.date(2026, 11, 6)


def test_entry_after_ten_working_days_is_refused_and_names_the_days(s):
    with pytest.raises(EntryPeriodOver) as caught:
        entered(s, served_on=datetime.date(2026, 11, 5))
    assert caught.value.code == "entry_period_over"
    assert "10" in str(caught.value.message) and "served_on" in caught.value.fields
    assert not ServiceRecord.objects.exists() and not HourTotal.objects.exists()


def test_a_holiday_extends_the_entry_period(s, settings):
    settings.VOLCITY_HOLIDAYS = ["2026-11-10"]
    record = entered(s, served_on=datetime.date(2026, 11, 5))
    assert record.pk is not None


@time_machine.travel(datetime.datetime(2026, 11, 23, 2, 0, tzinfo=datetime.UTC), tick=False)
def test_the_entry_period_ends_one_working_day_later_over_a_holiday(s, settings):
    served = datetime.date(2026, 11, 6)
    with pytest.raises(EntryPeriodOver):
        entered(s, served_on=served)
    settings.VOLCITY_HOLIDAYS = ["2026-11-11"]
    assert entered(s, served_on=served).pk is not None


def test_hours_longer_than_the_shift_are_refused(s):
    start = datetime.datetime(2026, 11, 19, 1, 0, tzinfo=datetime.UTC)
    shift = shift_make(s.activity, starts_at=start, hours=2)
    with pytest.raises(HoursOverShift) as caught:
        record_enter(
            actor=s.leader,
            volunteer=s.volunteer,
            team=s.team,
            served_on=datetime.date(2026, 11, 19),
            minutes=121,
            content="",
            place="",
            title="",
            shift=shift,
        )
    assert caught.value.code == "hours_over_shift" and "minutes" in caught.value.fields
    assert not ServiceRecord.objects.exists()
    record = record_enter(
        actor=s.leader,
        volunteer=s.volunteer,
        team=s.team,
        served_on=datetime.date(2026, 11, 19),
        minutes=120,
        content="",
        place="",
        title="",
        shift=shift,
    )
    assert record.activity == s.activity and record.started_at == start
    with pytest.raises(RecordExists):
        record_enter(
            actor=s.leader,
            volunteer=s.volunteer,
            team=s.team,
            served_on=datetime.date(2026, 11, 19),
            minutes=60,
            content="",
            place="",
            title="",
            shift=shift,
        )
    assert ServiceRecord.objects.count() == 1


@pytest.mark.parametrize("minutes", [0, -5, 1441])
def test_minutes_outside_one_to_1440_are_refused(s, minutes):
    with pytest.raises(MinutesOutOfRange) as caught:
        entered(s, minutes=minutes)
    assert caught.value.fields.keys() == {"minutes"}
    assert not ServiceRecord.objects.exists()


def test_a_day_in_the_future_is_refused(s):
    with pytest.raises(DateInFuture):
        entered(s, served_on=TODAY + DAY)
    assert not ServiceRecord.objects.exists()


def test_a_suspended_volunteer_gets_no_new_record(s):
    volunteer_suspend(actor=s.admin, volunteer=s.volunteer, reason="测试")
    with pytest.raises(VolunteerNotActive):
        entered(s)
    assert not ServiceRecord.objects.exists()


def test_someone_outside_the_team_and_region_cannot_enter(s, people):
    with pytest.raises(NotAllowed):
        entered(s, actor=people["other_town_admin"])
    with pytest.raises(NotAllowed):
        entered(s, actor=people["volunteer"])
    assert not ServiceRecord.objects.exists()


def test_an_activity_of_another_team_is_refused(s, people, city):
    other_team = team_led_by(people["town_admin"], people["city_admin"], city["town1"].code)
    other = activity_make(other_team, people["town_admin"])
    with pytest.raises(WrongActivity):
        entered(s, activity=other)


def test_approving_moves_minutes_from_pending_to_approved(s):
    record = entered(s, minutes=90)
    record_approve(actor=s.admin, record=record)
    record.refresh_from_db()
    assert (record.status, record.decided_by) == ("approved", s.admin)
    total = volunteer_total(s.volunteer)
    assert (total.minutes_approved, total.records_approved) == (90, 1)
    assert (total.minutes_pending, total.records_pending) == (0, 0)
    assert_totals_match()


def test_approving_twice_is_refused_and_counts_once(s):
    record = entered(s, minutes=90)
    record_approve(actor=s.leader, record=record)
    with pytest.raises(TransitionNotAllowed):
        record_approve(actor=s.admin, record=record)
    assert volunteer_total(s.volunteer).minutes_approved == 90
    assert_totals_match()


def test_nobody_decides_their_own_record(s, people):
    own = volunteer_for(s.leader, "370781001001")
    record = entered(s, volunteer=own, actor=s.admin)
    with pytest.raises(OwnRecord) as caught:
        record_approve(actor=s.leader, record=record)
    assert caught.value.status == 403
    with pytest.raises(OwnRecord):
        record_decline(actor=s.leader, record=record, reason="不")
    record.refresh_from_db()
    assert record.status == "pending"


def test_deciding_outside_ones_scope_is_refused(s, people):
    record = entered(s)
    for outsider in ("other_town_admin", "dispatcher", "volunteer"):
        with pytest.raises(NotAllowed):
            record_approve(actor=people[outsider], record=record)
    record.refresh_from_db()
    assert record.status == "pending"
    assert volunteer_total(s.volunteer).minutes_approved == 0


def test_declining_needs_a_reason_keeps_the_record_and_tells_the_volunteer(
    s, django_capture_on_commit_callbacks
):
    record = entered(s, minutes=60)
    with pytest.raises(ReasonRequired):
        record_decline(actor=s.leader, record=record, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        record_decline(actor=s.leader, record=record, reason="当天未到场")
    record.refresh_from_db()
    assert (record.status, record.decline_reason) == ("declined", "当天未到场")
    total = volunteer_total(s.volunteer)
    assert (total.minutes_pending, total.records_pending, total.minutes_approved) == (0, 0, 0)
    assert ServiceRecord.objects.filter(pk=record.pk).exists()
    assert any("当天未到场" in m.text for m in OutboxSmsBackend.outbox)
    with pytest.raises(TransitionNotAllowed):
        record_approve(actor=s.leader, record=record)
    assert_totals_match()


def test_bulk_approval_approves_all_in_one_go(s):
    records = [entered(s, minutes=30 + n) for n in range(3)]
    done = records_approve_many(actor=s.leader, record_ids=[r.pk for r in records])
    assert sorted(r.pk for r in done) == sorted(r.pk for r in records)
    assert volunteer_total(s.volunteer).minutes_approved == 30 + 31 + 32
    assert_totals_match()


def test_bulk_approval_approves_none_when_one_is_refused(s, people):
    mine = entered(s)
    own = volunteer_for(s.leader, "370781001001")
    theirs = entered(s, volunteer=own, actor=s.admin)
    with pytest.raises(OwnRecord):
        records_approve_many(actor=s.leader, record_ids=[mine.pk, theirs.pk])
    assert not ServiceRecord.objects.filter(status="approved").exists()
    with pytest.raises(NotFound):
        records_approve_many(actor=s.leader, record_ids=[mine.pk, 999999])
    record_approve(actor=s.leader, record=mine)
    with pytest.raises(TransitionNotAllowed):
        records_approve_many(actor=s.admin, record_ids=[mine.pk, theirs.pk])
    theirs.refresh_from_db()
    assert theirs.status == "pending"
    assert_totals_match()


def test_a_member_reports_their_own_hours_for_approval(s):
    with pytest.raises(NotAMember):
        record_report_self(
            volunteer=s.volunteer,
            team=s.team,
            served_on=TODAY - DAY,
            minutes=60,
            title="清扫街道",
            place="偶园街",
        )
    member_of(s.team, s.volunteer)
    record = record_report_self(
        volunteer=s.volunteer,
        team=s.team,
        served_on=TODAY - DAY,
        minutes=60,
        title="清扫街道",
        place="偶园街",
    )
    assert (record.status, record.source, record.flagged) == ("pending", "self", True)
    assert volunteer_total(s.volunteer).minutes_pending == 60
    record_approve(actor=s.leader, record=record)
    assert volunteer_total(s.volunteer).minutes_approved == 60
    assert_totals_match()
