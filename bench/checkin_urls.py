"""The project's URLs plus ``POST /bench/bare-insert``: the raw limit the check-in burst is
measured against. One INSERT of one row (autocommit), the same middleware, no auth, no ORM.
Served only by the bench's own gunicorn (settings ``bench.checkin_settings``)."""

from __future__ import annotations

import json

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, URLResolver, path
from django.views.decorators.csrf import csrf_exempt

from config.urls import urlpatterns as project_urlpatterns

BARE_TABLE = "bench_checkin_bare"


@csrf_exempt
def bare_insert(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return HttpResponse(status=405)
    key = str(json.loads(request.body or b"{}").get("key", ""))[:64]
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {BARE_TABLE} (key, at) VALUES (%s, now())", [key])
    return JsonResponse({"ok": True})


urlpatterns: list[URLPattern | URLResolver] = [
    path("bench/bare-insert", bare_insert),
    *project_urlpatterns,
]
