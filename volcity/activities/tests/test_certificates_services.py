"""Issuing and revoking certificates of service record."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
import time_machine

from volcity.activities.errors import NoRecords, NotAllowed
from volcity.activities.models import Certificate
from volcity.activities.services.certificates import (
    AlreadyRevoked,
    PeriodOrder,
    certificate_issue,
    certificate_revoke,
)
from volcity.activities.tests.factories import activity_make, team_led_by, volunteer_for
from volcity.activities.tests.factories_certificates import approved_record
from volcity.audit.models import AuditEntry
from volcity.core.lifecycle import ReasonRequired

NOW = datetime.datetime(2026, 11, 20, 2, 0, tzinfo=datetime.UTC)


@pytest.fixture
def stage(people: dict[str, Any], city: dict[str, Any]) -> dict[str, Any]:
    team = team_led_by(people["team_leader"], people["town_admin"], city["town1"].code)
    activity = activity_make(team, people["team_leader"], region_id=city["village11"].code)
    volunteer = volunteer_for(people["volunteer"], city["village11"].code)
    return {"team": team, "activity": activity, "volunteer": volunteer}


def _records(stage: dict[str, Any], people: dict[str, Any]) -> None:
    for day, minutes in ((datetime.date(2026, 3, 1), 120), (datetime.date(2026, 5, 2), 90)):
        approved_record(
            stage["volunteer"],
            stage["activity"],
            approver=people["town_admin"],
            minutes=minutes,
            served_on=day,
        )


@time_machine.travel(NOW, tick=False)
def test_volunteer_issues_own_certificate_with_a_snapshot_of_approved_service(
    stage: dict[str, Any], people: dict[str, Any]
) -> None:
    _records(stage, people)
    # A pending record does not count.
    approved_record(
        stage["volunteer"], stage["activity"], approver=people["town_admin"], approve=False
    )
    volunteer = stage["volunteer"]
    made = certificate_issue(actor=people["volunteer"], volunteer=volunteer)
    assert made.minutes_total == 210
    assert made.records_total == 2
    assert (made.period_start, made.period_end) == (
        datetime.date(2026, 3, 1),
        datetime.date(2026, 5, 2),
    )
    assert made.holder_name == people["volunteer"].display_name
    assert made.id_type == "居民身份证"
    assert made.id_masked == volunteer.user.id_number_masked
    assert "*" in made.id_masked
    assert made.volunteer_number == volunteer.number
    assert stage["activity"].title in made.content
    assert made.handler == people["volunteer"].display_name
    assert made.issued_on == datetime.date(2026, 11, 20)
    assert re.fullmatch(r"QZ2026\d{7}-[2-9A-HJKMNP-Z]{6}", made.number), made.number
    assert AuditEntry.objects.filter(
        action="activities.certificate.issued", object_id=str(made.pk)
    ).exists()


@time_machine.travel(NOW, tick=False)
def test_certificate_numbers_are_unique_and_sequential(
    stage: dict[str, Any], people: dict[str, Any]
) -> None:
    _records(stage, people)
    numbers = [
        certificate_issue(actor=people["volunteer"], volunteer=stage["volunteer"]).number
        for _ in range(3)
    ]
    serials = [int(n[6:13]) for n in numbers]
    assert len(set(numbers)) == 3
    assert serials == [serials[0], serials[0] + 1, serials[0] + 2]


@time_machine.travel(NOW, tick=False)
def test_period_limits_the_records_certified(stage: dict[str, Any], people: dict[str, Any]) -> None:
    _records(stage, people)
    made = certificate_issue(
        actor=people["town_admin"],
        volunteer=stage["volunteer"],
        period_start=datetime.date(2026, 4, 1),
        period_end=datetime.date(2026, 12, 31),
    )
    assert (made.minutes_total, made.records_total) == (90, 1)
    assert made.period_start == made.period_end == datetime.date(2026, 5, 2)
    assert made.handler == people["town_admin"].display_name


def test_no_approved_records_is_refused_and_nothing_is_issued(
    stage: dict[str, Any], people: dict[str, Any]
) -> None:
    approved_record(
        stage["volunteer"], stage["activity"], approver=people["town_admin"], approve=False
    )
    with pytest.raises(NoRecords) as caught:
        certificate_issue(actor=people["volunteer"], volunteer=stage["volunteer"])
    assert caught.value.code == "no_records"
    assert not Certificate.objects.exists()


def test_period_with_no_records_is_refused(stage: dict[str, Any], people: dict[str, Any]) -> None:
    _records(stage, people)
    with pytest.raises(NoRecords) as caught:
        certificate_issue(
            actor=people["volunteer"],
            volunteer=stage["volunteer"],
            period_start=datetime.date(2025, 1, 1),
            period_end=datetime.date(2025, 12, 31),
        )
    assert "period_start" in caught.value.fields
    assert not Certificate.objects.exists()


def test_period_ending_before_it_starts_is_refused(
    stage: dict[str, Any], people: dict[str, Any]
) -> None:
    _records(stage, people)
    with pytest.raises(PeriodOrder) as caught:
        certificate_issue(
            actor=people["volunteer"],
            volunteer=stage["volunteer"],
            period_start=datetime.date(2026, 5, 1),
            period_end=datetime.date(2026, 4, 1),
        )
    assert caught.value.code == "period_order"
    assert "period_end" in caught.value.fields
    assert not Certificate.objects.exists()


@pytest.mark.parametrize("who", ["other_town_admin", "team_leader", "resident"])
def test_others_cannot_issue_someone_elses_certificate(
    stage: dict[str, Any], people: dict[str, Any], who: str
) -> None:
    _records(stage, people)
    with pytest.raises(NotAllowed):
        certificate_issue(actor=people[who], volunteer=stage["volunteer"])
    assert not Certificate.objects.exists()


def test_person_in_charge_is_the_nearest_administrator(
    stage: dict[str, Any], people: dict[str, Any]
) -> None:
    _records(stage, people)
    made = certificate_issue(actor=people["volunteer"], volunteer=stage["volunteer"])
    assert made.person_in_charge == people["village_admin"].display_name


def test_admin_revokes_a_certificate_with_a_reason(
    stage: dict[str, Any], people: dict[str, Any]
) -> None:
    _records(stage, people)
    made = certificate_issue(actor=people["volunteer"], volunteer=stage["volunteer"])
    certificate_revoke(actor=people["town_admin"], certificate=made, reason="记录更正")
    made.refresh_from_db()
    assert made.revoked_at is not None and made.revoke_reason == "记录更正"
    assert AuditEntry.objects.filter(action="activities.certificate.revoked").exists()
    with pytest.raises(AlreadyRevoked):
        certificate_revoke(actor=people["town_admin"], certificate=made, reason="again")


def test_revoking_needs_a_reason_and_an_administrator_in_scope(
    stage: dict[str, Any], people: dict[str, Any]
) -> None:
    _records(stage, people)
    made = certificate_issue(actor=people["volunteer"], volunteer=stage["volunteer"])
    with pytest.raises(ReasonRequired):
        certificate_revoke(actor=people["town_admin"], certificate=made, reason="  ")
    for who in ("volunteer", "other_town_admin", "team_leader"):
        with pytest.raises(NotAllowed):
            certificate_revoke(actor=people[who], certificate=made, reason="x")
    made.refresh_from_db()
    assert made.revoked_at is None
