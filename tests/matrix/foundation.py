"""Permission-matrix rows of the foundation: portal, accounts, regions, audit."""

from __future__ import annotations

from typing import Any

from volcity.accounts.models import ApiToken, RoleGrant, RoleRequest
from volcity.accounts.roles import Role

ANON = None
# Namespaces whose pages this area owns (admin and i18n are Django's, tested by Django).
NAMESPACES = {"portal", "accounts", "regions", "audit"}
BODIES = {
    "accounts:language": {"language": "en", "next": "/"},
    "accounts:user_reveal": {"reason": "核对身份"},
    "accounts:request_decline": {"reason": "不符合条件"},
}
# Rows: (method, url name or API path, kwargs key, role, expected status, body)
# The kwargs key names an object made by the `objects` fixture ("" for none).
PAGES: list[tuple[str, str, str, str | None, int]] = [
    ("GET", "portal:home", "", ANON, 200),
    ("GET", "portal:home", "", "volunteer", 200),
    ("GET", "portal:healthz", "", ANON, 200),
    ("GET", "portal:favicon", "", ANON, 302),
    ("GET", "portal:manage", "", ANON, 302),
    ("GET", "portal:manage", "", "volunteer", 403),
    ("GET", "portal:manage", "", "team_leader", 200),
    ("GET", "portal:manage", "", "town_admin", 200),
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
