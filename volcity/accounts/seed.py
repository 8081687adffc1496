"""Demo data: the demo staff logins, then one account per volunteer of seed scale.

Seeding is a bulk path (``volcity.core.seeding``): accounts are written with ``bulk_create``
in batches, not through ``user_create``, but they fill the same fields ``user_create`` does:
ID numbers are validated by construction and sealed (encrypted, hashed, masked) row by row.

The demo staff accounts are a contract other tests and the README rely on: usernames, roles,
where each role is held, the shared password, and phones 13800000001, 13800000002, … in the
order of ``DEMO_ACCOUNTS``.
"""

from __future__ import annotations

import datetime
import random
import secrets
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX, make_password
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from volcity.accounts.models import RoleGrant, User
from volcity.accounts.roles import Role
from volcity.core.privacy import seal_id_number, valid_address_codes
from volcity.core.seeding import (
    ChineseNames,
    DemoLogin,
    IdNumbers,
    MadeUpIdNumber,
    SeedContext,
    mobile_number,
    write_in_batches,
)
from volcity.regions.models import Region

DEMO_PASSWORD = "Volcity-demo-2026"  # noqa: S105  (published demo password)
VOLUNTEER_USERNAME = "v{:07d}"
FALLBACK_ADDRESS_CODE = "370781"
CITY, TOWN, VILLAGE = "city", "town", "village"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str | None  # None: no grant (the superuser)
    where: str  # CITY, TOWN (the first town) or VILLAGE (the first village of the first town)
    is_superuser: bool = False
    is_staff: bool = False
    team_id: int | None = None
    may_reveal: bool = False


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("admin", None, CITY, is_superuser=True, is_staff=True),
    DemoAccount("city_admin", Role.CITY_ADMIN, CITY, is_staff=True, may_reveal=True),
    DemoAccount("town_admin", Role.TOWN_ADMIN, TOWN),
    DemoAccount("village_admin", Role.VILLAGE_ADMIN, VILLAGE),
    DemoAccount("dispatcher", Role.DISPATCHER, CITY),
    DemoAccount("virtue_clerk", Role.VIRTUE_CLERK, VILLAGE),
    DemoAccount("warehouse_keeper", Role.WAREHOUSE_KEEPER, CITY),
    DemoAccount("station_keeper", Role.STATION_KEEPER, VILLAGE),
    DemoAccount("team_leader", Role.TEAM_LEADER, TOWN, team_id=1),
    DemoAccount("volunteer", Role.VOLUNTEER, VILLAGE),
    DemoAccount("donor", Role.DONOR, CITY),
    DemoAccount("resident", Role.RESIDENT, VILLAGE),
)


def demo_phone(position: int) -> str:
    """The phone of the demo account at ``position`` (1-based): 13800000001, …"""
    return f"138{position:08d}"


@dataclass(frozen=True)
class PersonSpec:
    """One made-up person, before sealing: what a generator decides."""

    username: str
    display_name: str
    phone: str
    id_number: MadeUpIdNumber
    region_code: str


def id_address_code() -> str:
    """The city's code when it is a known ID address code, else Qingzhou's."""
    code = settings.VOLCITY_CITY_CODE
    return code if code in valid_address_codes() else FALLBACK_ADDRESS_CODE


def staff_specs(*, seed: int, anchors: dict[str, str], ids: IdNumbers) -> list[PersonSpec]:
    """The demo accounts as people; ``anchors`` maps CITY/TOWN/VILLAGE to a region code."""
    rng = random.Random(f"{seed}:accounts.staff")
    names = ChineseNames()
    specs = []
    for position, account in enumerate(DEMO_ACCOUNTS, start=1):
        number = ids.draw(rng)
        specs.append(
            PersonSpec(
                username=account.username,
                display_name=names.name(rng, number.sex),
                phone=demo_phone(position),
                id_number=number,
                region_code=anchors[account.where],
            )
        )
    return specs


def volunteer_specs(
    *, seed: int, count: int, village_codes: Sequence[str], ids: IdNumbers
) -> Iterator[PersonSpec]:
    """The volunteers, lazily: same seed, villages and ``ids`` state, same people."""
    rng = random.Random(f"{seed}:accounts.volunteers")
    names = ChineseNames()
    for n in range(count):
        number = ids.draw(rng)
        yield PersonSpec(
            username=VOLUNTEER_USERNAME.format(n + 1),
            display_name=names.name(rng, number.sex),
            phone=mobile_number(n, seed=seed),
            id_number=number,
            region_code=rng.choice(village_codes),
        )


def _user(
    spec: PersonSpec,
    *,
    password: str,
    now: datetime.datetime,
    is_superuser: bool = False,
    is_staff: bool = False,
) -> User:
    sealed = seal_id_number(spec.id_number.number)
    return User(
        username=spec.username,
        password=password,
        display_name=spec.display_name,
        phone=spec.phone,
        home_region_id=spec.region_code,
        id_number_cipher=sealed.ciphertext,
        id_number_digest=sealed.digest,
        id_number_masked=sealed.masked,
        birth_date=spec.id_number.birth_date,
        sex=spec.id_number.sex,
        date_joined=now,
        is_superuser=is_superuser,
        is_staff=is_staff,
    )


def unusable_password() -> str:
    """What ``set_unusable_password`` stores, without its per-character random draws."""
    return UNUSABLE_PASSWORD_PREFIX + secrets.token_hex(20)


def anchor_regions() -> dict[str, str]:
    """The city, the first town and that town's first village (codes)."""
    city = Region.objects.filter(level=Region.Level.CITY).order_by("code").first()
    town = Region.objects.filter(level=Region.Level.TOWN).order_by("code").first()
    if city is None or town is None:
        raise RuntimeError("accounts.seed needs the regions seeded first.")
    village = Region.objects.filter(parent=town).order_by("code").first()
    if village is None:
        raise RuntimeError("accounts.seed needs villages under the first town.")
    return {CITY: city.code, TOWN: town.code, VILLAGE: village.code}


def _reveal_permission() -> Permission:
    # Created with its translatable name by post_migrate from User.Meta.permissions.
    return Permission.objects.get(
        content_type=ContentType.objects.get_for_model(User), codename="reveal_personal_data"
    )


def seed_staff(ctx: SeedContext, *, anchors: dict[str, str], ids: IdNumbers) -> dict[str, int]:
    password = make_password(DEMO_PASSWORD)  # hashed once, shared by every demo account
    now = timezone.now()
    specs = staff_specs(seed=ctx.seed, anchors=anchors, ids=ids)
    with transaction.atomic():
        users = User.objects.bulk_create(
            [
                _user(
                    spec,
                    password=password,
                    now=now,
                    is_superuser=account.is_superuser,
                    is_staff=account.is_staff,
                )
                for spec, account in zip(specs, DEMO_ACCOUNTS, strict=True)
            ]
        )
        grants = RoleGrant.objects.bulk_create(
            [
                RoleGrant(
                    user=user,
                    role=account.role,
                    region_id=anchors[account.where],
                    team_id=account.team_id,
                )
                for user, account in zip(users, DEMO_ACCOUNTS, strict=True)
                if account.role is not None
            ]
        )
        revealers = [u for u, a in zip(users, DEMO_ACCOUNTS, strict=True) if a.may_reveal]
        permission = _reveal_permission()
        for user in revealers:
            user.user_permissions.add(permission)
    return {
        User._meta.db_table: len(users),
        RoleGrant._meta.db_table: len(grants),
        "accounts_user_user_permissions": len(revealers),
    }


def seed_volunteers(ctx: SeedContext, *, ids: IdNumbers) -> dict[str, int]:
    count = ctx.count("volunteers")
    villages = list(
        Region.objects.filter(level=Region.Level.VILLAGE)
        .order_by("code")
        .values_list("code", flat=True)
    )
    written = {User._meta.db_table: 0, RoleGrant._meta.db_table: 0}

    def write(batch: list[PersonSpec]) -> int:
        now = timezone.now()
        users = User.objects.bulk_create(
            [_user(spec, password=unusable_password(), now=now) for spec in batch]
        )
        grants = RoleGrant.objects.bulk_create(
            [
                RoleGrant(user=user, role=Role.VOLUNTEER, region_id=spec.region_code)
                for user, spec in zip(users, batch, strict=True)
            ]
        )
        written[User._meta.db_table] += len(users)
        written[RoleGrant._meta.db_table] += len(grants)
        return len(users) + len(grants)

    with ctx.measure("accounts.volunteers") as measure:
        specs = volunteer_specs(seed=ctx.seed, count=count, village_codes=villages, ids=ids)
        measure.rows = write_in_batches(ctx, specs, total=count, label="volunteers", write=write)
    return written


def seed(ctx: SeedContext) -> dict[str, int]:
    anchors = anchor_regions()
    ids = IdNumbers(id_address_code())  # shared, so no number is drawn twice
    staff = seed_staff(ctx, anchors=anchors, ids=ids)
    volunteers = seed_volunteers(ctx, ids=ids)
    return {table: staff.get(table, 0) + volunteers.get(table, 0) for table in staff}


def demo_logins() -> list[DemoLogin]:
    """The demo accounts as they stand in the database (empty before seeding)."""
    usernames = [account.username for account in DEMO_ACCOUNTS]
    users = {u.username: u for u in User.objects.filter(username__in=usernames)}
    grants = {
        g.user_id: g
        for g in RoleGrant.objects.filter(user__username__in=usernames)
        .select_related("region")
        .order_by("-id")
    }
    logins = []
    for account in DEMO_ACCOUNTS:
        user = users.get(account.username)
        if user is None:
            continue
        grant = grants.get(user.pk)
        role = grant.role if grant else "superuser"
        region = grant.region.name if grant else "—"
        logins.append(
            DemoLogin(
                username=user.username,
                phone=user.phone or "",
                role=role,
                region=region,
                password=DEMO_PASSWORD,
            )
        )
    return logins
