"""Activities and shifts through their services: validation field by field, scope, publish,
recruitment, cancel (SMS after commit), shifts and capacity."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from volcity.accounts.sms import OutboxSmsBackend
from volcity.activities.errors import InsuranceRequired
from volcity.activities.models import Activity, Shift, Signup
from volcity.activities.recurrence import WeeklyRecurrence
from volcity.activities.services.activities import (
    activity_cancel,
    activity_create,
    activity_finish,
    activity_publish,
    activity_set_recruiting,
    activity_update,
    shift_add,
    shift_cancel,
    shift_set_capacity,
)
from volcity.activities.services.projects import ProjectIn, project_close, project_create
from volcity.activities.tests.factories import (
    activity_make,
    new_volunteer,
    shift_make,
    team_led_by,
)
from volcity.activities.tests.factories_activities import activity_in, at, shift_spec
from volcity.audit.models import AuditEntry
from volcity.core.errors import DomainError
from volcity.core.lifecycle import TransitionNotAllowed


@pytest.fixture
def team(people: dict[str, Any], city: dict[str, Any]) -> Any:
    return team_led_by(people["team_leader"], people["town_admin"], city["town1"].code)


def _refused(exc: pytest.ExceptionInfo[DomainError], code: str, field: str) -> None:
    assert exc.value.code == code, exc.value.as_dict()
    assert field in exc.value.fields, exc.value.as_dict()


def test_leader_creates_a_draft_activity_with_its_shifts(people: Any, team: Any) -> None:
    data = activity_in(team, shifts=[shift_spec(3), shift_spec(4, capacity=8)])
    activity = activity_create(actor=people["team_leader"], data=data)
    assert activity.status == Activity.Status.DRAFT
    assert activity.lead == people["team_leader"]
    assert [s.capacity for s in activity.shifts.all()] == [5, 8]
    assert AuditEntry.objects.filter(action="activities.activity.created").count() == 1


BAD_FIELDS = [
    ("title", {"title": "  "}),
    ("title", {"title": "长" * 81}),
    ("address", {"address": ""}),
    ("latitude", {"latitude": "abc"}),
    ("latitude", {"latitude": Decimal("60.1")}),
    ("longitude", {"longitude": Decimal("-118.48")}),
    ("longitude", {"longitude": None}),
    ("region", {"region": "999999999999"}),
    ("audience_region", {"audience_region": "999999999999"}),
    ("category", {"category": "no_such"}),
    ("required_skills", {"required_skills": ["no_such_skill"]}),
    ("min_age", {"min_age": -1}),
    ("max_age", {"min_age": 18, "max_age": 16}),
    ("max_party_size", {"max_party_size": 0}),
    ("max_party_size", {"max_party_size": 11}),
    ("project", {"project": 999999}),
    ("contact_phone", {"contact_phone": "1" * 21}),
    ("checkin_radius_m", {"checkin_radius_m": 5}),
]


@pytest.mark.parametrize(("field", "overrides"), BAD_FIELDS)
def test_activity_create_refuses_each_bad_field(
    people: Any, team: Any, field: str, overrides: dict[str, Any]
) -> None:
    with pytest.raises(DomainError) as exc:
        activity_create(actor=people["team_leader"], data=activity_in(team, **overrides))
    _refused(exc, "activity_invalid", field)
    assert not Activity.objects.exists()
    assert not Shift.objects.exists()


def test_error_messages_name_the_field_in_english_and_chinese(people: Any, team: Any) -> None:
    from django.utils import translation

    for lang in ("en", "zh-hans"):
        with translation.override(lang), pytest.raises(DomainError) as exc:
            activity_create(
                actor=people["team_leader"], data=activity_in(team, latitude=Decimal("70"))
            )
        message = exc.value.as_dict()["fields"]["latitude"][0]
        assert message
    # The English text is the source; the message is a lazy translation, not a fixed string.
    assert "China" in str(exc.value.fields["latitude"][0]) or exc.value.fields["latitude"][0]


@pytest.mark.parametrize(
    ("spec_kw", "why"),
    [
        ({"starts_at": at(-1), "ends_at": at(-1, 11)}, "past"),
        ({"starts_at": at(3, 11), "ends_at": at(3, 9)}, "backwards"),
        ({"starts_at": at(3), "ends_at": at(5)}, "over a day"),
        ({"starts_at": at(3), "ends_at": at(3, 11), "capacity": 0}, "no seats"),
    ],
)
def test_activity_create_refuses_bad_shifts(
    people: Any, team: Any, spec_kw: dict[str, Any], why: str
) -> None:
    from volcity.activities.recurrence import ShiftSpec

    spec = ShiftSpec(**{"capacity": 5, **spec_kw})
    with pytest.raises(DomainError) as exc:
        activity_create(actor=people["team_leader"], data=activity_in(team, shifts=[spec]))
    _refused(exc, "activity_invalid", "shifts")
    assert not Activity.objects.exists(), why


def test_inactive_team_is_refused(people: Any, team: Any) -> None:
    from volcity.registry.services import team_suspend

    team_suspend(actor=people["town_admin"], team=team, reason="整顿")
    with pytest.raises(DomainError) as exc:
        activity_create(actor=people["town_admin"], data=activity_in(team))
    _refused(exc, "activity_invalid", "team")


def test_leader_of_another_team_is_not_allowed(people: Any, city: Any, make_user: Any) -> None:
    other_leader = make_user(None, "town1")
    team_led_by(other_leader, people["town_admin"], city["town1"].code)
    team = team_led_by(people["team_leader"], people["town_admin"], city["town1"].code)
    with pytest.raises(DomainError) as exc:
        activity_create(actor=other_leader, data=activity_in(team))
    assert exc.value.code in ("forbidden", "activity_invalid")
    assert not Activity.objects.exists()


def test_region_outside_the_actors_scope_is_refused(people: Any, team: Any, city: Any) -> None:
    with pytest.raises(DomainError) as exc:
        activity_create(
            actor=people["team_leader"],
            data=activity_in(team, region=city["village21"].code),
        )
    _refused(exc, "activity_invalid", "region")


def test_administrator_of_another_town_may_not_create_for_a_team(people: Any, team: Any) -> None:
    with pytest.raises(DomainError) as exc:
        activity_create(actor=people["other_town_admin"], data=activity_in(team))
    assert exc.value.status in (400, 403)
    assert not Activity.objects.exists()


def test_village_administrator_may_hold_a_town_teams_activity_in_their_village(
    people: Any, team: Any, city: Any
) -> None:
    activity = activity_create(
        actor=people["village_admin"], data=activity_in(team, region=city["village11"].code)
    )
    assert activity.region_id == city["village11"].code


def test_weekly_recurrence_makes_the_shifts_in_the_same_transaction(people: Any, team: Any) -> None:
    start = timezone.localdate() + datetime.timedelta(days=1)
    rule = WeeklyRecurrence(
        weekdays=[0, 2, 4],
        start=start,
        until=start + datetime.timedelta(days=27),
        start_time=datetime.time(9),
        end_time=datetime.time(11, 30),
        capacity=6,
    )
    activity = activity_create(
        actor=people["team_leader"], data=activity_in(team, shifts=[], recurrence=rule)
    )
    shifts = list(activity.shifts.all())
    assert len(shifts) == 12
    assert all(s.minutes == 150 for s in shifts)
    assert activity.recurrence["weekdays"] == [0, 2, 4]


def test_too_many_repeated_shifts_are_refused_and_nothing_is_saved(people: Any, team: Any) -> None:
    start = timezone.localdate() + datetime.timedelta(days=1)
    rule = WeeklyRecurrence(
        weekdays=list(range(7)),
        start=start,
        until=start + datetime.timedelta(days=365),
        start_time=datetime.time(9),
        end_time=datetime.time(10),
        capacity=6,
    )
    with pytest.raises(DomainError) as exc:
        activity_create(
            actor=people["team_leader"], data=activity_in(team, shifts=[], recurrence=rule)
        )
    _refused(exc, "too_many_shifts", "until")
    assert "366" in str(exc.value.message)
    assert not Activity.objects.exists()


def test_publish_needs_insurance_when_risks_are_disclosed(people: Any, team: Any) -> None:
    activity = activity_create(
        actor=people["team_leader"], data=activity_in(team, risk_disclosure="河边巡查，有落水风险")
    )
    with pytest.raises(InsuranceRequired) as exc:
        activity_publish(actor=people["team_leader"], activity=activity)
    assert "insured" in exc.value.fields
    activity.refresh_from_db()
    assert activity.status == Activity.Status.DRAFT


def test_database_refuses_a_published_risky_uninsured_activity(people: Any, team: Any) -> None:
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        activity_make(team, people["team_leader"], risk_disclosure="高空", insured=False)


def test_publish_needs_a_shift(people: Any, team: Any) -> None:
    activity = activity_create(actor=people["team_leader"], data=activity_in(team, shifts=[]))
    with pytest.raises(DomainError) as exc:
        activity_publish(actor=people["team_leader"], activity=activity)
    _refused(exc, "no_shifts", "shifts")


def test_publish_then_finish_writes_status_history(people: Any, team: Any) -> None:
    activity = activity_create(
        actor=people["team_leader"],
        data=activity_in(team, risk_disclosure="高温", insured=True),
    )
    activity_publish(actor=people["team_leader"], activity=activity)
    activity_finish(actor=people["team_leader"], activity=activity)
    activity.refresh_from_db()
    assert activity.status == Activity.Status.FINISHED
    assert AuditEntry.objects.filter(action="activities.activity.publish").exists()
    with pytest.raises(TransitionNotAllowed):
        activity_publish(actor=people["team_leader"], activity=activity)


def test_recruitment_can_be_closed_and_opened(people: Any, team: Any) -> None:
    activity = activity_create(actor=people["team_leader"], data=activity_in(team))
    activity_set_recruiting(actor=people["team_leader"], activity=activity, open=False)
    activity.refresh_from_db()
    assert not activity.recruiting
    with pytest.raises(DomainError):
        activity_set_recruiting(actor=people["other_town_admin"], activity=activity, open=True)


def test_cancel_tells_everyone_signed_up_by_sms_after_commit(
    people: Any, team: Any, city: Any, django_capture_on_commit_callbacks: Any
) -> None:
    activity = activity_make(team, people["team_leader"])
    shift = shift_make(activity, capacity=5, seats_taken=2)
    past = shift_make(activity, starts_at=timezone.now() - datetime.timedelta(days=3))
    for n in range(2):
        v = new_volunteer(city["village11"].code, phone=f"1350000{n:04d}")
        Signup.objects.create(shift=shift, volunteer=v, status=Signup.Status.CONFIRMED)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        activity_cancel(actor=people["team_leader"], activity=activity, reason="暴雨预警")
        assert OutboxSmsBackend.outbox == []
    for callback in callbacks:
        callback()
    assert len(OutboxSmsBackend.outbox) == 2
    assert all("暴雨预警" in m.text for m in OutboxSmsBackend.outbox)
    activity.refresh_from_db()
    shift.refresh_from_db()
    past.refresh_from_db()
    assert activity.status == Activity.Status.CANCELLED
    assert shift.cancelled and shift.seats_taken == 0
    assert not past.cancelled  # history stays as it was
    assert not Signup.objects.filter(status=Signup.Status.CONFIRMED).exists()


def test_cancel_needs_a_reason(people: Any, team: Any) -> None:
    activity = activity_make(team, people["team_leader"])
    with pytest.raises(DomainError) as exc:
        activity_cancel(actor=people["team_leader"], activity=activity, reason=" ")
    assert exc.value.code == "reason_required"
    activity.refresh_from_db()
    assert activity.status == Activity.Status.PUBLISHED


def test_capacity_may_not_go_below_the_seats_taken(people: Any, team: Any) -> None:
    activity = activity_make(team, people["team_leader"])
    shift = shift_make(activity, capacity=10, seats_taken=6)
    with pytest.raises(DomainError) as exc:
        shift_set_capacity(actor=people["team_leader"], shift=shift, capacity=5)
    _refused(exc, "capacity_below_taken", "capacity")
    shift.refresh_from_db()
    assert shift.capacity == 10
    assert shift_set_capacity(actor=people["team_leader"], shift=shift, capacity=6).capacity == 6


def test_update_changes_details_and_adds_shifts(people: Any, team: Any) -> None:
    activity = activity_create(actor=people["team_leader"], data=activity_in(team))
    data = activity_in(team, title="新标题", shifts=[shift_spec(9)])
    activity_update(actor=people["team_leader"], activity=activity, data=data)
    activity.refresh_from_db()
    assert activity.title == "新标题"
    assert activity.shifts.count() == 2


def test_update_refuses_a_team_change_and_keeps_everything(
    people: Any, team: Any, city: Any
) -> None:
    other = team_led_by(people["team_leader"], people["town_admin"], city["town1"].code)
    activity = activity_create(actor=people["team_leader"], data=activity_in(team))
    with pytest.raises(DomainError) as exc:
        activity_update(
            actor=people["team_leader"],
            activity=activity,
            data=activity_in(other, title="改", shifts=[shift_spec(9)]),
        )
    _refused(exc, "activity_invalid", "team")
    activity.refresh_from_db()
    assert activity.title == "敬老院助老" and activity.shifts.count() == 1


def test_update_of_a_published_risky_activity_keeps_insurance(people: Any, team: Any) -> None:
    activity = activity_create(
        actor=people["team_leader"], data=activity_in(team, risk_disclosure="高空", insured=True)
    )
    activity_publish(actor=people["team_leader"], activity=activity)
    with pytest.raises(InsuranceRequired):
        activity_update(
            actor=people["team_leader"],
            activity=activity,
            data=activity_in(team, risk_disclosure="高空", insured=False, shifts=[]),
        )


def test_shift_add_and_cancel(people: Any, team: Any, city: Any) -> None:
    activity = activity_make(team, people["team_leader"])
    shift = shift_add(
        actor=people["team_leader"],
        activity=activity,
        starts_at=at(5),
        ends_at=at(5, 12),
        capacity=3,
    )
    v = new_volunteer(city["village11"].code)
    Signup.objects.create(shift=shift, volunteer=v, status=Signup.Status.CONFIRMED)
    Shift.objects.filter(pk=shift.pk).update(seats_taken=1)
    shift_cancel(actor=people["team_leader"], shift=shift, reason="场地维修")
    shift.refresh_from_db()
    assert shift.cancelled
    with pytest.raises(DomainError) as exc:
        shift_add(
            actor=people["team_leader"],
            activity=activity,
            starts_at=at(5, 12),
            ends_at=at(5, 10),
            capacity=3,
        )
    _refused(exc, "activity_invalid", "starts_at")


def test_projects_belong_to_a_team_and_default_to_its_region(people: Any, team: Any) -> None:
    project = project_create(
        actor=people["team_leader"], data=ProjectIn(name="爱心护航365", team=team.pk)
    )
    assert project.region_id == team.region_id
    with pytest.raises(DomainError) as exc:
        project_create(
            actor=people["team_leader"], data=ProjectIn(name="爱心护航365", team=team.pk)
        )
    assert exc.value.code == "project_name_taken"
    with pytest.raises(DomainError) as exc:
        project_create(actor=people["other_town_admin"], data=ProjectIn(name="别队", team=team.pk))
    assert exc.value.code == "forbidden"
    project_close(actor=people["team_leader"], project=project)
    with pytest.raises(DomainError) as exc:
        activity_create(actor=people["team_leader"], data=activity_in(team, project=project.pk))
    _refused(exc, "activity_invalid", "project")
