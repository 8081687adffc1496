"""Making service-delivery data in tests. Registry data goes through the registry's services;
activities and shifts are plain rows here (their own services are tested on their own)."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal
from typing import Any

from django.utils import timezone

from volcity.accounts.models import RoleGrant
from volcity.accounts.roles import Role
from volcity.activities.models import Activity, Shift
from volcity.registry.models import Membership, Team, Volunteer
from volcity.registry.queries import volunteer_of
from volcity.registry.tests.helpers import active_team, id_number, register

# The place most test activities happen: Wangfu Street, Qingzhou.
LAT = Decimal("36.696500")
LNG = Decimal("118.479800")

_names = itertools.count(1)


def team_led_by(leader: Any, admin: Any, region: str, name: str = "") -> Team:
    """An active team in ``region`` whose leader is ``leader`` (role granted for that team)."""
    team = active_team(admin, region, name=name or f"测试服务队{next(_names)}")
    RoleGrant.objects.get_or_create(
        user=leader, role=Role.TEAM_LEADER, region_id=region, team_id=team.pk
    )
    return team


def volunteer_for(user: Any, region: str) -> Volunteer:
    """``user`` as a registered volunteer (reused when already registered)."""
    from volcity.registry.services import volunteer_register
    from volcity.registry.validation import VolunteerIn

    found = volunteer_of(user)
    if found is not None:
        return found
    data = VolunteerIn(
        name=user.display_name, id_number=id_number(), region=region, phone=user.phone
    )
    return volunteer_register(data=data, account=user)


def new_volunteer(region: str, **overrides: Any) -> Volunteer:
    return register(region, **overrides)


def member_of(team: Team, volunteer: Volunteer) -> Membership:
    return Membership.objects.create(
        team=team, volunteer=volunteer, status="active", joined_at=timezone.now()
    )


def activity_make(team: Team, lead: Any, **fields: Any) -> Activity:
    values: dict[str, Any] = {
        "team": team,
        "lead": lead,
        "title": f"测试活动{next(_names)}",
        "description": "陪伴老人、打扫卫生",
        "region_id": team.region_id,
        "address": "青州市王府街道偶园街1号",
        "latitude": LAT,
        "longitude": LNG,
        "status": Activity.Status.PUBLISHED,
    }
    values.update(fields)
    return Activity.objects.create(**values)


def shift_make(
    activity: Activity,
    *,
    starts_at: datetime.datetime | None = None,
    hours: float = 3,
    capacity: int = 10,
    **fields: Any,
) -> Shift:
    start = starts_at or (timezone.now() + datetime.timedelta(days=2)).replace(
        minute=0, second=0, microsecond=0
    )
    return Shift.objects.create(
        activity=activity,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=hours),
        capacity=capacity,
        **fields,
    )
