"""Corrections of service records: asked by the volunteer, reviewed, audited, totals kept."""

from __future__ import annotations

import datetime

import pytest

from volcity.activities.errors import NotAllowed, RecordLocked
from volcity.activities.errors_records import (
    MinutesOutOfRange,
    NothingToCorrect,
    NotYourRecord,
    OwnRecord,
)
from volcity.activities.models import HourTotal, RecordCorrection
from volcity.activities.services.corrections import (
    correction_accept,
    correction_reject,
    correction_request,
)
from volcity.activities.services.records import record_approve, record_decline
from volcity.activities.tests.factories import new_volunteer, volunteer_for
from volcity.activities.tests.factories_records import NOW, assert_totals_match, entered, stage
from volcity.audit.models import AuditEntry
from volcity.core.lifecycle import ReasonRequired, TransitionNotAllowed, status_history

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def s(people, city):
    return stage(people, city)


def totals(volunteer) -> tuple[int, int, int, int]:
    t = HourTotal.objects.get(kind=HourTotal.Kind.VOLUNTEER, ref=volunteer.pk)
    return (t.minutes_approved, t.records_approved, t.minutes_pending, t.records_pending)


def test_an_accepted_correction_changes_an_approved_record_with_an_audit_of_before_and_after(s):
    record = entered(s, minutes=120)
    record_approve(actor=s.leader, record=record)
    correction = correction_request(
        volunteer=s.volunteer,
        record=record,
        minutes=180,
        served_on=datetime.date(2026, 11, 18),
        reason="签退忘了",
    )
    assert totals(s.volunteer) == (120, 1, 0, 0)
    done = correction_accept(actor=s.admin, correction=correction)
    assert done.status == "accepted" and done.reviewed_by == s.admin
    record.refresh_from_db()
    assert (record.minutes, record.served_on) == (180, datetime.date(2026, 11, 18))
    assert totals(s.volunteer) == (180, 1, 0, 0)
    audit = AuditEntry.objects.get(action="activities.record.corrected")
    assert audit.changes["before"] == {"minutes": 120, "served_on": "2026-11-19"}
    assert audit.changes["after"] == {"minutes": 180, "served_on": "2026-11-18"}
    assert_totals_match()


def test_a_correction_of_a_pending_record_moves_the_pending_side(s):
    record = entered(s, minutes=120)
    correction = correction_request(volunteer=s.volunteer, record=record, minutes=60, reason="多算")
    correction_accept(actor=s.leader, correction=correction)
    assert totals(s.volunteer) == (0, 0, 60, 1)
    record.refresh_from_db()
    assert record.status == "pending"
    assert_totals_match()


def test_a_declined_record_is_reinstated_as_approved_by_an_accepted_correction(s):
    record = entered(s, minutes=120)
    record_decline(actor=s.leader, record=record, reason="没有签到")
    correction = correction_request(
        volunteer=s.volunteer, record=record, content="我在现场，有照片", reason="我去了"
    )
    correction_accept(actor=s.leader, correction=correction)
    record.refresh_from_db()
    assert (record.status, record.content) == ("approved", "我在现场，有照片")
    assert totals(s.volunteer) == (120, 1, 0, 0)
    assert [e.action for e in status_history(record)] == ["decline", "reinstate"]
    assert_totals_match()


def test_only_one_correction_waits_per_record(s):
    record = entered(s)
    correction_request(volunteer=s.volunteer, record=record, minutes=60, reason="一")
    with pytest.raises(RecordLocked) as caught:
        correction_request(volunteer=s.volunteer, record=record, minutes=90, reason="二")
    assert caught.value.code == "record_locked"
    assert RecordCorrection.objects.count() == 1


def test_nobody_asks_to_correct_someone_elses_record(s, city):
    record = entered(s)
    stranger = new_volunteer(city["village11"].code)
    with pytest.raises(NotYourRecord) as caught:
        correction_request(volunteer=stranger, record=record, minutes=60, reason="改")
    assert (caught.value.code, caught.value.status) == ("not_your_record", 403)
    assert not RecordCorrection.objects.exists()


def test_a_correction_needs_a_reason_a_change_and_valid_minutes(s):
    record = entered(s, minutes=120)
    with pytest.raises(ReasonRequired):
        correction_request(volunteer=s.volunteer, record=record, minutes=60, reason=" ")
    with pytest.raises(NothingToCorrect):
        correction_request(volunteer=s.volunteer, record=record, minutes=120, reason="同")
    with pytest.raises(MinutesOutOfRange):
        correction_request(volunteer=s.volunteer, record=record, minutes=2000, reason="多")
    assert not RecordCorrection.objects.exists()


def test_a_rejected_correction_leaves_the_record_as_it_was(s):
    record = entered(s, minutes=120)
    correction = correction_request(volunteer=s.volunteer, record=record, minutes=60, reason="改")
    with pytest.raises(ReasonRequired):
        correction_reject(actor=s.leader, correction=correction, reason="")
    done = correction_reject(actor=s.leader, correction=correction, reason="记录无误")
    assert done.status == "rejected"
    record.refresh_from_db()
    assert record.minutes == 120 and totals(s.volunteer) == (0, 0, 120, 1)
    with pytest.raises(TransitionNotAllowed):
        correction_accept(actor=s.leader, correction=correction)
    # A new request can be made once the first is decided.
    correction_request(volunteer=s.volunteer, record=record, minutes=90, reason="再改")


def test_corrections_are_reviewed_in_scope_and_never_by_the_volunteer(s, people):
    own = volunteer_for(s.leader, "370781001001")
    record = entered(s, volunteer=own, actor=s.admin)
    correction = correction_request(volunteer=own, record=record, minutes=30, reason="改")
    with pytest.raises(OwnRecord):
        correction_accept(actor=s.leader, correction=correction)
    with pytest.raises(NotAllowed):
        correction_accept(actor=people["other_town_admin"], correction=correction)
    correction.refresh_from_db()
    assert correction.status == "pending"
    correction_accept(actor=s.admin, correction=correction)
    assert_totals_match()
