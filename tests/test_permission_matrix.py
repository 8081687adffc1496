"""One matrix for every page and endpoint: (method, URL, role) -> expected status.

The completeness test walks the URL resolver and the OpenAPI document: a new page or
endpoint without a row here fails.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from volcity.accounts.models import ApiToken, RoleGrant, RoleRequest
from volcity.accounts.roles import Role

# Namespaces whose pages we own (admin and i18n are Django's and tested by Django).
OWN_NAMESPACES = {"portal", "accounts", "regions", "audit"}

ANON = None
# Rows: (method, url name or API path, kwargs key, role, expected status, body)
# The kwargs key names an object made by the `objects` fixture ("" for none).
PAGES: list[tuple[str, str, str, str | None, int]] = [
    ("GET", "portal:home", "", ANON, 200),
    ("GET", "portal:home", "", "volunteer", 200),
    ("GET", "portal:healthz", "", ANON, 200),
    ("GET", "portal:favicon", "", ANON, 302),
    ("GET", "accounts:login", "", ANON, 200),
    ("GET", "accounts:login_code", "", ANON, 200),
    ("POST", "accounts:logout", "", "volunteer", 302),
    ("POST", "accounts:language", "", ANON, 302),
    ("GET", "accounts:me", "", ANON, 302),
    ("GET", "accounts:me", "", "volunteer", 200),
    ("POST", "accounts:token_create", "", ANON, 302),
    ("POST", "accounts:token_create", "", "volunteer", 400),
    ("POST", "accounts:token_revoke", "token", "volunteer", 302),
    ("POST", "accounts:token_revoke", "token", ANON, 302),
    ("GET", "accounts:requests_mine", "", ANON, 302),
    ("GET", "accounts:requests_mine", "", "resident", 200),
    ("POST", "accounts:request_withdraw", "request", "resident", 302),
    ("POST", "accounts:request_withdraw", "request", "volunteer", 404),
    ("GET", "accounts:requests_inbox", "", "volunteer", 403),
    ("GET", "accounts:requests_inbox", "", "town_admin", 200),
    ("POST", "accounts:request_approve", "request", "volunteer", 403),
    ("POST", "accounts:request_approve", "request", "other_town_admin", 404),
    ("POST", "accounts:request_approve", "request", "town_admin", 302),
    ("POST", "accounts:request_decline", "request", "volunteer", 403),
    ("POST", "accounts:request_decline", "request", "town_admin", 302),
    ("GET", "accounts:users", "", ANON, 302),
    ("GET", "accounts:users", "", "volunteer", 403),
    ("GET", "accounts:users", "", "dispatcher", 403),
    ("GET", "accounts:users", "", "village_admin", 200),
    ("GET", "accounts:users", "", "city_admin", 200),
    ("GET", "accounts:users_export", "", "volunteer", 403),
    ("GET", "accounts:users_export", "", "town_admin", 200),
    ("GET", "accounts:user_new", "", "volunteer", 403),
    ("GET", "accounts:user_new", "", "town_admin", 200),
    ("GET", "accounts:user", "target", "town_admin", 200),
    ("GET", "accounts:user", "target", "other_town_admin", 404),
    ("GET", "accounts:user", "target", "volunteer", 403),
    ("POST", "accounts:user_grant", "target", "volunteer", 403),
    ("POST", "accounts:user_grant", "target", "other_town_admin", 404),
    ("POST", "accounts:user_grant", "target", "town_admin", 400),
    ("POST", "accounts:user_reveal", "target", "volunteer", 403),
    ("POST", "accounts:user_reveal", "target", "other_town_admin", 404),
    ("POST", "accounts:user_reveal", "target", "town_admin", 403),
    ("POST", "accounts:user_reveal", "target", "city_admin", 200),
    ("POST", "accounts:grant_revoke", "grant", "volunteer", 403),
    ("POST", "accounts:grant_revoke", "grant", "other_town_admin", 404),
    ("POST", "accounts:grant_revoke", "grant", "town_admin", 302),
    ("GET", "regions:tree", "", ANON, 302),
    ("GET", "regions:tree", "", "volunteer", 403),
    ("GET", "regions:tree", "", "town_admin", 200),
    ("GET", "regions:region", "town1", "town_admin", 200),
    ("GET", "regions:region", "town2", "town_admin", 403),
    ("GET", "regions:region", "town2", "city_admin", 200),
    ("GET", "audit:list", "", ANON, 302),
    ("GET", "audit:list", "", "volunteer", 403),
    ("GET", "audit:list", "", "village_admin", 200),
]

# API rows: (method, path template, kwargs key, role, expected status, JSON body or None)
API: list[tuple[str, str, str, str | None, int, dict[str, Any] | None]] = [
    ("GET", "/api/v1/health", "", ANON, 200, None),
    (
        "POST",
        "/api/v1/accounts/token",
        "",
        ANON,
        401,
        {"identifier": "nobody-here", "password": "x"},
    ),
    ("GET", "/api/v1/accounts/me", "", ANON, 401, None),
    ("GET", "/api/v1/accounts/me", "", "volunteer", 200, None),
    ("GET", "/api/v1/accounts/users", "", "volunteer", 403, None),
    ("GET", "/api/v1/accounts/users", "", "town_admin", 200, None),
    (
        "POST",
        "/api/v1/accounts/users",
        "",
        "volunteer",
        403,
        {"username": "x", "name": "某", "home_region": "370781001001"},
    ),
    (
        "POST",
        "/api/v1/accounts/users",
        "",
        "other_town_admin",
        403,
        {"username": "x", "name": "某", "home_region": "370781001001"},
    ),
    (
        "POST",
        "/api/v1/accounts/users",
        "",
        "town_admin",
        201,
        {"username": "x", "name": "某", "home_region": "370781001001"},
    ),
    ("GET", "/api/v1/accounts/users/{user_id}", "target", "town_admin", 200, None),
    ("GET", "/api/v1/accounts/users/{user_id}", "target", "other_town_admin", 404, None),
    (
        "POST",
        "/api/v1/accounts/users/{user_id}/grants",
        "target",
        "volunteer",
        403,
        {"role": "donor", "region": "370781001001"},
    ),
    (
        "POST",
        "/api/v1/accounts/users/{user_id}/grants",
        "target",
        "town_admin",
        201,
        {"role": "donor", "region": "370781001001"},
    ),
    ("DELETE", "/api/v1/accounts/grants/{grant_id}", "grant", "other_town_admin", 404, None),
    ("DELETE", "/api/v1/accounts/grants/{grant_id}", "grant", "town_admin", 204, None),
    (
        "POST",
        "/api/v1/accounts/users/{user_id}/reveal",
        "target",
        "town_admin",
        403,
        {"reason": "核对"},
    ),
    (
        "POST",
        "/api/v1/accounts/users/{user_id}/reveal",
        "target",
        "city_admin",
        200,
        {"reason": "核对"},
    ),
    (
        "POST",
        "/api/v1/accounts/role-requests",
        "",
        ANON,
        401,
        {"role": "donor", "region": "370781000000"},
    ),
    (
        "POST",
        "/api/v1/accounts/role-requests",
        "",
        "resident",
        201,
        {"role": "donor", "region": "370781000000"},
    ),
    ("GET", "/api/v1/accounts/role-requests", "", "resident", 200, None),
    (
        "POST",
        "/api/v1/accounts/role-requests/{request_id}/approve",
        "request",
        "volunteer",
        403,
        None,
    ),
    (
        "POST",
        "/api/v1/accounts/role-requests/{request_id}/approve",
        "request",
        "town_admin",
        200,
        None,
    ),
    (
        "POST",
        "/api/v1/accounts/role-requests/{request_id}/decline",
        "request",
        "town_admin",
        200,
        {"reason": "不符合条件"},
    ),
    (
        "POST",
        "/api/v1/accounts/role-requests/{request_id}/withdraw",
        "request",
        "resident",
        200,
        None,
    ),
    (
        "POST",
        "/api/v1/accounts/role-requests/{request_id}/withdraw",
        "request",
        "other_town_admin",
        404,
        None,
    ),
    ("GET", "/api/v1/regions/", "", ANON, 401, None),
    ("GET", "/api/v1/regions/", "", "volunteer", 200, None),
    ("GET", "/api/v1/regions/{code}", "town1", "volunteer", 200, None),
    ("GET", "/api/v1/audit/", "", "volunteer", 403, None),
    ("GET", "/api/v1/audit/", "", "town_admin", 200, None),
]


@pytest.fixture
def objects(people: dict[str, Any], city: dict[str, Any]) -> dict[str, Any]:
    from volcity.accounts.services import user_set_id_number
    from volcity.core.privacy import id_check_character

    target = people["volunteer"]
    body = "37078119900101001"
    user_set_id_number(user=target, raw=body + id_check_character(body))
    token = ApiToken.objects.create(
        user=people["volunteer"],
        name="t",
        prefix="abcdefgh",
        key_hash="0" * 64,
        expires_at="2099-01-01T00:00:00Z",
    )
    request = RoleRequest.objects.create(
        user=people["resident"], role=Role.DONOR, region=city["village12"]
    )
    grant = RoleGrant.objects.get(user=target)
    return {
        "target": {"user_id": target.pk},
        "token": {"token_id": token.pk},
        "request": {"request_id": request.pk},
        "grant": {"grant_id": grant.pk},
        "town1": {"code": city["town1"].code},
        "town2": {"code": city["town2"].code},
    }


def _body_for(name: str) -> dict[str, str]:
    if name == "accounts:language":
        return {"language": "en", "next": "/"}
    if name == "accounts:user_reveal":
        return {"reason": "核对身份"}
    if name == "accounts:request_decline":
        return {"reason": "不符合条件"}
    return {}


@pytest.mark.parametrize(("method", "name", "key", "role", "expected"), PAGES)
def test_page_permission(
    client_as: Callable[..., Any],
    objects: dict[str, Any],
    method: str,
    name: str,
    key: str,
    role: str | None,
    expected: int,
) -> None:
    url = reverse(name, kwargs=objects[key] if key else None)
    client = client_as(role)
    response = client.get(url) if method == "GET" else client.post(url, _body_for(name))
    assert response.status_code == expected, (method, url, role)


@pytest.mark.parametrize(("method", "path", "key", "role", "expected", "body"), API)
def test_api_permission(
    client_as: Callable[..., Any],
    objects: dict[str, Any],
    method: str,
    path: str,
    key: str,
    role: str | None,
    expected: int,
    body: dict[str, Any] | None,
) -> None:
    url = path.format(**objects[key]) if key else path
    client = client_as(role)
    kwargs: dict[str, Any] = {}
    if body is not None:
        kwargs = {"data": json.dumps(body), "content_type": "application/json"}
    response = client.generic(method, url, **kwargs)
    assert response.status_code == expected, (method, url, role, response.content[:300])
    if expected >= 400:
        payload = response.json()
        assert set(payload) >= {"code", "message", "fields"}, payload


def _own_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str | None) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern) and p.name and namespace in OWN_NAMESPACES:
                names.add(f"{namespace}:{p.name}")

    walk(get_resolver().url_patterns, None)
    return names


def test_matrix_covers_every_page() -> None:
    covered = {name for _m, name, *_rest in PAGES}
    missing = _own_url_names() - covered
    assert not missing, f"pages without a permission-matrix row: {sorted(missing)}"


def test_matrix_covers_every_api_operation() -> None:
    from config.api import api

    schema = api.get_openapi_schema()
    operations = {
        (method.upper(), "/api/v1" + path if not path.startswith("/api/v1") else path)
        for path, ops in schema["paths"].items()
        for method in ops
    }
    covered = {(m, p) for m, p, *_rest in API}
    missing = operations - covered
    assert not missing, f"API operations without a permission-matrix row: {sorted(missing)}"
