"""Making service records in tests, through the services (as leaders and volunteers would)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from volcity.accounts.scope import clear_scope_cache
from volcity.activities.models import Activity, HourTotal, ServiceRecord
from volcity.activities.services.records import record_enter
from volcity.activities.services.totals import owners_of
from volcity.activities.tests.factories import activity_make, new_volunteer, team_led_by
from volcity.registry.models import Team, Volunteer

# A Friday in Qingzhou; ten working days before it is Friday 2026-11-06.
TODAY = datetime.date(2026, 11, 20)
NOW = datetime.datetime(2026, 11, 20, 2, 0, tzinfo=datetime.UTC)  # 10:00 in Shanghai


@dataclass
class Stage:
    leader: Any
    admin: Any
    team: Team
    volunteer: Volunteer
    activity: Activity


def stage(people: dict[str, Any], city: dict[str, Any]) -> Stage:
    """A team in town 1 led by ``people["team_leader"]``, an activity of it in village 11 and
    a volunteer of village 11."""
    leader = people["team_leader"]
    team = team_led_by(leader, people["town_admin"], city["town1"].code)
    clear_scope_cache(leader)  # the scope is cached per request; a test is many requests
    activity = activity_make(team, leader, region_id=city["village11"].code)
    volunteer = new_volunteer(city["village11"].code)
    return Stage(
        leader=leader,
        admin=people["town_admin"],
        team=team,
        volunteer=volunteer,
        activity=activity,
    )


def entered(
    s: Stage,
    *,
    minutes: int = 120,
    served_on: datetime.date | None = None,
    volunteer: Volunteer | None = None,
    actor: Any = None,
    activity: Activity | None = None,
) -> ServiceRecord:
    return record_enter(
        actor=actor or s.leader,
        volunteer=volunteer or s.volunteer,
        activity=activity or s.activity,
        team=s.team,
        served_on=served_on or TODAY - datetime.timedelta(days=1),
        minutes=minutes,
        content="陪老人聊天",
        place="",
        title="",
    )


def totals_recomputed() -> dict[tuple[str, int], tuple[int, int, int, int]]:
    """Every hour total as it should be, summed from the records themselves."""
    found: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for record in ServiceRecord.objects.all():
        for owner in owners_of(record):
            row = found[owner]
            if record.status == ServiceRecord.Status.APPROVED:
                row[0] += record.minutes
                row[1] += 1
            elif record.status == ServiceRecord.Status.PENDING:
                row[2] += record.minutes
                row[3] += 1
    return {k: (v[0], v[1], v[2], v[3]) for k, v in found.items()}


def totals_kept() -> dict[tuple[str, int], tuple[int, int, int, int]]:
    return {
        (t.kind, t.ref): (
            t.minutes_approved,
            t.records_approved,
            t.minutes_pending,
            t.records_pending,
        )
        for t in HourTotal.objects.all()
        if (t.minutes_approved, t.records_approved, t.minutes_pending, t.records_pending)
        != (0, 0, 0, 0)
    }


def assert_totals_match() -> None:
    expected = {k: v for k, v in totals_recomputed().items() if v != (0, 0, 0, 0)}
    assert totals_kept() == expected
