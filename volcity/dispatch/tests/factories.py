"""Making order-loop data in tests through the services, as people would.

``served_town`` gives town 1 (王府街道) a menu item, a town dispatcher, an active team led by the
fixture's team leader (a volunteer member too), the fixture's volunteer registered in village
11 (a member of that team, so hours served alone are recorded), and a second town's dispatcher and team for scope refusals.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from volcity.accounts.roles import Role
from volcity.activities.tests.factories import member_of, team_led_by, volunteer_for
from volcity.dispatch.models import Order, ServiceCategory, ServiceItem
from volcity.dispatch.services.menu import category_add, item_add
from volcity.dispatch.services.order_place import OrderIn, order_place
from volcity.dispatch.services.order_review import order_approve
from volcity.registry.models import Team, Volunteer

LAT = Decimal("36.696500")
LNG = Decimal("118.479800")
VILLAGE = "370781001002"  # town 1, village 2: where the fixture's resident lives


@dataclass
class Town:
    people: dict[str, Any]
    city: dict[str, Any]
    category: ServiceCategory
    item: ServiceItem
    dispatcher: Any
    other_dispatcher: Any
    leader: Any
    team: Team
    leader_volunteer: Volunteer
    volunteer: Volunteer
    other_team: Team
    resident: Any


def order_in(item: ServiceItem, **overrides: Any) -> OrderIn:
    now = timezone.now()
    values: dict[str, Any] = {
        "item": item.pk,
        "region": VILLAGE,
        "address": "王府街道第2村3号",
        "latitude": LAT,
        "longitude": LNG,
        "wanted_from": now + datetime.timedelta(hours=1),
        "wanted_until": now + datetime.timedelta(hours=3),
        "contact_name": "王大娘",
        "contact_phone": "13812345678",
        "urgency": Order.Urgency.NORMAL,
        "description": "水管漏水",
    }
    values.update(overrides)
    return OrderIn(**values)


def served_town(people: dict[str, Any], city: dict[str, Any], make_user: Any) -> Town:
    admin = people["city_admin"]
    category = category_add(actor=admin, region=city["town1"], name="家电维修")
    item = item_add(actor=admin, category=category, name="水电维修")
    leader = people["team_leader"]
    team = team_led_by(leader, admin, "370781001000", name="王府街道维修队")
    leader_volunteer = volunteer_for(leader, "370781001001")
    member_of(team, leader_volunteer)
    volunteer = volunteer_for(people["volunteer"], "370781001001")
    member_of(team, volunteer)  # served alone, the hours go to the record of this team
    other_leader = make_user(None, "town2")
    other_team = team_led_by(other_leader, admin, "370781002000", name="弥河镇服务队")
    return Town(
        people=people,
        city=city,
        category=category,
        item=item,
        dispatcher=make_user(Role.DISPATCHER, "town1"),
        other_dispatcher=make_user(Role.DISPATCHER, "town2"),
        leader=leader,
        team=team,
        leader_volunteer=leader_volunteer,
        volunteer=volunteer,
        other_team=other_team,
        resident=people["resident"],
    )


def placed(t: Town, **overrides: Any) -> Order:
    return order_place(actor=t.resident, data=order_in(t.item, **overrides))


def approved(t: Town, **overrides: Any) -> Order:
    return order_approve(actor=t.dispatcher, order=placed(t, **overrides))
