"""The registry API as a whole: documented, authenticated as the rest of the API, errors in
the one shape."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from conftest import PASSWORD
from volcity.registry.models import Volunteer
from volcity.registry.tests.api_helpers import adult_id, phone

pytestmark = pytest.mark.django_db

VILLAGE11 = "370781001001"


def registration(**fields: object) -> str:
    return json.dumps({"name": "吴一", "id_number": adult_id(), "region": VILLAGE11, **fields})


def test_every_registry_operation_is_documented(client):
    schema = client.get("/api/v1/openapi.json").json()
    operations = {
        (method.upper(), path): op
        for path, ops in schema["paths"].items()
        if path.startswith("/api/v1/registry/")
        for method, op in ops.items()
    }
    assert len(operations) >= 35
    assert ("DELETE", "/api/v1/registry/volunteers/me") in operations
    assert ("PATCH", "/api/v1/registry/volunteers/{volunteer_id}") in operations
    register = operations[("POST", "/api/v1/registry/volunteers")]
    assert '"self": true' in register["description"]
    # Signing in is optional there: a bearer token, a session, or nothing.
    assert {} in register["security"]


def test_a_session_registering_itself_needs_the_csrf_token(people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(
        people["resident"], backend="volcity.accounts.backends.PhoneOrUsernameBackend"
    )
    response = client.post(
        "/api/v1/registry/volunteers",
        registration(self=True),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert set(response.json()) == {"code", "message", "fields"}
    assert not Volunteer.objects.exists()


def test_an_anonymous_app_registers_without_a_csrf_token(city):
    response = Client(enforce_csrf_checks=True).post(
        "/api/v1/registry/volunteers",
        registration(phone=phone(), password=PASSWORD),
        content_type="application/json",
    )
    assert response.status_code == 201


def test_a_bearer_token_registers_oneself(people):
    issued = Client().post(
        "/api/v1/accounts/token",
        json.dumps({"identifier": people["resident"].username, "password": PASSWORD}),
        content_type="application/json",
    )
    response = Client(enforce_csrf_checks=True).post(
        "/api/v1/registry/volunteers",
        registration(self=True),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {issued.json()['token']}",
    )
    assert response.status_code == 201, response.content
    assert Volunteer.objects.get().user == people["resident"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/registry/volunteers",
        "/api/v1/registry/teams",
        "/api/v1/registry/party-registrations",
        "/api/v1/registry/volunteers/me",
    ],
)
def test_reads_need_signing_in_and_answer_in_the_error_shape(city, path):
    response = Client().get(path)
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"
    assert set(response.json()) == {"code", "message", "fields"}


def test_errors_follow_the_request_language(people):
    client = Client()
    client.force_login(
        people["town_admin"], backend="volcity.accounts.backends.PhoneOrUsernameBackend"
    )
    answers = {
        lang: client.post(
            "/api/v1/registry/volunteers",
            registration(phone="123"),
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE=lang,
        ).json()
        for lang in ("zh-hans", "en")
    }
    assert answers["zh-hans"]["code"] == answers["en"]["code"] == "registration_invalid"
    assert answers["zh-hans"]["fields"]["phone"] != answers["en"]["fields"]["phone"]
    assert answers["en"]["fields"]["phone"][0].startswith("Enter a mainland mobile number")
