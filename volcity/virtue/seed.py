"""Demo data of the virtue bank: banks in the demo clerk's village and the two villages after
it, each with a published deed catalogue (and the retired version before it, so old deeds
show old rules), households with their members, and deeds in every status.

The demo scale is small (tens of households), so deeds go through the services: every point
is a real ledger posting (``ledger_post`` via the services) and every status change has its
event. Only the clock is helped: the catalogue versions are dated back, and deeds meant to be
posted have their notice end moved into the past before ``claims_post_due`` runs.

Demo logins: five review-group members of the clerk's village, ``virtue_committee1`` …
``virtue_committee5`` (phones 13800000051 …), with the demo password. The demo ``resident``
is a member of household 001 of that village and sees its statement.
"""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from volcity.accounts.models import RoleGrant, User
from volcity.accounts.roles import Role
from volcity.accounts.seed import DEMO_PASSWORD
from volcity.core.errors import DomainError
from volcity.core.seeding import ChineseNames, DemoLogin, SeedContext
from volcity.regions.models import Region
from volcity.virtue.models import (
    CatalogueVersion,
    ClaimReview,
    DeedClaim,
    DeedItem,
    Household,
    Objection,
    Resident,
    VirtueBank,
)
from volcity.virtue.models_shop import Redemption, RedemptionLine, ShopItem
from volcity.virtue.seed_ratings import seed_ratings, unseed_ratings
from volcity.virtue.seed_shop import seed_shop
from volcity.virtue.services import (
    bank_configure,
    claim_reject,
    claim_report,
    claim_review,
    claims_post_due,
    household_register,
    objection_raise,
    objection_resolve,
    resident_add,
)

BANKS = 3
HOUSEHOLDS = (12, 6, 6)
COMMITTEE = 5
COMMITTEE_PHONE_BASE = 50  # phones 13800000051 …, 61 …, 71 … (the demo staff use 1 … 12)
# (code, name, category, points, unit, limit_count, limit_period)
CATALOGUE: list[tuple[str, str, str, int, str, int | None, str]] = [
    ("filial", "孝老爱亲", "family", 5, "each", 4, "month"),
    ("neighbour", "邻里互助", "neighbours", 3, "each", 4, "month"),
    ("clean", "环境卫生", "environment", 2, "each", 8, "month"),
    ("volunteer", "志愿服务", "volunteering", 2, "hour", 30, "month"),
    ("customs", "移风易俗（婚事新办、丧事简办）", "civility", 5, "each", 2, "year"),
    ("brave", "见义勇为", "public_order", 20, "each", None, "none"),
    ("school", "捐资助学", "civility", 10, "each", None, "none"),
    ("litter", "乱扔垃圾", "environment", -2, "each", None, "none"),
    ("fireworks", "违规燃放烟花爆竹", "public_order", -5, "each", None, "none"),
    ("building", "私搭乱建", "public_order", -10, "each", None, "none"),
    ("neglect", "不赡养老人", "family", -20, "each", None, "none"),
]
OLD_POINTS = {"filial": 3, "volunteer": 1, "neglect": -10}  # version 1, retired
DESCRIPTIONS = {
    "filial": "常年照顾卧床的婆婆，端水喂饭从无怨言。",
    "neighbour": "帮助邻居抢收小麦。",
    "clean": "主动清理村口垃圾点。",
    "volunteer": "参加村志愿服务队清扫街道。",
    "customs": "儿子婚事新办，不收彩礼。",
    "brave": "冒雨救起落水儿童。",
    "school": "为村小学捐赠图书。",
    "litter": "在河道边倾倒生活垃圾。",
    "fireworks": "禁放期间燃放烟花。",
    "building": "在巷道私搭棚屋。",
    "neglect": "拒不赡养年迈父母。",
}
RELATIONS = ("spouse", "child", "child", "parent", "grandchild")
# Years of birth that fit each relation to a head born in the 1960s or 1970s.
BORN = {
    "spouse": (1960, 1978),
    "child": (1985, 2008),
    "parent": (1935, 1952),
    "grandchild": (2010, 2022),
}


def _anchor_villages() -> list[Region]:
    clerk = RoleGrant.objects.filter(role=Role.VIRTUE_CLERK).select_related("region").first()
    first = clerk.region if clerk is not None else None
    villages = Region.objects.filter(level=Region.Level.VILLAGE).order_by("code")
    if first is not None:
        villages = villages.filter(code__gte=first.code)
    return list(villages[:BANKS])


def _operator() -> User | None:
    return User.objects.filter(is_superuser=True).order_by("id").first() or (
        User.objects.filter(grants__role=Role.CITY_ADMIN).order_by("id").first()
    )


def _committee(village: Region, index: int) -> list[User]:
    """Five review-group members of ``village`` (demo logins for the first village)."""
    demo = index == 0
    password = make_password(DEMO_PASSWORD) if demo else "!"
    members = []
    for n in range(1, COMMITTEE + 1):
        username = f"virtue_committee{n}" if demo else f"vc{village.code}{n}"
        user, _created = User.objects.get_or_create(
            username=username,
            defaults={
                "display_name": f"评议员{n}" if demo else f"{village.name}评议员{n}",
                "phone": f"138{COMMITTEE_PHONE_BASE + index * 10 + n:08d}",
                "home_region": village,
                "password": password,
            },
        )
        RoleGrant.objects.get_or_create(user=user, role=Role.VIRTUE_COMMITTEE, region=village)
        members.append(user)
    return members


def _catalogue(bank: VirtueBank, today: datetime.date) -> CatalogueVersion:
    """Version 1 (retired, from a year ago) and version 2 (in force for the last 90 days),
    written directly: publishing through the service only takes dates from today on."""
    now = timezone.now()
    old = CatalogueVersion.objects.create(
        bank=bank,
        number=1,
        status=CatalogueVersion.Status.RETIRED,
        effective_from=today - datetime.timedelta(days=365),
        published_at=now - datetime.timedelta(days=365),
    )
    current = CatalogueVersion.objects.create(
        bank=bank,
        number=2,
        status=CatalogueVersion.Status.PUBLISHED,
        effective_from=today - datetime.timedelta(days=90),
        published_at=now - datetime.timedelta(days=91),
    )
    items = []
    for version, points_of in ((old, OLD_POINTS), (current, {})):
        for sort, (code, name, category, points, unit, count, period) in enumerate(CATALOGUE):
            items.append(
                DeedItem(
                    version=version,
                    code=code,
                    name=name,
                    category=category,
                    points=points_of.get(code, points),
                    unit=unit,
                    limit_count=count,
                    limit_period=period,
                    sort=sort,
                )
            )
    DeedItem.objects.bulk_create(items)
    return current


def _report(
    actor: Any, household: Household, code: str, day: datetime.date, rng: random.Random
) -> DeedClaim | None:
    try:
        return claim_report(
            actor=actor,
            household=household,
            item_code=code,
            occurred_on=day,
            description=DESCRIPTIONS[code],
            quantity=rng.randint(2, 4) if code == "volunteer" else 1,
        )
    except DomainError:  # a limit reached: the village would not take it either
        return None


def _approve(claim: DeedClaim, committee: list[User], count: int) -> DeedClaim:
    for member in committee[:count]:
        claim = claim_review(reviewer=member, claim=claim, approve=True)
    return claim


def seed_bank(
    ctx: SeedContext, village: Region, index: int, *, operator: User, clerk: User | None
) -> dict[str, int]:
    rng = ctx.rng_for(f"virtue.bank.{village.code}")
    names = ChineseNames()
    today = timezone.localdate()
    demo = index == 0
    committee = _committee(village, index)
    bank = bank_configure(
        actor=operator,
        region=village,
        name=f"{village.name}美德银行",
        approvals_required=3,
        notice_days=3,
        base_allotment=100,
    )
    _catalogue(bank, today)
    counter = clerk if clerk is not None else operator
    households = []
    for n in range(1, HOUSEHOLDS[index] + 1):
        surname = names.surname(rng)
        head = surname + rng.choice(["守军", "秀英", "建国", "玉兰", "德胜", "桂芳", "长江"])
        household = household_register(
            actor=counter,
            bank=bank,
            number=f"{n:03d}",
            head_name=head,
            address=f"{village.name}{rng.randint(1, 9)}排{rng.randint(1, 30)}号",
            joined_at=today - datetime.timedelta(days=120),
        )
        given = rng.sample(["小明", "丽", "强", "敏", "涛", "静"], 3)
        for relation, name in zip(rng.sample(RELATIONS, rng.randint(1, 3)), given, strict=False):
            low, high = BORN[relation]
            resident_add(
                actor=counter,
                household=household,
                name=surname + name,
                relation=relation,
                birth_year=rng.randint(low, high),
            )
        households.append(household)
    if demo:
        resident = User.objects.filter(username="resident").first()
        if resident is not None and not Resident.objects.filter(user=resident).exists():
            resident_add(
                actor=counter,
                household=households[0],
                name=resident.display_name or "居民",
                relation="child",
                user=resident,
            )
    villager = (
        User.objects.filter(home_region=village, is_superuser=False)
        .exclude(pk__in=[u.pk for u in committee])
        .order_by("id")
        .first()
        or committee[-1]
    )

    codes = [c[0] for c in CATALOGUE]
    positive = [c for c in codes if c not in ("litter", "fireworks", "building", "neglect")]
    made: list[DeedClaim] = []
    # Posted: most deeds of the last weeks.
    for household in households:
        for _ in range(rng.randint(2, 4)):
            code = rng.choice(positive) if rng.random() < 0.85 else rng.choice(codes)
            day = today - datetime.timedelta(days=rng.randint(8, 80))
            claim = _report(counter, household, code, day, rng)
            if claim is not None:
                made.append(_approve(claim, committee, 3))
    # An old deed under version 1's rules, posted.
    old = _report(counter, households[0], "filial", today - datetime.timedelta(days=100), rng)
    if old is not None:
        made.append(_approve(old, committee, 3))
    # One objection dismissed (the deed stands), one upheld (rejected).
    if len(made) >= 2:
        dismissed = objection_raise(user=villager, claim=made[0], reason="那天我看见他不在家。")
        objection_resolve(
            actor=committee[0], objection=dismissed, uphold=False, reason="经走访邻居核实属实。"
        )
        upheld = objection_raise(user=villager, claim=made[1], reason="这件事是重复申报的。")
        objection_resolve(
            actor=committee[1], objection=upheld, uphold=True, reason="核实为重复申报，不予计分。"
        )
    DeedClaim.objects.filter(pk__in=[c.pk for c in made], status="on_notice").update(
        notice_until=timezone.now() - datetime.timedelta(hours=1)
    )
    run = claims_post_due(actor=None)

    # Now in every other status: on notice, objected, partly reviewed, waiting, rejected.
    recent = [today - datetime.timedelta(days=d) for d in (0, 1, 2, 3)]
    for n, household in enumerate(households[: min(6, len(households))]):
        code = positive[n % len(positive)]
        claim = _report(counter, household, code, recent[n % 4], rng)
        if claim is None:
            continue
        if n in (0, 1):
            _approve(claim, committee, 3)  # on public notice
        elif n == 2:
            _approve(claim, committee, 3)
            objection_raise(user=villager, claim=claim, reason="请村委会再核实一下。")
        elif n == 3:
            _approve(claim, committee, 2)  # two of three approvals
        elif n == 4:
            claim_review(
                reviewer=committee[0], claim=claim, approve=False, reason="照片与事实不符。"
            )
        # n == 5 and beyond: waiting for review
    bad = _report(counter, households[-1], "fireworks", recent[1], rng)
    if bad is not None and clerk is not None:
        claim_reject(actor=clerk, claim=bad, reason="录入错误，户号不对。")
    seed_shop(bank, counter, households, rng)
    return {
        "banks": 1,
        "households": len(households),
        "claims": DeedClaim.objects.filter(bank=bank).count(),
        "posted": run.posted,
    }


def seed(ctx: SeedContext) -> dict[str, int]:
    operator = _operator()
    villages = _anchor_villages()
    if operator is None or not villages:
        return {}
    clerk_grant = RoleGrant.objects.filter(role=Role.VIRTUE_CLERK).select_related("user").first()
    totals: dict[str, int] = {}
    with transaction.atomic():
        for index, village in enumerate(villages):
            clerk = (
                clerk_grant.user
                if clerk_grant is not None and clerk_grant.region_id == village.code
                else None
            )
            rows = seed_bank(ctx, village, index, operator=operator, clerk=clerk)
            for key, value in rows.items():
                totals[key] = totals.get(key, 0) + value
        first_clerk = clerk_grant.user if clerk_grant is not None else None
        seed_ratings(operator=operator, clerk=first_clerk)
    return {
        VirtueBank._meta.db_table: totals.get("banks", 0),
        Household._meta.db_table: Household.objects.count(),
        Resident._meta.db_table: Resident.objects.count(),
        DeedClaim._meta.db_table: DeedClaim.objects.count(),
        ClaimReview._meta.db_table: ClaimReview.objects.count(),
        Objection._meta.db_table: Objection.objects.count(),
        ShopItem._meta.db_table: ShopItem.objects.count(),
        Redemption._meta.db_table: Redemption.objects.count(),
    }


def demo_logins() -> list[DemoLogin]:
    users = User.objects.filter(username__startswith="virtue_committee").order_by("username")
    grants = {
        g.user_id: g.region.name
        for g in RoleGrant.objects.filter(
            role=Role.VIRTUE_COMMITTEE, user__in=users
        ).select_related("region")
    }
    return [
        DemoLogin(
            username=u.username,
            phone=u.phone or "",
            role=Role.VIRTUE_COMMITTEE,
            region=grants.get(u.pk, "—"),
            password=DEMO_PASSWORD,
        )
        for u in users
    ]


def unseed() -> None:
    """Delete the virtue bank's rows (for tests that rebuild the demo city); ledger rows are
    append-only and stay, as do the audit log and status events."""
    with transaction.atomic():
        unseed_ratings()
        for shop_model in (RedemptionLine, Redemption, ShopItem):
            shop_model._default_manager.all().delete()
        for model in (Objection, ClaimReview, DeedClaim, Resident, Household, DeedItem):
            model._default_manager.all().delete()
        CatalogueVersion.objects.all().delete()
        VirtueBank.objects.all().delete()
