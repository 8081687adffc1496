"""Fixtures shared by every test: a small city, people holding each role, signed-in clients."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from volcity.accounts.models import RoleGrant, User
from volcity.accounts.roles import Role
from volcity.accounts.sms import OutboxSmsBackend
from volcity.regions.models import Region

PASSWORD = "Volcity-test-2026"


@pytest.fixture(autouse=True)
def _test_settings(settings: Any) -> None:
    # The outside world (the SMS carrier) is the only thing replaced.
    settings.VOLCITY_SMS_BACKEND = "volcity.accounts.sms.OutboxSmsBackend"
    # Argon2 is the production hasher (tested in test_settings); fixtures need speed.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    OutboxSmsBackend.outbox.clear()
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def city(db: Any) -> dict[str, Region]:
    """Qingzhou with two towns, each with two villages."""
    c = Region.objects.create(
        code="370781000000", name="青州市", level=1, kind="city", path="370781"
    )
    regions = {"city": c}
    for t, (tname, kind) in enumerate([("王府街道", "street"), ("弥河镇", "town")], start=1):
        tcode = f"370781{t:03d}"
        town = Region.objects.create(
            code=tcode + "000", name=tname, level=2, kind=kind, path=tcode, parent=c
        )
        regions[f"town{t}"] = town
        for v in (1, 2):
            vcode = f"{tcode}{v:03d}"
            regions[f"village{t}{v}"] = Region.objects.create(
                code=vcode,
                name=f"{tname}第{v}村",
                level=3,
                kind="community" if kind == "street" else "village",
                path=vcode,
                parent=town,
            )
    return regions


@pytest.fixture
def make_user(city: dict[str, Region]) -> Callable[..., User]:
    counter = {"n": 0}

    def make(
        role: str | None = None,
        region: str = "city",
        *,
        home: str | None = None,
        team_id: int | None = None,
        **fields: Any,
    ) -> User:
        counter["n"] += 1
        n = counter["n"]
        fields.setdefault("username", f"{role or 'person'}{n}")
        fields.setdefault("display_name", f"测试{n}")
        fields.setdefault("phone", f"1390000{n:04d}")
        user = User(home_region=city[home or region], **fields)
        user.set_password(PASSWORD)
        user.save()
        if role is not None:
            RoleGrant.objects.create(user=user, role=role, region=city[region], team_id=team_id)
        return user

    return make


@pytest.fixture
def people(make_user: Callable[..., User]) -> dict[str, User]:
    """One person per role, placed as the demo city places them. As in the demo city,
    the city administrator holds the permission to reveal personal numbers."""
    from django.contrib.auth.models import Permission

    found = {
        "city_admin": make_user(Role.CITY_ADMIN, "city"),
        "town_admin": make_user(Role.TOWN_ADMIN, "town1"),
        "village_admin": make_user(Role.VILLAGE_ADMIN, "village11"),
        "other_town_admin": make_user(Role.TOWN_ADMIN, "town2"),
        "team_leader": make_user(Role.TEAM_LEADER, "town1", team_id=1),
        "volunteer": make_user(Role.VOLUNTEER, "village11"),
        "dispatcher": make_user(Role.DISPATCHER, "city"),
        "virtue_clerk": make_user(Role.VIRTUE_CLERK, "village11"),
        "warehouse_keeper": make_user(Role.WAREHOUSE_KEEPER, "city"),
        "station_keeper": make_user(Role.STATION_KEEPER, "village11"),
        "donor": make_user(Role.DONOR, "city"),
        "resident": make_user(Role.RESIDENT, "village12"),
        "nobody": make_user(None, "village21"),
    }
    found["city_admin"].user_permissions.add(
        Permission.objects.get(codename="reveal_personal_data")
    )
    return found


@pytest.fixture
def client_as(people: dict[str, User]) -> Callable[[str | None], Client]:
    def make(name: str | None) -> Client:
        c = Client()
        if name is not None:
            c.force_login(people[name], backend="volcity.accounts.backends.PhoneOrUsernameBackend")
        return c

    return make
