"""The JSON API: documents, authentication, the error shape, keyset pages."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from conftest import PASSWORD
from volcity.accounts.models import User
from volcity.core.privacy import id_check_character

pytestmark = pytest.mark.django_db


def post_json(client: Client, url: str, body: dict, **extra) -> object:
    return client.post(url, json.dumps(body), content_type="application/json", **extra)


def test_openapi_document_and_docs_page_are_served(client):
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    doc = schema.json()
    assert doc["info"]["title"] == "Volunteer City API"
    assert "/api/v1/accounts/me" in doc["paths"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"cdn" not in docs.content.lower() or b"/static/" in docs.content


def test_bearer_token_from_password_then_me(people):
    client = Client()
    issued = post_json(
        client,
        "/api/v1/accounts/token",
        {"identifier": people["volunteer"].phone, "password": PASSWORD, "name": "手机"},
    )
    assert issued.status_code == 201
    key = issued.json()["token"]
    me = client.get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert me.status_code == 200
    body = me.json()
    assert body["username"] == people["volunteer"].username
    assert body["phone"] == people["volunteer"].phone[:3] + "****" + people["volunteer"].phone[-4:]
    assert [g["role"] for g in body["grants"]] == ["volunteer"]


def test_wrong_password_gets_the_error_shape(people):
    response = post_json(
        Client(),
        "/api/v1/accounts/token",
        {"identifier": people["volunteer"].username, "password": "bad"},
    )
    assert response.status_code == 401
    assert response.json()["code"] == "login_failed"
    assert response.json()["fields"] == {"password": [response.json()["message"]]}


def test_missing_field_is_named(client_as):
    response = post_json(client_as("town_admin"), "/api/v1/accounts/users", {"username": "x"})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid"
    assert "name" in body["fields"] and "home_region" in body["fields"]


def test_invalid_id_number_is_named_and_nothing_is_saved(client_as):
    body17 = "37078119900101001"
    wrong = body17 + ("0" if id_check_character(body17) != "0" else "1")
    response = post_json(
        client_as("town_admin"),
        "/api/v1/accounts/users",
        {"username": "newbie", "name": "新人", "home_region": "370781001001", "id_number": wrong},
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "id_number_checksum"
    assert list(body["fields"]) == ["id_number"]
    assert not User.objects.filter(username="newbie").exists()


def test_error_messages_follow_the_language(client_as):
    client = client_as("town_admin")
    zh = post_json(
        client,
        "/api/v1/accounts/users",
        {"username": "x", "name": "某", "home_region": "370781001001", "phone": "12345"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    en = post_json(
        client,
        "/api/v1/accounts/users",
        {"username": "x", "name": "某", "home_region": "370781001001", "phone": "12345"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert zh.json()["code"] == en.json()["code"] == "phone_invalid"
    assert zh.json()["message"] != en.json()["message"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh.json()["message"])


def test_session_writes_need_the_csrf_token(people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(
        people["resident"], backend="volcity.accounts.backends.PhoneOrUsernameBackend"
    )
    response = post_json(
        client, "/api/v1/accounts/role-requests", {"role": "donor", "region": "370781000000"}
    )
    assert response.status_code in (401, 403)


def test_regions_page_by_keyset(client_as, city):
    client = client_as("volunteer")
    first = client.get("/api/v1/regions/", {"limit": 3}).json()
    assert [r["code"] for r in first["items"]] == sorted(r.code for r in city.values())[:3]
    second = client.get("/api/v1/regions/", {"limit": 3, "after": first["next"]}).json()
    assert second["items"][0]["code"] > first["items"][-1]["code"]
    assert len(first["items"]) + len(second["items"]) + (
        len(client.get("/api/v1/regions/", {"limit": 3, "after": second["next"]}).json()["items"])
        if second["next"]
        else 0
    ) == len(city)


def test_user_list_is_scoped_for_the_town_admin(client_as, people):
    items = client_as("town_admin").get("/api/v1/accounts/users", {"limit": 200}).json()["items"]
    names = {u["username"] for u in items}
    assert people["volunteer"].username in names
    assert people["nobody"].username not in names
    assert all("*" in u["phone"] for u in items if u["phone"])


def test_health_reports_the_database(client):
    body = client.get("/api/v1/health").json()
    assert body["status"] == "ok" and body["database"] == "ok"
