"""The registry API for volunteers: registering three ways, finding, reading, correcting."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from conftest import PASSWORD
from volcity.accounts.models import RoleGrant, User
from volcity.registry.models import Volunteer
from volcity.registry.tests.api_helpers import (
    active_team,
    adult_id,
    leader,
    member,
    phone,
    register_by_staff,
    send,
    signed_in,
    volunteer_data,
)

pytestmark = pytest.mark.django_db

VILLAGE11 = "370781001001"
VILLAGE21 = "370781002001"


def body(region: str = VILLAGE11, **fields: object) -> dict[str, object]:
    data = volunteer_data(region)
    found: dict[str, object] = {"name": data.name, "id_number": data.id_number, "region": region}
    found.update(fields)
    return found


# ---------------------------------------------------------------- registering


def test_anyone_registers_a_new_account_with_phone_and_password(city):
    mobile = phone()
    response = send(
        Client(),
        "POST",
        "/volunteers",
        body(name="王小明", phone=mobile, password=PASSWORD, skills=["first_aid"]),
    )
    assert response.status_code == 201, response.content
    out = response.json()
    assert out["status"] == "active"
    assert out["skills"] == ["first_aid"]
    # Not signed in: the answer carries no personal data in the clear.
    assert out["name"] == "王*"
    assert out["phone"] == mobile[:3] + "****" + mobile[-4:]
    token = Client().post(
        "/api/v1/accounts/token",
        json.dumps({"identifier": mobile, "password": PASSWORD}),
        content_type="application/json",
    )
    assert token.status_code == 201
    me = Client().get(
        "/api/v1/registry/volunteers/me", HTTP_AUTHORIZATION=f"Bearer {token.json()['token']}"
    )
    assert me.json()["number"] == out["number"]
    assert me.json()["phone"] == mobile
    assert me.json()["name"] == "王小明"


def test_registering_without_signing_in_needs_a_password(city):
    response = send(Client(), "POST", "/volunteers", body(phone=phone()))
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"
    assert list(response.json()["fields"]) == ["password"]
    assert not Volunteer.objects.exists()


def test_registering_without_signing_in_needs_a_phone(city):
    response = send(Client(), "POST", "/volunteers", body(password=PASSWORD))
    assert response.status_code == 400
    assert "phone" in response.json()["fields"]


def test_a_bad_bearer_token_is_refused_not_taken_as_anonymous(city):
    response = send(
        Client(),
        "POST",
        "/volunteers",
        body(phone=phone(), password=PASSWORD),
        HTTP_AUTHORIZATION="Bearer vc_wrong",
    )
    assert response.status_code == 401
    assert not Volunteer.objects.exists()


def test_anonymous_registrations_are_throttled_per_address(city, settings):
    settings.VOLCITY_API_SIGNUPS_PER_HOUR = 1
    first = send(Client(), "POST", "/volunteers", body(phone=phone(), password=PASSWORD))
    second = send(Client(), "POST", "/volunteers", body(phone=phone(), password=PASSWORD))
    assert first.status_code == 201
    assert second.status_code == 429
    assert second.json()["code"] == "registration_throttled"
    assert Volunteer.objects.count() == 1


def test_signed_in_person_registers_their_own_account(people):
    resident = people["resident"]
    response = send(
        signed_in(resident),
        "POST",
        "/volunteers",
        body(name="李四", self=True, categories=["elderly"], available_times=["any_time"]),
    )
    assert response.status_code == 201, response.content
    out = response.json()
    # The phone defaults to the account's, shown in full to the person.
    assert out["phone"] == resident.phone
    assert out["name"] == "李四"
    assert out["categories"] == ["elderly"]
    assert Volunteer.objects.get(number=out["number"]).user == resident
    assert RoleGrant.objects.filter(user=resident, role="volunteer").exists()


def test_registering_oneself_twice_is_a_conflict(people):
    client = signed_in(people["resident"])
    first = send(client, "POST", "/volunteers", body(self=True))
    again = send(client, "POST", "/volunteers", body(self=True))
    assert first.status_code == 201
    assert again.status_code == 409
    assert again.json()["code"] in {"already_volunteer", "id_number_mismatch"}


def test_self_registration_needs_signing_in(city):
    response = send(Client(), "POST", "/volunteers", body(self=True, phone=phone()))
    assert response.status_code == 401


def test_staff_register_someone_without_a_phone(people):
    response = send(signed_in(people["town_admin"]), "POST", "/volunteers", body(name="赵老汉"))
    assert response.status_code == 201, response.content
    out = response.json()
    assert out["phone"] == ""
    assert out["name"] == "赵老汉"
    volunteer = Volunteer.objects.get(number=out["number"])
    assert volunteer.registered_by == people["town_admin"]
    assert not volunteer.user.has_usable_password()


def test_staff_register_only_in_their_own_regions(people):
    response = send(
        signed_in(people["other_town_admin"]), "POST", "/volunteers", body(region=VILLAGE11)
    )
    assert response.status_code == 403
    assert "region" in response.json()["fields"]
    assert not Volunteer.objects.exists()


def test_only_administrators_register_other_people(people):
    response = send(signed_in(people["dispatcher"]), "POST", "/volunteers", body())
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_a_signed_in_caller_sending_a_password_is_told_what_to_do(people):
    response = send(signed_in(people["town_admin"]), "POST", "/volunteers", body(password=PASSWORD))
    assert response.status_code == 400
    assert response.json()["code"] == "password_not_expected"
    assert list(response.json()["fields"]) == ["password"]


def test_bad_id_number_and_phone_are_named_together_and_nothing_is_saved(people):
    good = adult_id()
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    response = send(
        signed_in(people["town_admin"]),
        "POST",
        "/volunteers",
        body(id_number=wrong, phone="12345", skills=["juggling"]),
    )
    assert response.status_code == 400
    out = response.json()
    assert out["code"] == "registration_invalid"
    assert set(out["fields"]) == {"id_number", "phone", "skills"}
    assert all(out["fields"][name] for name in out["fields"])
    assert not Volunteer.objects.exists()


def test_a_duplicate_id_number_is_named(people):
    number = adult_id()
    client = signed_in(people["town_admin"])
    assert send(client, "POST", "/volunteers", body(id_number=number)).status_code == 201
    users = User.objects.count()
    again = send(client, "POST", "/volunteers", body(id_number=number.lower()))
    assert again.status_code == 409
    assert again.json()["code"] == "id_number_taken"
    assert list(again.json()["fields"]) == ["id_number"]
    assert User.objects.count() == users
    assert Volunteer.objects.count() == 1


def test_missing_values_are_named(people):
    response = send(signed_in(people["town_admin"]), "POST", "/volunteers", {"name": "某"})
    assert response.status_code == 422
    assert {"id_number", "region"} <= set(response.json()["fields"])


# ---------------------------------------------------------------- finding and reading


def test_staff_list_their_regions_with_phones_and_id_numbers_masked(people):
    admin = people["city_admin"]
    mobile = phone()
    mine = register_by_staff(admin, VILLAGE11, phone=mobile)
    register_by_staff(admin, VILLAGE21)
    response = signed_in(people["town_admin"]).get("/api/v1/registry/volunteers")
    assert response.status_code == 200
    items = response.json()["items"]
    assert [v["number"] for v in items] == [mine.number]
    assert items[0]["name"] == mine.user.display_name
    assert items[0]["phone"] == mobile[:3] + "****" + mobile[-4:]
    assert items[0]["id_number"] == mine.user.id_number_masked
    assert "*" in items[0]["id_number"]


def test_volunteer_list_is_refused_to_people_without_a_staff_role(people):
    for name in ("volunteer", "dispatcher", "resident"):
        response = signed_in(people[name]).get("/api/v1/registry/volunteers")
        assert response.status_code == 403, name


def test_volunteer_list_pages_by_key(people):
    admin = people["city_admin"]
    made = [register_by_staff(admin, VILLAGE11).number for _ in range(5)]
    client = signed_in(admin)
    first = client.get("/api/v1/registry/volunteers", {"limit": "2"}).json()
    second = client.get(
        "/api/v1/registry/volunteers", {"limit": "2", "after": first["next"]}
    ).json()
    third = client.get(
        "/api/v1/registry/volunteers", {"limit": "2", "after": second["next"]}
    ).json()
    seen = [v["number"] for page in (first, second, third) for v in page["items"]]
    assert seen == made
    assert third["next"] is None
    assert client.get("/api/v1/registry/volunteers", {"after": "x"}).status_code == 422


def test_volunteer_list_filters_by_region_and_skill(people):
    admin = people["city_admin"]
    medic = register_by_staff(admin, VILLAGE11, skills=["medical"])
    register_by_staff(admin, VILLAGE11, skills=["driving"])
    register_by_staff(admin, VILLAGE21, skills=["medical"])
    response = signed_in(admin).get(
        "/api/v1/registry/volunteers", {"region": "370781001000", "skill": "medical"}
    )
    assert [v["number"] for v in response.json()["items"]] == [medic.number]


def test_volunteer_list_finds_by_number_phone_and_age_band(people):
    admin = people["city_admin"]
    mobile = phone()
    found = register_by_staff(admin, VILLAGE11, phone=mobile)
    register_by_staff(admin, VILLAGE11)
    client = signed_in(admin)
    by_number = client.get("/api/v1/registry/volunteers", {"q": found.number}).json()
    by_phone = client.get("/api/v1/registry/volunteers", {"q": mobile}).json()
    by_age = client.get("/api/v1/registry/volunteers", {"age_band": "under_18"}).json()
    assert [v["number"] for v in by_number["items"]] == [found.number]
    assert [v["number"] for v in by_phone["items"]] == [found.number]
    assert by_age["items"] == []


def test_volunteer_list_keeps_a_query_budget(people, django_assert_max_num_queries):
    admin = people["city_admin"]
    for _ in range(12):
        register_by_staff(admin, VILLAGE11, skills=["medical", "driving"], categories=["health"])
    client = signed_in(admin)
    with django_assert_max_num_queries(9):
        response = client.get("/api/v1/registry/volunteers", {"limit": "10"})
    assert len(response.json()["items"]) == 10


def test_a_team_leader_lists_their_members(people, city):
    admin = people["city_admin"]
    team = active_team(admin, city["town1"])
    chief = register_by_staff(admin, VILLAGE11)
    leader(admin, chief, team)
    joined = register_by_staff(admin, VILLAGE21)
    member(admin, joined, team)
    outsider = register_by_staff(admin, VILLAGE21)
    client = signed_in(chief.user)
    numbers = [v["number"] for v in client.get("/api/v1/registry/volunteers").json()["items"]]
    assert joined.number in numbers and outsider.number not in numbers
    assert client.get(f"/api/v1/registry/volunteers/{outsider.pk}").status_code == 404


def test_volunteer_detail_is_scoped(people):
    volunteer = register_by_staff(people["city_admin"], VILLAGE11)
    url = f"/api/v1/registry/volunteers/{volunteer.pk}"
    assert signed_in(people["town_admin"]).get(url).status_code == 200
    outside = signed_in(people["other_town_admin"]).get(url)
    assert outside.status_code == 404
    assert outside.json()["code"] == "not_found"
    assert signed_in(people["volunteer"]).get(url).status_code == 404


def test_the_person_sees_their_own_record_with_their_phone(people):
    mobile = phone()
    volunteer = register_by_staff(people["city_admin"], VILLAGE11, phone=mobile)
    client = signed_in(volunteer.user)
    own = client.get(f"/api/v1/registry/volunteers/{volunteer.pk}").json()
    me = client.get("/api/v1/registry/volunteers/me").json()
    assert own == me
    assert me["phone"] == mobile
    assert me["age"] is not None and me["age"] >= 18
    assert me["sex"] in {"M", "F"}


def test_me_without_a_registration_says_what_to_do(people):
    response = signed_in(people["resident"]).get("/api/v1/registry/volunteers/me")
    assert response.status_code == 403
    assert response.json()["code"] == "not_a_volunteer"
    assert Client().get("/api/v1/registry/volunteers/me").status_code == 401


def test_no_answer_ever_holds_a_full_id_number(people):
    number = adult_id()
    volunteer = register_by_staff(people["city_admin"], VILLAGE11, id_number=number)
    for client in (signed_in(people["city_admin"]), signed_in(volunteer.user)):
        for url in (
            "/api/v1/registry/volunteers",
            f"/api/v1/registry/volunteers/{volunteer.pk}",
        ):
            text = client.get(url).content.decode()
            assert number not in text
            assert number[6:14] not in text  # not even the birth date


# ---------------------------------------------------------------- correcting


def test_the_person_corrects_some_details_with_patch(people):
    volunteer = register_by_staff(people["city_admin"], VILLAGE11, skills=["medical"])
    mobile = phone()
    response = send(
        signed_in(volunteer.user),
        "PATCH",
        f"/volunteers/{volunteer.pk}",
        {"phone": mobile, "available_times": ["weekend_morning"], "emergency_name": "母亲"},
    )
    assert response.status_code == 200, response.content
    out = response.json()
    assert out["phone"] == mobile
    assert out["skills"] == ["medical"]  # untouched
    assert out["available_times"] == ["weekend_morning"]
    assert out["emergency_name"] == "母亲"
    volunteer.user.refresh_from_db()
    assert volunteer.user.phone == mobile


def test_patch_refuses_to_change_the_id_number(people):
    volunteer = register_by_staff(people["city_admin"], VILLAGE11, name="钱七")
    response = send(
        signed_in(volunteer.user),
        "PATCH",
        f"/volunteers/{volunteer.pk}",
        {"id_number": adult_id(), "name": "钱八"},
    )
    assert response.status_code == 400
    assert response.json()["code"] == "id_number_locked"
    assert list(response.json()["fields"]) == ["id_number"]
    volunteer.user.refresh_from_db()
    assert volunteer.user.display_name == "钱七"


def test_put_replaces_every_detail(people):
    number = adult_id()
    volunteer = register_by_staff(people["city_admin"], VILLAGE11, id_number=number)
    response = send(
        signed_in(people["town_admin"]),
        "PUT",
        f"/volunteers/{volunteer.pk}",
        {"name": "孙九", "id_number": number, "region": "370781001002", "skills": ["law"]},
    )
    assert response.status_code == 200, response.content
    out = response.json()
    assert (out["name"], out["region"], out["skills"]) == ("孙九", "370781001002", ["law"])
    # Staff see the phone masked and the name in full.
    assert out["phone"] == ""


def test_a_team_leader_may_not_correct_a_member(people, city):
    admin = people["city_admin"]
    team = active_team(admin, city["town1"])
    chief = register_by_staff(admin, VILLAGE11)
    leader(admin, chief, team)
    joined = register_by_staff(admin, VILLAGE11)
    member(admin, joined, team)
    response = send(signed_in(chief.user), "PATCH", f"/volunteers/{joined.pk}", {"name": "改名"})
    assert response.status_code == 403


def test_patch_out_of_scope_is_not_found(people):
    volunteer = register_by_staff(people["city_admin"], VILLAGE11)
    response = send(
        signed_in(people["other_town_admin"]), "PATCH", f"/volunteers/{volunteer.pk}", {"name": "x"}
    )
    assert response.status_code == 404


# ---------------------------------------------------------------- suspend, delete


def test_suspend_needs_a_reason_then_reinstate(people):
    volunteer = register_by_staff(people["city_admin"], VILLAGE11)
    client = signed_in(people["village_admin"])
    blank = send(client, "POST", f"/volunteers/{volunteer.pk}/suspend", {"reason": " "})
    assert blank.status_code == 400
    assert list(blank.json()["fields"]) == ["reason"]
    missing = send(client, "POST", f"/volunteers/{volunteer.pk}/suspend", {})
    assert missing.status_code == 422
    done = send(client, "POST", f"/volunteers/{volunteer.pk}/suspend", {"reason": "多次爽约"})
    assert done.json()["status"] == "suspended"
    back = send(client, "POST", f"/volunteers/{volunteer.pk}/reinstate")
    assert back.json()["status"] == "active"
    again = send(client, "POST", f"/volunteers/{volunteer.pk}/reinstate")
    assert again.status_code == 409
    assert again.json()["code"] == "transition_not_allowed"


def test_the_person_may_not_suspend_or_consent_for_themselves(people):
    volunteer = register_by_staff(people["city_admin"], VILLAGE11)
    client = signed_in(volunteer.user)
    assert (
        send(client, "POST", f"/volunteers/{volunteer.pk}/suspend", {"reason": "x"}).status_code
        == 403
    )
    assert send(client, "POST", f"/volunteers/{volunteer.pk}/consent", {}).status_code == 403


def test_the_person_deletes_their_registration(people):
    mobile = phone()
    volunteer = register_by_staff(people["city_admin"], VILLAGE11, phone=mobile)
    client = signed_in(volunteer.user)
    response = client.delete("/api/v1/registry/volunteers/me")
    assert response.status_code == 204
    volunteer.refresh_from_db()
    volunteer.user.refresh_from_db()
    assert volunteer.status == "deleted"
    assert volunteer.user.phone is None and volunteer.user.id_number_masked == ""
    assert volunteer.region_id == VILLAGE11  # counted, anonymised
    listed = signed_in(people["city_admin"]).get("/api/v1/registry/volunteers").json()
    assert volunteer.number not in json.dumps(listed)
    assert client.get("/api/v1/registry/volunteers/me").status_code == 401


def test_anonymous_duplicate_attempts_count_against_the_throttle(people, settings):
    settings.VOLCITY_API_SIGNUPS_PER_HOUR = 2
    known = adult_id()
    register_by_staff(people["city_admin"], VILLAGE11, id_number=known)
    attempt = body(id_number=known, phone=phone(), password=PASSWORD)
    answers = [send(Client(), "POST", "/volunteers", attempt).status_code for _ in range(3)]
    assert answers == [409, 409, 429]


def test_an_administrator_cannot_move_a_volunteer_out_of_their_region(people):
    number = adult_id()
    volunteer = register_by_staff(people["city_admin"], VILLAGE11, id_number=number)
    response = send(
        signed_in(people["village_admin"]),
        "PUT",
        f"/volunteers/{volunteer.pk}",
        {"name": "孙九", "id_number": number, "region": "370781001002"},
    )
    assert response.status_code == 403
    assert list(response.json()["fields"]) == ["region"]
