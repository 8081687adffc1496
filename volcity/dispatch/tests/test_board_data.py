"""Making dispatch data for the suggestion, board and figure tests: menus, orders at given
stages and places, volunteers and teams at given points. Orders are plain rows here (the
order loop's services are tested on their own); registry data goes through its services."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal
from typing import Any

from django.utils import timezone

from volcity.activities.tests.factories import member_of, new_volunteer
from volcity.dispatch.models import Order, ServiceCategory, ServiceItem
from volcity.regions.seed_geo import shift
from volcity.registry.models import Skill, Team, Volunteer
from volcity.registry.tests.helpers import active_team

# The order's door: a village of Wangfu Street, Qingzhou.
LAT, LNG = 36.690000, 118.480000
_n = itertools.count(1)


def point(east_km: float, north_km: float = 0.0) -> tuple[Decimal, Decimal]:
    lat, lng = shift(LAT, LNG, east_km, north_km)
    return Decimal(f"{lat:.6f}"), Decimal(f"{lng:.6f}")


def skill(code: str = "first_aid") -> Skill:
    return Skill.objects.get_or_create(code=code, defaults={"name": code, "name_en": code})[0]


def menu_item(
    region: Any, *, skills: list[Skill] | None = None, teams: list[Team] | None = None, **kw: Any
) -> ServiceItem:
    category = ServiceCategory.objects.get_or_create(
        region=region, name=kw.pop("category", "助老助残")
    )[0]
    item = ServiceItem.objects.create(category=category, name=kw.pop("name", f"服务{next(_n)}"))
    item.skills.set(skills or [])
    item.teams.set(teams or [])
    return item


def home_team(region: str) -> Team:
    """A plain active team of the volunteer's village (hours served alone go to its records)."""
    return Team.objects.get_or_create(
        name=f"{region}志愿服务队",
        defaults={
            "type": "civilized_practice",
            "level": "village",
            "region_id": region,
            "status": Team.Status.ACTIVE,
        },
    )[0]


def volunteer_at(region: str, east_km: float, *, skills: list[Skill] = (), **kw: Any) -> Volunteer:  # type: ignore[assignment]
    """A volunteer living ``east_km`` east of the door, in an active team unless
    ``in_team=False``."""
    v = new_volunteer(region)
    v.home_latitude, v.home_longitude = point(east_km)
    v.available_times = kw.pop("times", [])
    v.save(update_fields=["home_latitude", "home_longitude", "available_times"])
    v.skills.set(list(skills))
    if kw.pop("in_team", True):
        member_of(home_team(region), v)
    return v


def team_at(admin: Any, region: str, east_km: float, *, members: int = 0) -> Team:
    team = active_team(admin, region, name=f"测试队{next(_n)}")
    team.base_latitude, team.base_longitude = point(east_km)
    team.member_count = members
    team.save(update_fields=["base_latitude", "base_longitude", "member_count"])
    return team


def order_make(
    item: ServiceItem,
    region: Any,
    *,
    handling: Any,
    status: str = "submitted",
    urgency: str = "normal",
    at: datetime.datetime | None = None,
    **fields: Any,
) -> Order:
    now = at or timezone.now()
    start = fields.pop("wanted_from", now + datetime.timedelta(hours=2))
    values: dict[str, Any] = {
        "number": f"T{next(_n):08d}",
        "item": item,
        "region": region,
        "address": "青州市王府街道偶园街1号",
        "latitude": Decimal(f"{LAT:.6f}"),
        "longitude": Decimal(f"{LNG:.6f}"),
        "wanted_from": start,
        "wanted_until": fields.pop("wanted_until", start + datetime.timedelta(hours=2)),
        "urgency": urgency,
        "contact_name": "王大爷",
        "contact_phone_cipher": "x",
        "contact_phone_masked": "139****0000",
        "channel": "phone",
        "handling_region": handling,
        "status": status,
    }
    values.update(fields)
    order = Order.objects.create(**values)
    if at is not None:  # created_at is auto_now_add: move it where the test wants it
        Order.objects.filter(pk=order.pk).update(created_at=at)
        order.created_at = at
    return order
