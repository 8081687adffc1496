from __future__ import annotations

import pytest

from volcity.accounts.errors import DuplicateIdNumber, DuplicatePhone, RevealNotAllowed
from volcity.accounts.models import User
from volcity.accounts.services import user_create, user_reveal_id_number, user_set_id_number
from volcity.audit.models import AuditEntry
from volcity.core.errors import DomainError
from volcity.core.privacy import InvalidIdNumber, InvalidPhone, id_check_character

pytestmark = pytest.mark.django_db


def valid_id(body: str = "37078119500307001") -> str:
    return body + id_check_character(body)


def test_account_created_with_id_number_stores_it_encrypted_and_masked(city):
    number = valid_id()
    user = user_create(
        username="zhang",
        display_name="张三",
        phone="138 0013 8000",
        home_region=city["village11"],
        id_number=number.lower(),
    )
    user.refresh_from_db()
    assert user.phone == "13800138000"
    assert user.id_number_masked == number[:3] + "*" * 11 + number[-4:]
    assert number not in user.id_number_cipher
    assert user.birth_date is not None and user.birth_date.isoformat() == "1950-03-07"
    assert user.sex == "M"
    assert not user.has_usable_password()
    entry = AuditEntry.objects.get(action="accounts.user.created", object_id=str(user.pk))
    assert number not in str(entry.changes)
    assert "13800138000" not in str(entry.changes)


def test_one_registration_per_id_number(city):
    number = valid_id()
    user_create(username="a", display_name="甲", id_number=number, home_region=city["town1"])
    with pytest.raises(DuplicateIdNumber) as exc:
        user_create(
            username="b",
            display_name="乙",
            id_number=f" {number[:6]} {number[6:]}",
            home_region=city["town1"],
        )
    assert "id_number" in exc.value.fields
    assert User.objects.filter(username="b").count() == 0


def test_duplicate_phone_is_refused_naming_the_field(city):
    user_create(username="a", display_name="甲", phone="13800138000", home_region=city["town1"])
    with pytest.raises(DuplicatePhone) as exc:
        user_create(
            username="b", display_name="乙", phone="+86 13800138000", home_region=city["town1"]
        )
    assert exc.value.as_dict()["fields"] == {"phone": [str(exc.value.message)]}


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("370781195003070010", "id_number_checksum"),
        ("370781195002300010", "id_number_birth_date"),
        ("999999195003070010", "id_number_region"),
        ("3707811950", "id_number_format"),
    ],
)
def test_invalid_id_numbers_are_named_as_such(city, raw, code):
    with pytest.raises(InvalidIdNumber) as exc:
        user_create(username="x", display_name="某", id_number=raw, home_region=city["town1"])
    assert exc.value.code == code
    assert "id_number" in exc.value.fields
    assert not User.objects.filter(username="x").exists()


def test_landline_is_not_a_mobile(city):
    with pytest.raises(InvalidPhone):
        user_create(
            username="x", display_name="某", phone="0536-3212345", home_region=city["town1"]
        )


def test_weak_password_names_the_password_field(city):
    with pytest.raises(DomainError) as exc:
        user_create(username="x", display_name="某", password="123", home_region=city["town1"])
    assert exc.value.code == "password_weak"
    assert "password" in exc.value.fields


def test_reveal_needs_the_permission_and_writes_an_audit_row(people, city):
    from django.contrib.auth.models import Permission

    target = people["volunteer"]
    number = valid_id("37078120010101002")
    user_set_id_number(user=target, raw=number)
    admin = people["town_admin"]
    with pytest.raises(RevealNotAllowed):
        user_reveal_id_number(actor=admin, user=target, reason="核对身份")
    admin.user_permissions.add(Permission.objects.get(codename="reveal_personal_data"))
    admin = User.objects.get(pk=admin.pk)
    assert user_reveal_id_number(actor=admin, user=target, reason="核对身份") == number
    entry = AuditEntry.objects.get(action="accounts.id_number.revealed")
    assert entry.actor_id == admin.pk and entry.object_id == str(target.pk)
    assert entry.changes == {"reason": "核对身份"}


def test_reveal_outside_scope_is_refused_even_with_the_permission(people):
    from django.contrib.auth.models import Permission

    target = people["nobody"]  # lives in town 2
    user_set_id_number(user=target, raw=valid_id("37078119800101003"))
    admin = people["town_admin"]
    admin.user_permissions.add(Permission.objects.get(codename="reveal_personal_data"))
    admin = User.objects.get(pk=admin.pk)
    with pytest.raises(RevealNotAllowed):
        user_reveal_id_number(actor=admin, user=target, reason="查看")
