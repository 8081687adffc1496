"""Making campaign data in tests: sites, shift times, teams with leaders and members."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from volcity.activities.models import Campaign
from volcity.activities.services.campaigns import ShiftSpec, SiteIn, campaign_create
from volcity.activities.tests.factories import member_of, new_volunteer, team_led_by
from volcity.registry.models import Team, Volunteer

# A Friday morning in Qingzhou (10:00 city time).
NOW = datetime.datetime(2026, 11, 20, 2, 0, tzinfo=datetime.UTC)
SITES_TEXT = (
    "第一中学 | 青州市云门山街道范公亭西路1号 | 36.6850,118.4790 | 4\n"
    "\n"
    "人民广场 | 青州市王府街道驼山路 | 36.6901,118.4802 | 3\n"
    "万达超市 | 青州市海岱北路1888号 | 36.7012,118.4711 | 2\n"
)
SHIFTS_TEXT = "2026-11-21 08:00-12:00\n2026-11-21 13:00-17:00\n"


def sites(n: int = 3) -> list[SiteIn]:
    return [
        SiteIn(f"采样点{i}", f"青州市测试路{i}号", Decimal("36.69"), Decimal("118.48"), 4)
        for i in range(1, n + 1)
    ]


def shift_specs() -> list[ShiftSpec]:
    start = datetime.datetime(2026, 11, 21, 0, 0, tzinfo=datetime.UTC)
    return [
        ShiftSpec(start, start + datetime.timedelta(hours=4)),
        ShiftSpec(start + datetime.timedelta(hours=5), start + datetime.timedelta(hours=9)),
    ]


def team_with_members(
    leader: Any, admin: Any, region: str, n: int, home: str = ""
) -> tuple[Team, list[Volunteer]]:
    """A team of ``region`` led by ``leader`` with ``n`` active members living in ``home`` (a
    village; default: the first village of the town)."""
    team = team_led_by(leader, admin, region)
    home = home or region[:9] + "001"
    members = [new_volunteer(home) for _ in range(n)]
    for v in members:
        member_of(team, v)
    return team, members


def campaign_make(admin: Any, region: str, teams: list[Team], **fields: Any) -> Campaign:
    values: dict[str, Any] = {
        "actor": admin,
        "name": "全员核酸检测",
        "kind": "testing",
        "region": region,
        "description": "协助扫码、维持秩序",
        "sites": sites(),
        "shifts": shift_specs(),
        "team_ids": [t.pk for t in teams],
    }
    values.update(fields)
    return campaign_create(**values)
