"""Signing up: every rule of ``signup_create``, each refusal with its code and field, and
nothing saved when refused."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.utils import timezone, translation

from volcity.activities.errors import (
    ActivityNotOpen,
    AlreadySignedUp,
    MissingSkill,
    OutsideAgeLimit,
    OutsideAudience,
    OverlappingShift,
    PartyTooLarge,
    RiskNotAccepted,
    ShiftOver,
)
from volcity.activities.errors_signups import GuardianRequired, VolunteerNotActive
from volcity.activities.models import Signup
from volcity.activities.services.signups import signup_cancel, signup_create
from volcity.activities.tests.factories import new_volunteer, shift_make
from volcity.activities.tests.factories_signups import assert_counters, born_years_ago, world
from volcity.audit.models import AuditEntry
from volcity.core.errors import DomainError
from volcity.core.models import StatusEvent
from volcity.registry.models import Skill, Volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _messages_in_english():
    """These tests read the messages' English source text (the Chinese is checked by the
    translation tests)."""
    with translation.override("en"):
        yield


def _refused(exc_type: type[DomainError], field: str, call: Any, shift: Any) -> DomainError:
    """Run ``call``, expect ``exc_type`` naming ``field``, and check nothing was saved."""
    before = (
        Signup.objects.count(),
        AuditEntry.objects.filter(action__startswith="activities.signup").count(),
    )
    with pytest.raises(exc_type) as info:
        call()
    assert field in info.value.fields, info.value.fields
    after = (
        Signup.objects.count(),
        AuditEntry.objects.filter(action__startswith="activities.signup").count(),
    )
    assert after == before
    assert_counters(shift)
    return info.value


def test_signup_is_confirmed_while_seats_remain(people: Any, city: Any) -> None:
    w = world(people, city)
    v = new_volunteer(city["village11"].code)
    signup = signup_create(volunteer=v, shift=w.shift)
    assert signup.status == Signup.Status.CONFIRMED
    assert signup.queued_at is None
    assert AuditEntry.objects.filter(action="activities.signup.created").count() == 1
    assert_counters(w.shift)
    assert w.shift.seats_taken == 1


def test_signing_up_twice_is_refused(people: Any, city: Any) -> None:
    w = world(people, city)
    v = new_volunteer(city["village11"].code)
    signup_create(volunteer=v, shift=w.shift)
    err = _refused(
        AlreadySignedUp, "shift", lambda: signup_create(volunteer=v, shift=w.shift), w.shift
    )
    assert err.code == "already_signed_up"
    assert w.shift.seats_taken == 1


def test_full_shift_puts_the_volunteer_on_the_wait_list(people: Any, city: Any) -> None:
    w = world(people, city)
    shift = shift_make(
        w.activity, capacity=1, starts_at=w.shift.starts_at + datetime.timedelta(days=1)
    )
    first = signup_create(volunteer=new_volunteer(city["village11"].code), shift=shift)
    second = signup_create(volunteer=new_volunteer(city["village11"].code), shift=shift)
    assert first.status == Signup.Status.CONFIRMED
    assert second.status == Signup.Status.WAITLISTED
    assert second.queued_at is not None
    assert_counters(shift)
    assert (shift.seats_taken, shift.seats_waiting) == (1, 1)


def test_closed_recruitment_is_refused(people: Any, city: Any) -> None:
    w = world(people, city, recruiting=False)
    v = new_volunteer(city["village11"].code)
    err = _refused(
        ActivityNotOpen, "shift", lambda: signup_create(volunteer=v, shift=w.shift), w.shift
    )
    assert err.code == "activity_not_open"


def test_draft_activity_is_refused(people: Any, city: Any) -> None:
    w = world(people, city, status="draft")
    v = new_volunteer(city["village11"].code)
    _refused(ActivityNotOpen, "shift", lambda: signup_create(volunteer=v, shift=w.shift), w.shift)


def test_cancelled_shift_is_refused(people: Any, city: Any) -> None:
    w = world(people, city)
    w.shift.cancelled = True
    w.shift.save()
    v = new_volunteer(city["village11"].code)
    _refused(ActivityNotOpen, "shift", lambda: signup_create(volunteer=v, shift=w.shift), w.shift)


def test_started_and_ended_shifts_are_refused(people: Any, city: Any) -> None:
    w = world(people, city)
    v = new_volunteer(city["village11"].code)
    with time_machine.travel(w.shift.starts_at + datetime.timedelta(minutes=5)):
        err = _refused(
            ShiftOver, "shift", lambda: signup_create(volunteer=v, shift=w.shift), w.shift
        )
        assert "started" in str(err.message)
    with time_machine.travel(w.shift.ends_at + datetime.timedelta(minutes=5)):
        err = _refused(
            ShiftOver, "shift", lambda: signup_create(volunteer=v, shift=w.shift), w.shift
        )
        assert err.code == "shift_over"


def test_suspended_volunteer_is_refused(people: Any, city: Any) -> None:
    w = world(people, city)
    v = new_volunteer(city["village11"].code)
    Volunteer.objects.filter(pk=v.pk).update(status=Volunteer.Status.SUSPENDED)
    err = _refused(
        VolunteerNotActive, "volunteer", lambda: signup_create(volunteer=v, shift=w.shift), w.shift
    )
    assert err.code == "volunteer_not_active"


def test_audience_region_admits_residents_below_it_only(people: Any, city: Any) -> None:
    w = world(people, city, audience_region=city["town1"])
    inside = new_volunteer(city["village12"].code)
    outside = new_volunteer(city["village21"].code)
    assert signup_create(volunteer=inside, shift=w.shift).status == "confirmed"
    err = _refused(
        OutsideAudience,
        "volunteer",
        lambda: signup_create(volunteer=outside, shift=w.shift),
        w.shift,
    )
    assert err.code == "outside_audience"


def test_volunteer_under_the_minimum_age_is_refused(people: Any, city: Any) -> None:
    w = world(people, city, min_age=18)
    v = new_volunteer(city["village11"].code)
    born_years_ago(v.user, 16, w.shift)
    err = _refused(
        OutsideAgeLimit, "volunteer", lambda: signup_create(volunteer=v, shift=w.shift), w.shift
    )
    assert err.code == "outside_age_limit"
    assert "16" in str(err.message)


def test_volunteer_over_the_maximum_age_is_refused(people: Any, city: Any) -> None:
    w = world(people, city, max_age=65)
    v = new_volunteer(city["village11"].code)
    born_years_ago(v.user, 70, w.shift)
    _refused(
        OutsideAgeLimit, "volunteer", lambda: signup_create(volunteer=v, shift=w.shift), w.shift
    )


def test_age_is_taken_on_the_day_of_the_shift(people: Any, city: Any) -> None:
    w = world(people, city, min_age=18)
    v = new_volunteer(city["village11"].code)
    day = timezone.localtime(w.shift.starts_at).date()
    # 18 on the day of the shift (the birthday is that very day), 17 today.
    v.user.birth_date = day.replace(year=day.year - 18)
    v.user.save()
    assert signup_create(volunteer=v, shift=w.shift).status == "confirmed"


def test_age_limit_without_a_birth_date_is_refused(people: Any, city: Any) -> None:
    w = world(people, city, min_age=18)
    v = new_volunteer(city["village11"].code)
    v.user.birth_date = None
    v.user.save()
    _refused(
        OutsideAgeLimit, "volunteer", lambda: signup_create(volunteer=v, shift=w.shift), w.shift
    )


def test_missing_required_skill_is_refused_and_named(people: Any, city: Any) -> None:
    w = world(people, city)
    w.activity.required_skills.add(Skill.objects.get(code="driving"))
    v = new_volunteer(city["village11"].code)  # has first aid only
    err = _refused(
        MissingSkill, "skills", lambda: signup_create(volunteer=v, shift=w.shift), w.shift
    )
    assert "驾驶" in str(err.message) or "Driving" in str(err.message)


def test_registered_skill_is_accepted(people: Any, city: Any) -> None:
    w = world(people, city)
    w.activity.required_skills.add(Skill.objects.get(code="first_aid"))
    v = new_volunteer(city["village11"].code)
    assert signup_create(volunteer=v, shift=w.shift).status == "confirmed"


def test_risks_not_accepted_are_refused(people: Any, city: Any) -> None:
    w = world(people, city, risk_disclosure="河边巡查，注意落水风险", insured=True)
    v = new_volunteer(city["village11"].code)
    err = _refused(
        RiskNotAccepted, "accept_risk", lambda: signup_create(volunteer=v, shift=w.shift), w.shift
    )
    assert err.code == "risk_not_accepted"
    signup = signup_create(volunteer=v, shift=w.shift, accept_risk=True)
    assert signup.risk_accepted_at is not None


def test_no_risk_means_no_acceptance_recorded(people: Any, city: Any) -> None:
    w = world(people, city)
    signup = signup_create(
        volunteer=new_volunteer(city["village11"].code), shift=w.shift, accept_risk=True
    )
    assert signup.risk_accepted_at is None


def test_party_larger_than_the_activity_allows_is_refused(people: Any, city: Any) -> None:
    w = world(people, city, max_party_size=3)
    v = new_volunteer(city["village11"].code)
    err = _refused(
        PartyTooLarge,
        "party_size",
        lambda: signup_create(volunteer=v, shift=w.shift, party_size=4),
        w.shift,
    )
    assert err.code == "party_too_large"
    assert "3" in str(err.message)
    signup = signup_create(volunteer=v, shift=w.shift, party_size=3)
    assert signup.party_size == 3
    assert_counters(w.shift)
    assert w.shift.seats_taken == 3


def test_party_larger_than_the_shift_is_refused_rather_than_queued_forever(
    people: Any, city: Any
) -> None:
    w = world(people, city, max_party_size=5)
    shift = shift_make(
        w.activity, capacity=2, starts_at=w.shift.starts_at + datetime.timedelta(days=1)
    )
    v = new_volunteer(city["village11"].code)
    _refused(
        PartyTooLarge,
        "party_size",
        lambda: signup_create(volunteer=v, shift=shift, party_size=3),
        shift,
    )


def test_zero_party_is_refused(people: Any, city: Any) -> None:
    w = world(people, city)
    v = new_volunteer(city["village11"].code)
    _refused(
        PartyTooLarge,
        "party_size",
        lambda: signup_create(volunteer=v, shift=w.shift, party_size=0),
        w.shift,
    )


def test_child_under_ten_needs_a_guardian_present(people: Any, city: Any) -> None:
    w = world(people, city)
    v = new_volunteer(city["village11"].code)
    born_years_ago(v.user, 9, w.shift)
    err = _refused(
        GuardianRequired,
        "guardian_present",
        lambda: signup_create(volunteer=v, shift=w.shift),
        w.shift,
    )
    assert err.code == "guardian_required"
    signup = signup_create(volunteer=v, shift=w.shift, guardian_present=True)
    assert signup.guardian_present is True


def test_overlapping_shift_of_the_same_volunteer_is_refused(people: Any, city: Any) -> None:
    w = world(people, city)
    other = shift_make(w.activity, starts_at=w.shift.starts_at + datetime.timedelta(hours=2))
    v = new_volunteer(city["village11"].code)
    signup_create(volunteer=v, shift=w.shift)
    err = _refused(
        OverlappingShift, "shift", lambda: signup_create(volunteer=v, shift=other), other
    )
    assert err.code == "overlapping_shift"


def test_back_to_back_shifts_do_not_overlap(people: Any, city: Any) -> None:
    w = world(people, city)
    after = shift_make(w.activity, starts_at=w.shift.ends_at)
    v = new_volunteer(city["village11"].code)
    signup_create(volunteer=v, shift=w.shift)
    assert signup_create(volunteer=v, shift=after).status == "confirmed"


def test_wait_list_place_also_blocks_an_overlapping_shift(people: Any, city: Any) -> None:
    w = world(people, city)
    full = shift_make(
        w.activity, capacity=1, starts_at=w.shift.starts_at + datetime.timedelta(hours=1)
    )
    signup_create(volunteer=new_volunteer(city["village11"].code), shift=full)
    v = new_volunteer(city["village11"].code)
    assert signup_create(volunteer=v, shift=full).status == "waitlisted"
    _refused(OverlappingShift, "shift", lambda: signup_create(volunteer=v, shift=w.shift), w.shift)


def test_cancelled_sign_up_is_reused_when_the_volunteer_comes_back(people: Any, city: Any) -> None:
    w = world(people, city)
    v = new_volunteer(city["village11"].code)
    first = signup_create(volunteer=v, shift=w.shift)
    signup_cancel(volunteer=v, signup=first)
    again = signup_create(volunteer=v, shift=w.shift)
    assert again.pk == first.pk
    assert again.status == "confirmed"
    assert again.cancelled_at is None
    assert StatusEvent.objects.filter(object_id=str(first.pk), action="rejoin").exists()
    assert Signup.objects.filter(shift=w.shift).count() == 1
    assert_counters(w.shift)


def test_cancelled_sign_up_rejoins_the_wait_list_of_a_full_shift(people: Any, city: Any) -> None:
    w = world(people, city)
    shift = shift_make(
        w.activity, capacity=1, starts_at=w.shift.starts_at + datetime.timedelta(days=1)
    )
    v = new_volunteer(city["village11"].code)
    mine = signup_create(volunteer=v, shift=shift)
    signup_cancel(volunteer=v, signup=mine)
    signup_create(volunteer=new_volunteer(city["village11"].code), shift=shift)
    again = signup_create(volunteer=v, shift=shift)
    assert again.pk == mine.pk
    assert again.status == "waitlisted"
    assert again.queued_at is not None
    assert StatusEvent.objects.filter(object_id=str(mine.pk), action="rejoin_waitlist").exists()
    assert_counters(shift)
