"""Staff pages of volunteers: find them within scope, see one, consent, suspend, register."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from volcity.accounts.roles import Role
from volcity.registry.models import Volunteer
from volcity.registry.services import membership_apply
from volcity.registry.tests.helpers import active_team, id_number, phone, register

pytestmark = pytest.mark.django_db


def in_english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def volunteers_page(client: Client, **query: Any) -> bytes:
    response = client.get(reverse("registry:volunteers"), query)
    assert response.status_code == 200
    return response.content


def test_town_admin_sees_their_towns_volunteers_only_with_masked_phones(city, client_as):
    near = register(city["village11"].code, name="王一")
    far = register(city["village21"].code, name="李二")
    page = volunteers_page(client_as("town_admin"))
    assert near.number.encode() in page and far.number.encode() not in page
    assert near.user.phone.encode() not in page
    assert (near.user.phone[:3] + "****" + near.user.phone[-4:]).encode() in page
    assert far.number.encode() in volunteers_page(client_as("other_town_admin"))


def test_search_by_name_number_phone_and_skill(city, client_as):
    wang = register(city["village11"].code, name="王大力", skills=["driving"])
    li = register(city["village11"].code, name="李小花", skills=["cooking"])
    client = client_as("city_admin")
    assert li.number.encode() not in volunteers_page(client, q="王")
    assert wang.number.encode() in volunteers_page(client, q="王")
    assert wang.number.encode() not in volunteers_page(client, q=li.number)
    assert li.number.encode() in volunteers_page(client, q=li.user.phone)
    by_skill = volunteers_page(client, skill="cooking")
    assert li.number.encode() in by_skill and wang.number.encode() not in by_skill
    by_region = volunteers_page(client, region=city["town1"].code)
    assert li.number.encode() in by_region


def test_volunteer_list_stays_within_budget_and_pages_with_more(
    city, client_as, django_assert_max_num_queries
):
    for n in range(55):
        register(city["village11"].code, name=f"志愿者{n}")
    client = client_as("town_admin")
    with django_assert_max_num_queries(10):
        page = client.get(reverse("registry:volunteers"), {"skill": "first_aid"})
    assert page.content.count(b"<tr><td>") == 50
    assert b'id="more-row"' in page.content
    last = Volunteer.objects.order_by("pk")[49].pk
    more = client.get(
        reverse("registry:volunteers"),
        {"skill": "first_aid", "after": last},
        HTTP_HX_REQUEST="true",
    )
    assert more.content.count(b"<tr><td>") == 5
    assert b"<html" not in more.content and b'id="more-row"' not in more.content


def test_people_without_a_staff_role_are_refused(client_as):
    assert client_as("volunteer").get(reverse("registry:volunteers")).status_code == 403
    assert client_as("dispatcher").get(reverse("registry:volunteers")).status_code == 403


def test_team_leader_sees_only_the_people_of_their_team(city, people, make_user):
    team = active_team(people["town_admin"], city["town1"].code)
    member = register(city["village11"].code)
    stranger = register(city["village11"].code)
    membership_apply(volunteer=member, team=team)
    leader = make_user(Role.TEAM_LEADER, "town1", team_id=team.pk)
    client = Client()
    client.force_login(leader, backend="volcity.accounts.backends.PhoneOrUsernameBackend")
    page = volunteers_page(client)
    assert member.number.encode() in page and stranger.number.encode() not in page
    detail = client.get(reverse("registry:volunteer", kwargs={"volunteer_id": member.pk}))
    assert detail.status_code == 200
    assert b"Suspend" not in in_english(client).get(detail.wsgi_request.path).content
    refused = client.get(reverse("registry:volunteer", kwargs={"volunteer_id": stranger.pk}))
    assert refused.status_code == 404


def test_detail_outside_scope_is_not_found_and_shows_masked_id(city, client_as):
    volunteer = register(city["village11"].code)
    url = reverse("registry:volunteer", kwargs={"volunteer_id": volunteer.pk})
    assert client_as("other_town_admin").get(url).status_code == 404
    page = client_as("town_admin").get(url)
    assert volunteer.user.id_number_masked.encode() in page.content
    assert reverse("accounts:user", kwargs={"user_id": volunteer.user_id}).encode() in page.content


@time_machine.travel(datetime.datetime(2026, 11, 29, 10, 0, tzinfo=datetime.UTC))
def test_admin_records_a_minors_guardian_consent(city, client_as):
    child = register(
        city["village11"].code,
        id_number=id_number("20120501"),
        guardian_name="李母",
        guardian_phone=phone(),
    )
    assert child.status == Volunteer.Status.PENDING_CONSENT
    url = reverse("registry:volunteer_consent", kwargs={"volunteer_id": child.pk})
    assert client_as("other_town_admin").post(url).status_code == 404
    assert client_as("town_admin").post(url, {"note": "监护人到场签字"}).status_code == 302
    child.refresh_from_db()
    assert child.status == Volunteer.Status.ACTIVE and child.guardian_consent_at is not None


def test_suspension_needs_a_reason_beside_the_field_then_reinstates(city, client_as):
    volunteer = register(city["village11"].code)
    client = in_english(client_as("village_admin"))
    suspend = reverse("registry:volunteer_suspend", kwargs={"volunteer_id": volunteer.pk})
    refused = client.post(suspend, {"reason": ""})
    assert refused.status_code == 400 and b'data-field="reason"' in refused.content
    assert client.post(suspend, {"reason": "多次爽约"}).status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.SUSPENDED
    page = client.get(reverse("registry:volunteer", kwargs={"volunteer_id": volunteer.pk}))
    assert "多次爽约".encode() in page.content
    client.post(reverse("registry:volunteer_reinstate", kwargs={"volunteer_id": volunteer.pk}))
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.ACTIVE


def test_staff_register_someone_without_a_phone(city, client_as, people):
    client = client_as("village_admin")
    form = client.get(reverse("registry:volunteer_new"))
    assert city["village11"].name.encode() in form.content
    assert city["village21"].name.encode() not in form.content
    response = client.post(
        reverse("registry:volunteer_new"),
        {"name": "赵老汉", "id_number": id_number("19500101"), "region": city["village11"].code},
    )
    volunteer = Volunteer.objects.get()
    assert response["Location"] == reverse(
        "registry:volunteer", kwargs={"volunteer_id": volunteer.pk}
    )
    assert volunteer.registered_by == people["village_admin"]
    assert volunteer.user.phone is None and not volunteer.user.has_usable_password()


def test_staff_cannot_register_outside_their_region(city, client_as):
    response = in_english(client_as("village_admin")).post(
        reverse("registry:volunteer_new"),
        {"name": "钱某", "id_number": id_number(), "region": city["village21"].code},
    )
    assert response.status_code == 400 and b'data-field="region"' in response.content
    assert not Volunteer.objects.exists()
    assert client_as("team_leader").get(reverse("registry:volunteer_new")).status_code == 403
