from __future__ import annotations

import datetime

import pytest
import time_machine

from volcity.accounts.errors import DuplicateIdNumber
from volcity.accounts.models import RoleGrant, User
from volcity.audit.models import AuditEntry
from volcity.core.errors import DomainError
from volcity.core.privacy import decrypt_text
from volcity.registry.errors import AlreadyVolunteer, NotAllowed
from volcity.registry.models import Volunteer
from volcity.registry.services import (
    volunteer_delete,
    volunteer_record_consent,
    volunteer_register,
    volunteer_suspend,
    volunteer_update,
)
from volcity.registry.tests.helpers import id_number, register, volunteer_data
from volcity.registry.validation import RegistrationInvalid

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 29)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 11, 29, 10, 0, tzinfo=datetime.UTC)):
        yield


def test_person_registers_and_gets_a_number_an_account_and_the_volunteer_role(city):
    number = id_number("19900307", sex="F")
    v = register(city["village11"].code, id_number=number, name="李 小红")
    user = User.objects.get(pk=v.user_id)
    assert v.number == user.username and len(v.number) == 14 and v.number.startswith("370781")
    assert v.status == Volunteer.Status.ACTIVE
    assert user.display_name == "李 小红"
    assert user.birth_date == datetime.date(1990, 3, 7) and user.sex == "F"
    assert decrypt_text(user.id_number_cipher) == number
    assert user.check_password("Volcity-test-2026")
    assert RoleGrant.objects.filter(user=user, role="volunteer", region=city["village11"]).exists()
    assert [s.code for s in v.skills.all()] == ["first_aid"]
    assert AuditEntry.objects.filter(action="registry.volunteer.registered").count() == 1


def test_numbers_are_issued_in_order(city):
    a = register(city["village11"].code)
    b = register(city["village12"].code)
    assert int(b.number) == int(a.number) + 1


def test_one_registration_per_id_number_even_typed_differently(city):
    number = id_number()
    register(city["village11"].code, id_number=number)
    with pytest.raises(DuplicateIdNumber) as exc:
        register(
            city["village12"].code, id_number=f"{number[:6]} {number[6:14]} {number[14:]}".lower()
        )
    assert "id_number" in exc.value.fields
    assert Volunteer.objects.count() == 1


def test_every_bad_field_is_named_at_once_and_nothing_is_saved(city):
    with pytest.raises(RegistrationInvalid) as exc:
        register(
            "370781002000",
            id_number="370781199003070010",
            phone="0536-1234567",
            skills=["juggling"],
            political_status="king",
            name="",
        )
    assert set(exc.value.fields) == {
        "name",
        "id_number",
        "phone",
        "region",
        "skills",
        "political_status",
    }
    assert (
        not Volunteer.objects.exists() and not User.objects.filter(phone__startswith="136").exists()
    )


def test_a_minor_waits_for_guardian_consent(city, people):
    with pytest.raises(RegistrationInvalid) as exc:
        register(city["village11"].code, id_number=id_number("20120101"))
    assert {"guardian_name", "guardian_phone"} <= set(exc.value.fields)
    v = register(
        city["village11"].code,
        id_number=id_number("20120101"),
        guardian_name="王大山",
        guardian_phone="13700001111",
        guardian_relation="父亲",
    )
    assert v.status == Volunteer.Status.PENDING_CONSENT
    with pytest.raises(NotAllowed):
        volunteer_record_consent(actor=people["other_town_admin"], volunteer=v)
    volunteer_record_consent(actor=people["village_admin"], volunteer=v, note="监护人签字")
    v.refresh_from_db()
    assert v.status == Volunteer.Status.ACTIVE
    assert v.guardian_consent_by == people["village_admin"]


def test_young_children_do_not_register_alone(city, settings):
    settings.VOLCITY_MIN_VOLUNTEER_AGE = 6
    with pytest.raises(RegistrationInvalid) as exc:
        register(
            city["village11"].code,
            id_number=id_number("20230101"),
            guardian_name="王大山",
            guardian_phone="13700001111",
        )
    assert "id_number" in exc.value.fields


def test_database_refuses_an_active_minor_without_consent(city):
    from django.db import IntegrityError, transaction

    v = register(
        city["village11"].code,
        id_number=id_number("20120101"),
        guardian_name="王大山",
        guardian_phone="13700001111",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Volunteer.objects.filter(pk=v.pk).update(status="active")


def test_staff_register_someone_without_a_phone_only_in_their_region(city, people):
    data = volunteer_data(city["village12"].code, phone="")
    v = volunteer_register(data=data, actor=people["town_admin"])
    assert v.user.phone is None and not v.user.has_usable_password()
    assert v.registered_by == people["town_admin"]
    with pytest.raises(NotAllowed):
        volunteer_register(
            data=volunteer_data(city["village21"].code, phone=""), actor=people["town_admin"]
        )


def test_the_person_must_give_a_phone_to_register_themselves(city):
    with pytest.raises(RegistrationInvalid) as exc:
        register(city["village11"].code, phone="")
    assert "phone" in exc.value.fields


def test_a_signed_in_account_becomes_a_volunteer_once(city, people):
    account = people["resident"]
    v = volunteer_register(
        data=volunteer_data(city["village12"].code, phone=account.phone), account=account
    )
    assert v.user == account
    with pytest.raises(AlreadyVolunteer):
        volunteer_register(data=volunteer_data(city["village12"].code), account=account)


def test_correcting_details_keeps_the_id_number_locked(city, people):
    number = id_number()
    v = register(city["village11"].code, id_number=number)
    volunteer_update(
        actor=v.user,
        volunteer=v,
        data=volunteer_data(
            city["village12"].code,
            id_number=number,
            phone=v.user.phone,
            name="改了名",
            skills=["driving"],
        ),
    )
    v.refresh_from_db()
    assert v.region == city["village12"] and v.user.display_name == "改了名"
    assert [s.code for s in v.skills.all()] == ["driving"]
    with pytest.raises(DomainError) as exc:
        volunteer_update(
            actor=v.user,
            volunteer=v,
            data=volunteer_data(city["village12"].code, phone=v.user.phone),
        )
    assert exc.value.code == "id_number_locked"
    with pytest.raises(NotAllowed):
        volunteer_update(
            actor=people["other_town_admin"],
            volunteer=v,
            data=volunteer_data(city["village12"].code, id_number=number),
        )


def test_deleting_erases_identity_and_keeps_statistics(city):
    number = id_number("19850615", sex="F")
    v = register(city["village11"].code, id_number=number)
    volunteer_delete(actor=v.user, volunteer=v)
    v.refresh_from_db()
    user = v.user
    assert v.status == Volunteer.Status.DELETED and v.region == city["village11"]
    assert user.phone is None and user.id_number_cipher == "" and user.id_number_digest is None
    assert user.display_name == "已注销志愿者" and not user.is_active
    assert user.birth_date == datetime.date(1985, 1, 1) and user.sex == "F"
    # The number can register again: it is no longer held.
    again = register(city["village11"].code, id_number=number)
    assert again.pk != v.pk


def test_only_the_person_deletes_their_registration(city, people):
    v = register(city["village11"].code)
    with pytest.raises(NotAllowed):
        volunteer_delete(actor=people["town_admin"], volunteer=v)


def test_suspension_needs_a_reason(city, people):
    from volcity.core.lifecycle import ReasonRequired

    v = register(city["village11"].code)
    with pytest.raises(ReasonRequired):
        volunteer_suspend(actor=people["town_admin"], volunteer=v, reason="")
    volunteer_suspend(actor=people["town_admin"], volunteer=v, reason="多次爽约")
    v.refresh_from_db()
    assert v.status == "suspended"
