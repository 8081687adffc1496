"""The registry API for Party members' double registration and the skill/category lists."""

from __future__ import annotations

import pytest
from django.test import Client

from volcity.registry.tests.api_helpers import register_by_staff, send, signed_in

pytestmark = pytest.mark.django_db

VILLAGE11 = "370781001001"
VILLAGE21 = "370781002001"


def test_a_party_member_registers_with_their_home_community(people):
    member = register_by_staff(people["city_admin"], VILLAGE11, political_status="party_member")
    client = signed_in(member.user)
    body = {"community": VILLAGE11, "employer": "青州市教育局", "service_post": "文明劝导"}
    response = send(client, "POST", "/party-registration", body)
    assert response.status_code == 200, response.content
    out = response.json()
    assert (out["community"], out["employer"], out["active"]) == (VILLAGE11, "青州市教育局", True)
    assert out["volunteer"]["number"] == member.number
    again = send(client, "POST", "/party-registration", {**body, "service_post": "助老"})
    assert again.json()["id"] == out["id"]
    assert again.json()["service_post"] == "助老"


def test_party_registration_is_for_party_members(people):
    plain = register_by_staff(people["city_admin"], VILLAGE11)
    response = send(
        signed_in(plain.user),
        "POST",
        "/party-registration",
        {"community": VILLAGE11, "employer": "某单位", "service_post": "巡逻"},
    )
    assert response.status_code == 400
    assert response.json()["code"] == "not_a_party_member"


def test_party_registration_names_the_fields_at_fault(people):
    member = register_by_staff(people["city_admin"], VILLAGE11, political_status="probationary")
    client = signed_in(member.user)
    town = send(
        client,
        "POST",
        "/party-registration",
        {"community": "370781001000", "employer": " ", "service_post": ""},
    )
    assert town.status_code == 400
    assert set(town.json()["fields"]) == {"community", "employer", "service_post"}
    unknown = send(
        client,
        "POST",
        "/party-registration",
        {"community": "999999999999", "employer": "x", "service_post": "y"},
    )
    assert unknown.status_code == 404
    assert list(unknown.json()["fields"]) == ["community"]


def test_administrators_list_registrations_of_their_regions_by_employer(people):
    admin = people["city_admin"]
    for region, employer in ((VILLAGE11, "教育局"), (VILLAGE11, "卫健局"), (VILLAGE21, "教育局")):
        member = register_by_staff(admin, region, political_status="party_member")
        send(
            signed_in(member.user),
            "POST",
            "/party-registration",
            {"community": region, "employer": employer, "service_post": "宣讲"},
        )
    town = signed_in(people["town_admin"]).get("/api/v1/registry/party-registrations").json()
    assert sorted(r["employer"] for r in town["items"]) == ["卫健局", "教育局"]
    assert all(r["community"] == VILLAGE11 for r in town["items"])
    city = signed_in(admin).get(
        "/api/v1/registry/party-registrations", {"employer": "教育局", "limit": "1"}
    )
    page = city.json()
    more = signed_in(admin).get(
        "/api/v1/registry/party-registrations",
        {"employer": "教育局", "limit": "1", "after": page["next"]},
    )
    assert len(page["items"]) == len(more.json()["items"]) == 1
    assert more.json()["next"] is None
    assert page["items"][0]["volunteer"]["phone"] == ""


def test_party_registrations_are_for_administrators(people):
    for name in ("volunteer", "team_leader", "dispatcher"):
        response = signed_in(people[name]).get("/api/v1/registry/party-registrations")
        assert response.status_code == 403, name


def test_skills_and_categories_follow_the_language(db):
    zh = Client().get("/api/v1/registry/skills", HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    en = Client().get("/api/v1/registry/skills", HTTP_ACCEPT_LANGUAGE="en").json()
    assert {"code": "first_aid", "name": "急救"} in zh
    assert {"code": "first_aid", "name": "First aid"} in en
    categories = Client().get("/api/v1/registry/categories", HTTP_ACCEPT_LANGUAGE="en").json()
    assert {"code": "elderly", "name": "Elderly and disabled care"} in categories
