"""One matrix for every page and endpoint: (method, URL, role) -> expected status.

Each area lists its rows in ``tests/matrix/<area>.py`` (``PAGES``, ``API``, ``BODIES`` and an
``objects(people, city)`` function making what the rows point at). The completeness tests walk
the URL resolver and the OpenAPI document: a new page or endpoint without a row fails.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests.matrix

AREAS = [
    importlib.import_module(f"tests.matrix.{m.name}")
    for m in pkgutil.iter_modules(tests.matrix.__path__)
]
OWN_NAMESPACES = {ns for area in AREAS for ns in area.NAMESPACES}
PAGES = [(area.__name__, *row) for area in AREAS for row in area.PAGES]
API = [(area.__name__, *row) for area in AREAS for row in area.API]
BODIES: dict[str, dict[str, str]] = {
    k: v for area in AREAS for k, v in getattr(area, "BODIES", {}).items()
}


@pytest.fixture
def objects(people: dict[str, Any], city: dict[str, Any]) -> dict[str, Any]:
    made: dict[str, Any] = {}
    for area in AREAS:
        made.update(area.objects(people, city))
    return made


def _body_for(name: str) -> dict[str, str]:
    return BODIES.get(name, {})


@pytest.mark.parametrize(("area", "method", "name", "key", "role", "expected"), PAGES)
def test_page_permission(
    area: str,
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


@pytest.mark.parametrize(("area", "method", "path", "key", "role", "expected", "body"), API)
def test_api_permission(
    area: str,
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
    covered = {name for _a, _m, name, *_rest in PAGES}
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
    covered = {(m, p) for _a, m, p, *_rest in API}
    missing = operations - covered
    assert not missing, f"API operations without a permission-matrix row: {sorted(missing)}"
