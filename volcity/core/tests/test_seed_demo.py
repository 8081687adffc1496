"""``seed_demo``: the demo city, its demo logins and volunteers, deterministic per seed."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.hashers import check_password
from django.core.management import CommandError, call_command
from django.test import override_settings

from volcity.accounts.models import User
from volcity.accounts.roles import Role
from volcity.accounts.scope import scope_for
from volcity.accounts.seed import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    IdNumbers,
    staff_specs,
    volunteer_specs,
)
from volcity.audit.models import AuditEntry
from volcity.core.privacy import decrypt_text, parse_id_number
from volcity.core.seeding import mobile_number, seed_steps
from volcity.regions.demo_data import QINGZHOU_TOWNS
from volcity.regions.models import Region

SCALE = 0.0005
SEED = 7
VOLUNTEERS = 80  # 160,400 × 0.0005


def seed_demo(*args: str, **options: object) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


@pytest.fixture
def seeded(db: None) -> str:
    return seed_demo(scale=SCALE, seed=SEED)


def volunteers() -> list[User]:
    return list(User.objects.filter(username__regex=r"^v[0-9]{7}$").order_by("username"))


def expected_volunteers(seed: int) -> list[tuple[str, str, str, str]]:
    """(username, name, phone, village) as the pure generators make them, no database."""
    villages = list(
        Region.objects.filter(level=Region.Level.VILLAGE)
        .order_by("code")
        .values_list("code", flat=True)
    )
    ids = IdNumbers("370781")
    staff_specs(seed=seed, anchors={"city": "", "town": "", "village": ""}, ids=ids)
    return [
        (p.username, p.display_name, p.phone, p.region_code)
        for p in volunteer_specs(seed=seed, count=VOLUNTEERS, village_codes=villages, ids=ids)
    ]


def wipe_seeded_rows() -> None:
    """Back to an empty city (the audit log is append-only and stays): the registry's rows
    first, since they point at the accounts."""
    from volcity.registry.tests.test_seed import wipe

    wipe()


def test_seed_builds_the_city_and_qingzhous_twelve_towns(seeded: str) -> None:
    city = Region.objects.get(level=Region.Level.CITY)
    assert (city.code, city.path, city.name, city.kind) == (
        "370781000000",
        "370781",
        "青州市",
        "city",
    )
    towns = list(Region.objects.filter(level=Region.Level.TOWN).order_by("code"))
    assert [(t.name, t.kind) for t in towns] == list(QINGZHOU_TOWNS)
    assert [t.code for t in towns] == [f"370781{n:03d}000" for n in range(1, 13)]
    assert all(t.parent_id == city.code and not t.generated_name for t in towns)
    assert all(len(t.path) == 9 for t in towns)


def test_every_town_has_villages_coded_under_its_prefix(seeded: str) -> None:
    for town in Region.objects.filter(level=Region.Level.TOWN):
        villages = list(Region.objects.filter(parent=town))
        assert len(villages) >= 3
        kind = "community" if town.kind == "street" else "village"
        for village in villages:
            assert village.code.startswith(town.path)
            assert village.path == village.code and len(village.code) == 12
            assert village.level == Region.Level.VILLAGE and village.kind == kind
            assert village.generated_name
        assert len({v.name for v in villages}) == len(villages)


def test_demo_accounts_hold_their_grants_where_promised(seeded: str) -> None:
    users = {
        u.username: u for u in User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS])
    }
    assert list(users) and len(users) == len(DEMO_ACCOUNTS)
    first_town = Region.objects.get(code="370781001000")
    first_village = Region.objects.filter(parent=first_town).order_by("code").first()
    assert first_village is not None
    where = {"city": "370781000000", "town": first_town.code, "village": first_village.code}
    for position, account in enumerate(DEMO_ACCOUNTS, start=1):
        user = users[account.username]
        assert user.phone == "138" + f"{position:08d}"
        grants = list(user.grants.values_list("role", "region_id", "team_id"))
        if account.role is None:
            assert grants == []
        else:
            assert grants == [(account.role, where[account.where], account.team_id)]
        assert user.display_name and user.id_number_masked
        assert parse_id_number(decrypt_text(user.id_number_cipher)).birth_date == user.birth_date
    assert users["admin"].is_superuser and users["admin"].is_staff
    assert users["city_admin"].is_staff
    assert users["city_admin"].has_perm("accounts.reveal_personal_data")
    assert not users["town_admin"].has_perm("accounts.reveal_personal_data")
    assert users["team_leader"].grants.get(role=Role.TEAM_LEADER).team_id == 1


def test_demo_accounts_share_one_password_hash(seeded: str) -> None:
    hashes = set(
        User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS]).values_list(
            "password", flat=True
        )
    )
    assert len(hashes) == 1
    assert check_password(DEMO_PASSWORD, hashes.pop())


def test_demo_login_works_by_username_and_by_phone(seeded: str) -> None:
    by_name = authenticate(username="town_admin", password=DEMO_PASSWORD)
    by_phone = authenticate(username="13800000003", password=DEMO_PASSWORD)
    assert by_name is not None and by_phone is not None and by_name.pk == by_phone.pk


def test_town_admin_scope_covers_own_town_only(seeded: str) -> None:
    town_admin = User.objects.get(username="town_admin")
    scope = scope_for(town_admin)
    wangfu_village = Region.objects.filter(parent__name="王府街道").first()
    mihe_village = Region.objects.filter(parent__name="弥河镇").first()
    assert wangfu_village is not None and mihe_village is not None
    assert scope.covers_region(wangfu_village.code)
    assert not scope.covers_region(mihe_village.code)


def test_volunteers_have_unique_phones_and_valid_sealed_id_numbers(seeded: str) -> None:
    people = volunteers()
    assert len(people) == VOLUNTEERS
    phones = list(User.objects.values_list("phone", flat=True))
    assert len(phones) == len(set(phones))
    assert not any((v.phone or "138").startswith("138") for v in people)
    digests = [v.id_number_digest for v in people]
    assert len(set(digests)) == len(digests)
    for person in people:
        assert person.password.startswith("!") and not person.has_usable_password()
        info = parse_id_number(decrypt_text(person.id_number_cipher))
        assert info.address_code == "370781"
        assert (info.birth_date, info.sex) == (person.birth_date, person.sex)
        assert person.id_number_masked == info.number[:3] + "*" * 11 + info.number[-4:]
        assert 1950 <= info.birth_date.year <= 2010
        assert person.home_region is not None
        assert person.home_region.level == Region.Level.VILLAGE
        # Team leaders also hold their team's role; the volunteer grant is at home.
        grant = person.grants.get(role=Role.VOLUNTEER)
        assert grant.region_id == person.home_region_id


def test_volunteers_match_the_pure_generators(seeded: str) -> None:
    expected = expected_volunteers(SEED)
    assert expected == expected_volunteers(SEED)
    assert expected != expected_volunteers(SEED + 1)
    stored = [(v.username, v.display_name, v.phone, v.home_region_id) for v in volunteers()]
    assert stored == expected


def test_same_seed_in_a_fresh_database_gives_the_same_city(seeded: str) -> None:
    first_regions = list(Region.objects.values_list("code", "name"))
    first = [(v.username, v.display_name, v.phone, v.home_region_id) for v in volunteers()]
    wipe_seeded_rows()
    seed_demo(scale=SCALE, seed=SEED)
    assert list(Region.objects.values_list("code", "name")) == first_regions
    assert [(v.username, v.display_name, v.phone, v.home_region_id) for v in volunteers()] == first


def test_mobile_numbers_are_distinct_and_seed_dependent() -> None:
    numbers = [mobile_number(i, seed=SEED) for i in range(50_000)]
    assert len(set(numbers)) == len(numbers)
    assert all(len(n) == 11 and n.isdigit() and not n.startswith("138") for n in numbers)
    assert mobile_number(0, seed=SEED) != mobile_number(0, seed=SEED + 1)


def test_each_step_writes_one_audit_entry(seeded: str) -> None:
    entries = list(AuditEntry.objects.filter(action="core.seed.completed").order_by("id"))
    assert [e.changes["step"] for e in entries] == [s.label for s in seed_steps()]
    accounts = entries[[e.changes["step"] for e in entries].index("accounts")]
    assert accounts.changes["rows"]["accounts_user"] == VOLUNTEERS + len(DEMO_ACCOUNTS)
    assert accounts.actor_label == "system"


def test_steps_run_in_installed_apps_order() -> None:
    labels = [s.label for s in seed_steps()]
    assert labels[:2] == ["regions", "accounts"]


def test_summary_lines_give_rows_and_rate(seeded: str) -> None:
    assert "regions" in seeded and "accounts" in seeded
    assert seeded.count("rows/s") >= 3


def test_if_empty_skips_a_seeded_database(seeded: str) -> None:
    users_before = User.objects.count()
    out = seed_demo("--if-empty", scale=SCALE, seed=SEED + 1)
    assert "nothing done" in out
    assert User.objects.count() == users_before


def test_seeding_twice_without_if_empty_is_refused(seeded: str) -> None:
    with pytest.raises(CommandError, match="already holds regions"):
        seed_demo(scale=SCALE, seed=SEED)


@pytest.mark.django_db
@pytest.mark.parametrize("scale", ["0", "-0.1", "1.5", "abc", "nan", "inf"])
def test_bad_scale_is_refused_naming_the_option(scale: str) -> None:
    with pytest.raises(CommandError, match="--scale"):
        seed_demo("--scale", scale)
    assert not Region.objects.exists()


@pytest.mark.django_db
def test_bad_seed_is_refused() -> None:
    with pytest.raises(CommandError, match="--seed"):
        seed_demo("--seed", "seven")


@pytest.mark.django_db
@override_settings(VOLCITY_CITY_CODE="370702", VOLCITY_CITY_NAME="潍城区")
def test_another_city_gets_twelve_generated_towns() -> None:
    seed_demo(scale=SCALE, seed=SEED)
    city = Region.objects.get(level=Region.Level.CITY)
    assert (city.code, city.name) == ("370702000000", "潍城区")
    towns = list(Region.objects.filter(level=Region.Level.TOWN).order_by("code"))
    assert len(towns) == 12 and all(t.generated_name for t in towns)
    assert len({t.name for t in towns}) == 12
    assert [t.kind for t in towns] == ["street"] * 4 + ["town"] * 8
    person = volunteers()[0]
    assert parse_id_number(decrypt_text(person.id_number_cipher)).address_code == "370702"


def test_demo_logins_lists_every_demo_account(seeded: str) -> None:
    out = StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    for account in DEMO_ACCOUNTS:
        assert account.username in text
    assert DEMO_PASSWORD in text and "http://127.0.0.1:8000/" in text and "王府街道" in text


@pytest.mark.django_db
def test_demo_logins_before_seeding_says_how_to_seed() -> None:
    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert "seed_demo" in out.getvalue()
