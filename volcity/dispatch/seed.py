"""Demo data of the order loop: the city's service menu (a dozen categories with sub-items),
orders of the demo resident's village in every status, and the help line's duty roster.

Bounded at any scale (the menu and about a dozen orders). Orders go through the services, as
people make them, so each has its status events, audit entries and notifications; the actors
are the demo accounts (``resident``, ``dispatcher``, ``team_leader``, ``volunteer``).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from volcity.accounts.models import RoleGrant, User
from volcity.accounts.roles import Role
from volcity.core.errors import DomainError
from volcity.core.seeding import SeedContext
from volcity.dispatch.models import DutyShift, Order, ServiceCategory, ServiceItem
from volcity.dispatch.seed_menu import MENU
from volcity.regions.models import Region
from volcity.registry.models import Skill, Team, Volunteer

# The first items of these categories are provided by the demo team (team 1): the pool shows
# them to its leader.
TEAM_CATEGORIES = ("助老助残", "家电维修", "代买代办", "环境整治")
LAT, LNG = Decimal("36.690000"), Decimal("118.480000")


def _menu(city: Region, team: Team | None) -> list[ServiceItem]:
    skills = {s.code: s for s in Skill.objects.all()}
    items: list[ServiceItem] = []
    for sort, (name, rows) in enumerate(MENU, start=1):
        category, _ = ServiceCategory.objects.get_or_create(
            region=city, name=name, defaults={"sort": sort}
        )
        for n, (item_name, description, codes) in enumerate(rows, start=1):
            item, created = ServiceItem.objects.get_or_create(
                category=category,
                name=item_name,
                defaults={"description": description, "sort": n},
            )
            if created:
                item.skills.set([skills[c] for c in codes if c in skills])
                if team is not None and name in TEAM_CATEGORIES:
                    item.teams.add(team)
            items.append(item)
    return items


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _orders(ctx: SeedContext, items: list[ServiceItem]) -> int:
    from volcity.dispatch.services import (
        order_accept,
        order_cancel,
        order_complete,
        order_dispatch,
        order_place,
        order_rate,
        order_review,
    )

    resident, dispatcher = _user("resident"), _user("dispatcher")
    leader, volunteer_user = _user("team_leader"), _user("volunteer")
    if resident is None or dispatcher is None or resident.home_region_id is None:
        return 0
    village = resident.home_region
    if village is None or village.level != Region.Level.VILLAGE:
        return 0
    grant = RoleGrant.objects.filter(user=leader, role=Role.TEAM_LEADER).first()
    team = Team.objects.filter(pk=grant.team_id or 0, status="active").first() if grant else None
    volunteer = Volunteer.objects.filter(user=volunteer_user, status="active").first()
    rng = ctx.rng_for("dispatch.orders")
    now = timezone.now()
    by_name = {i.name: i for i in items}

    def place(item_name: str, urgency: str = "normal", hours: int = 4) -> Order:
        jitter = Decimal(rng.randint(-3000, 3000)) / Decimal(1_000_000)
        data = order_place.OrderIn(
            item=by_name[item_name].pk,
            region=village.code,
            address=f"{village.name}{rng.randint(1, 80)}号",
            latitude=LAT + jitter,
            longitude=LNG - jitter,
            wanted_from=now + datetime.timedelta(hours=1),
            wanted_until=now + datetime.timedelta(hours=1 + hours),
            contact_name=resident.display_name or "居民",
            contact_phone=resident.phone or "13800000000",
            urgency=urgency,
            description="演示订单",
        )
        return order_place.order_place(actor=resident, data=data)

    def approved(item_name: str, urgency: str = "normal") -> Order:
        return order_review.order_approve(actor=dispatcher, order=place(item_name, urgency))

    def served(item_name: str) -> Order | None:
        if volunteer is None:
            return None
        order = order_dispatch.order_dispatch(
            actor=dispatcher, order=approved(item_name), volunteer=volunteer
        )
        order = order_accept.order_accept(actor=volunteer.user, order=order)
        return order_complete.order_complete(
            actor=volunteer.user, order=order, report="已按时完成服务。", hours="1.5"
        )

    made = 0
    place("上门探访陪伴")
    place("应急救援", "urgent")
    made += 2
    order_review.order_reject(
        actor=dispatcher, order=place("文艺演出"), reason="演出需提前一个月预约，请联系文化站。"
    )
    approved("法律咨询")
    order_dispatch.order_pool(actor=dispatcher, order=approved("水电维修"))
    made += 3
    if team is not None:
        order_dispatch.order_dispatch(actor=dispatcher, order=approved("庭院清理"), team=team)
        accepted = order_dispatch.order_dispatch(
            actor=dispatcher, order=approved("代买生活用品"), team=team
        )
        order_accept.order_accept(actor=leader, order=accepted)
        made += 2
    if volunteer is not None:
        order_dispatch.order_dispatch(
            actor=dispatcher, order=approved("就医接送", "urgent"), volunteer=volunteer
        )
        made += 1
        for name, rating, comment in (
            ("上门理发", None, ""),
            ("作业辅导", 5, "老师很耐心，孩子进步很大。"),
            ("家电检修", 2, "来晚了一个小时。"),
        ):
            try:
                order = served(name)
            except DomainError:
                continue
            if order is not None and rating is not None:
                order_rate.order_rate(actor=resident, order=order, rating=rating, comment=comment)
            made += 1
    order_cancel.order_cancel(actor=resident, order=place("代办证件业务"), reason="已自行办理。")
    return made + 1


ROSTER_DAYS = 7


def _roster(team: Team | None) -> int:
    dispatcher = _user("dispatcher")
    city = Region.objects.filter(level=Region.Level.CITY).first()
    if dispatcher is None or city is None or DutyShift.objects.exists():
        return 0
    # The help line runs round the clock: day and night shifts from the last 08:00 on, for
    # a week, so the demo has someone on duty whenever it is opened.
    now = timezone.localtime()
    start = now.replace(hour=8, minute=0, second=0, microsecond=0)
    if start > now:
        start -= datetime.timedelta(days=1)
    rows: list[DutyShift] = []
    for day in range(ROSTER_DAYS):
        begins = start + datetime.timedelta(days=day)
        rows += [
            DutyShift(
                region=city,
                user=dispatcher,
                starts_at=begins,
                ends_at=begins + datetime.timedelta(hours=12),
            ),
            DutyShift(
                region=city,
                user=dispatcher,
                starts_at=begins + datetime.timedelta(hours=12),
                ends_at=begins + datetime.timedelta(hours=24),
                note="夜班",
            ),
        ]
        if team is not None:
            rows.append(
                DutyShift(
                    region_id=team.region_id,
                    team=team,
                    starts_at=begins,
                    ends_at=begins + datetime.timedelta(hours=24),
                    note="应急值守",
                )
            )
    DutyShift.objects.bulk_create(rows)
    return len(rows)


def seed(ctx: SeedContext) -> dict[str, int]:
    city = Region.objects.filter(level=Region.Level.CITY).order_by("code").first()
    if city is None:
        return {}
    team = Team.objects.filter(pk=1, status="active").first()
    with transaction.atomic():
        items = _menu(city, team)
        orders = 0 if Order.objects.exists() else _orders(ctx, items)
        shifts = _roster(team)
    return {
        ServiceCategory._meta.db_table: ServiceCategory.objects.count(),
        ServiceItem._meta.db_table: len(items),
        Order._meta.db_table: orders,
        DutyShift._meta.db_table: shifts,
    }


def unseed() -> None:
    """Delete the order loop's rows (status events and audit entries stay)."""
    from volcity.dispatch.models import OrderPhoto

    with transaction.atomic():
        for model in (OrderPhoto, Order, DutyShift, ServiceItem, ServiceCategory):
            model._default_manager.all().delete()
