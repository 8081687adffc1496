"""The volunteer's own pages: register on a phone, see the card, correct, delete, my teams."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from volcity.accounts.models import User
from volcity.registry.models import Membership, Volunteer
from volcity.registry.services import membership_apply, membership_invite
from volcity.registry.tests.helpers import active_team, id_number, phone, register

pytestmark = pytest.mark.django_db


def in_english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user, backend="volcity.accounts.backends.PhoneOrUsernameBackend")
    return client


def form_data(region: str, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "张小明",
        "id_number": id_number("19900307"),
        "phone": phone(),
        "password": PASSWORD,
        "town": region[:9] + "000",
        "region": region,
        "skills": ["first_aid", "driving"],
        "categories": ["elderly"],
        "available_times": ["weekend_morning"],
        "political_status": "masses",
        "emergency_name": "张父",
        "emergency_phone": phone(),
    }
    data.update(overrides)
    return data


def test_register_page_offers_towns_and_loads_their_villages_with_htmx(city):
    page = Client().get(reverse("registry:register"))
    assert page.status_code == 200
    assert b'hx-get="/registry/register/villages/"' in page.content
    # Without JavaScript the village list holds every village, grouped by town.
    assert city["village11"].name.encode() in page.content
    assert city["village21"].name.encode() in page.content
    fragment = Client().get(reverse("registry:villages"), {"town": city["town2"].code})
    assert city["village21"].name.encode() in fragment.content
    assert city["village11"].name.encode() not in fragment.content
    assert b'name="region"' in fragment.content and b'id="id_region"' in fragment.content


def test_new_person_registers_is_signed_in_and_sees_their_number(city):
    client = Client()
    response = client.post(reverse("registry:register"), form_data(city["village11"].code))
    assert response.status_code == 302 and response["Location"] == reverse("registry:me")
    volunteer = Volunteer.objects.get(user__display_name="张小明")
    assert volunteer.status == Volunteer.Status.ACTIVE
    assert sorted(s.code for s in volunteer.skills.all()) == ["driving", "first_aid"]
    card = in_english(client).get(reverse("registry:me"))
    assert volunteer.number.encode() in card.content
    assert b"First aid" in card.content and b"Active" in card.content
    assert volunteer.user.id_number_masked.encode() in card.content


def test_bad_registration_names_every_field_and_saves_nothing(city):
    response = in_english(Client()).post(
        reverse("registry:register"),
        {"name": "", "id_number": "370781199003071234", "phone": "12345", "password": "x"},
    )
    assert response.status_code == 400
    for field in ("id_number", "phone", "region", "password"):
        assert f'data-field="{field}"'.encode() in response.content, field
    assert not Volunteer.objects.exists()
    assert not User.objects.filter(display_name="张小明").exists()


def test_second_registration_with_the_same_id_number_is_refused_beside_the_field(city):
    number = id_number()
    register(city["village11"].code, id_number=number)
    response = in_english(Client()).post(
        reverse("registry:register"), form_data(city["village12"].code, id_number=number)
    )
    assert response.status_code == 400
    assert b'data-field="id_number"' in response.content
    assert Volunteer.objects.count() == 1


@time_machine.travel(datetime.datetime(2026, 11, 29, 10, 0, tzinfo=datetime.UTC))
def test_minor_must_name_a_guardian_and_then_waits_for_consent(city):
    child = form_data(city["village11"].code, id_number=id_number("20120501"))
    client = in_english(Client())
    refused = client.post(reverse("registry:register"), child)
    assert refused.status_code == 400
    assert b'data-field="guardian_name"' in refused.content
    assert b'data-field="guardian_phone"' in refused.content
    assert b"<details" in refused.content and b" open>" in refused.content
    child.update(guardian_name="李母", guardian_phone=phone(), guardian_relation="母亲")
    assert client.post(reverse("registry:register"), child).status_code == 302
    assert Volunteer.objects.get().status == Volunteer.Status.PENDING_CONSENT
    card = client.get(reverse("registry:me"))
    assert b"Waiting for guardian consent" in card.content


def test_signed_in_person_attaches_the_registration_to_their_account(city, people):
    client = signed_in(people["resident"])
    page = client.get(reverse("registry:register"))
    assert b'name="password"' not in page.content
    assert people["resident"].display_name.encode() in page.content
    data = form_data(city["village12"].code, phone=people["resident"].phone)
    del data["password"]
    assert client.post(reverse("registry:register"), data).status_code == 302
    assert Volunteer.objects.get().user == people["resident"]


def test_a_registered_volunteer_is_sent_to_their_card(city):
    volunteer = register(city["village11"].code)
    response = signed_in(volunteer.user).get(reverse("registry:register"))
    assert response["Location"] == reverse("registry:me")


def test_someone_not_registered_is_sent_to_register_from_the_card(people):
    response = signed_in(people["resident"]).get(reverse("registry:me"))
    assert response["Location"] == reverse("registry:register")


def test_card_lists_teams_within_its_query_budget(city, people, django_assert_max_num_queries):
    volunteer = register(city["village11"].code)
    for n in range(5):
        team = active_team(people["town_admin"], city["town1"].code, name=f"服务队{n}")
        membership_apply(volunteer=volunteer, team=team)
    client = signed_in(volunteer.user)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("registry:me"))
    assert page.content.count(b'data-testid="membership-') == 5


def test_volunteer_corrects_their_details_but_not_the_id_number(city):
    volunteer = register(city["village11"].code)
    client = in_english(signed_in(volunteer.user))
    page = client.get(reverse("registry:me_edit"))
    assert b'name="id_number"' not in page.content
    data = form_data(city["village12"].code, phone=volunteer.user.phone, skills=["cooking"])
    del data["password"], data["id_number"]
    response = client.post(reverse("registry:me_edit"), data)
    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.region_id == city["village12"].code
    assert [s.code for s in volunteer.skills.all()] == ["cooking"]


def test_correction_with_a_bad_phone_is_refused_beside_the_field(city):
    volunteer = register(city["village11"].code)
    data = form_data(city["village11"].code, phone="999")
    del data["password"], data["id_number"]
    response = in_english(signed_in(volunteer.user)).post(reverse("registry:me_edit"), data)
    assert response.status_code == 400
    assert b'data-field="phone"' in response.content


def test_deleting_asks_first_then_anonymises_and_signs_out(city):
    volunteer = register(city["village11"].code)
    client = signed_in(volunteer.user)
    assert client.get(reverse("registry:me_delete")).status_code == 200
    assert Volunteer.objects.get().status == Volunteer.Status.ACTIVE
    response = client.post(reverse("registry:me_delete"))
    assert response["Location"] == reverse("portal:home")
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.DELETED
    assert not User.objects.get(pk=volunteer.user_id).is_active
    assert client.get(reverse("registry:me")).status_code == 302  # signed out


def test_volunteer_withdraws_an_application_and_accepts_an_invitation(city, people):
    volunteer = register(city["village11"].code)
    first = active_team(people["town_admin"], city["town1"].code, name="一队")
    second = active_team(people["town_admin"], city["town1"].code, name="二队")
    applied = membership_apply(volunteer=volunteer, team=first)
    invited = membership_invite(actor=people["town_admin"], volunteer=volunteer, team=second)
    client = signed_in(volunteer.user)
    client.post(reverse("registry:membership_withdraw", kwargs={"membership_id": applied.pk}))
    client.post(reverse("registry:membership_accept", kwargs={"membership_id": invited.pk}))
    assert Membership.objects.get(pk=applied.pk).status == Membership.Status.WITHDRAWN
    assert Membership.objects.get(pk=invited.pk).status == Membership.Status.ACTIVE
    client.post(reverse("registry:membership_leave", kwargs={"membership_id": invited.pk}))
    assert Membership.objects.get(pk=invited.pk).status == Membership.Status.LEFT


def test_a_wrong_step_is_explained_not_applied(city, people):
    volunteer = register(city["village11"].code)
    team = active_team(people["town_admin"], city["town1"].code)
    applied = membership_apply(volunteer=volunteer, team=team)
    client = in_english(signed_in(volunteer.user))
    response = client.post(
        reverse("registry:membership_leave", kwargs={"membership_id": applied.pk}), follow=True
    )
    assert b"not possible from the record" in response.content
    assert Membership.objects.get(pk=applied.pk).status == Membership.Status.APPLIED


def test_someone_elses_membership_is_not_found(city, people):
    owner = register(city["village11"].code)
    other = register(city["village12"].code)
    team = active_team(people["town_admin"], city["town1"].code)
    applied = membership_apply(volunteer=owner, team=team)
    response = signed_in(other.user).post(
        reverse("registry:membership_withdraw", kwargs={"membership_id": applied.pk})
    )
    assert response.status_code == 404
    assert Membership.objects.get(pk=applied.pk).status == Membership.Status.APPLIED


def test_the_accounts_own_mobile_number_is_kept_when_attaching(city, people):
    client = signed_in(people["resident"])
    data = form_data(city["village12"].code, phone="13912345678")
    del data["password"]
    assert client.post(reverse("registry:register"), data).status_code == 302
    assert User.objects.get(pk=people["resident"].pk).phone == people["resident"].phone
