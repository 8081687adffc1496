"""The order loop's API: the same services, refusals as {"code", "message", "fields"}."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from volcity.dispatch.tests.factories import LAT, LNG, VILLAGE, approved

pytestmark = pytest.mark.django_db
BASE = "/api/v1/dispatch"


def _client(user: Any = None) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user, backend="volcity.accounts.backends.PhoneOrUsernameBackend")
    return c


def _post(c: Client, url: str, body: dict[str, Any] | None = None) -> Any:
    return c.post(BASE + url, json.dumps(body or {}), content_type="application/json")


def _order(item_id: int, **overrides: Any) -> dict[str, Any]:
    start = timezone.now() + datetime.timedelta(hours=2)
    values = {
        "item": item_id,
        "region": VILLAGE,
        "address": "第2村8号",
        "latitude": str(LAT),
        "longitude": str(LNG),
        "wanted_from": start.isoformat(),
        "wanted_until": (start + datetime.timedelta(hours=1)).isoformat(),
        "contact_name": "赵奶奶",
        "contact_phone": "13712345678",
    }
    values.update(overrides)
    return values


def test_the_loop_through_the_api(d: Any) -> None:
    resident = _client(d.resident)
    menu = _client().get(BASE + "/menu", {"region": VILLAGE}).json()
    assert menu[0]["items"][0]["id"] == d.item.pk
    placed = _post(resident, "/orders", _order(d.item.pk))
    assert placed.status_code == 201, placed.json()
    number = placed.json()["number"]
    assert placed.json()["contact_phone"] == "13712345678"
    centre = _client(d.dispatcher)
    assert _post(centre, f"/orders/{number}/approve").status_code == 200
    sent = _post(centre, f"/orders/{number}/dispatch", {"team": d.team.pk})
    assert sent.json()["status"] == "dispatched"
    leader = _client(d.leader)
    assert _client(d.leader).get(BASE + f"/orders/{number}").json()["contact_phone"] == (
        "137****5678"
    )
    assert _post(leader, f"/orders/{number}/accept").json()["status"] == "accepted"
    done = _post(leader, f"/orders/{number}/complete", {"report": "完成", "hours": "2"})
    assert done.json()["status"] == "completed"
    rated = _post(resident, f"/orders/{number}/rate", {"rating": 1, "comment": "差"})
    assert rated.json()["needs_follow_up"] is True
    actions = [e["action"] for e in rated.json()["history"]]
    assert actions == ["place", "approve", "dispatch", "accept", "complete", "rate"]


def test_refusals_carry_their_code_and_field(d: Any) -> None:
    resident = _client(d.resident)
    no_place = _post(resident, "/orders", _order(d.item.pk, latitude=None, longitude=None))
    assert no_place.status_code == 400
    assert no_place.json()["code"] == "order_location_required"
    assert "latitude" in no_place.json()["fields"]
    order = approved(d)
    out_of_scope = _post(
        _client(d.dispatcher), f"/orders/{order.number}/dispatch", {"team": d.other_team.pk}
    )
    assert out_of_scope.status_code == 403
    assert out_of_scope.json()["code"] == "dispatch_out_of_scope"
    assert _client(d.other_dispatcher).get(BASE + f"/orders/{order.number}").status_code == 404
    not_done = _post(resident, f"/orders/{order.number}/rate", {"rating": 5})
    assert not_done.status_code == 409 and not_done.json()["code"] == "order_not_completed"


def test_the_second_taker_from_the_pool_gets_409(d: Any, make_user: Any) -> None:
    from volcity.activities.tests.factories import team_led_by

    order = approved(d)
    _post(_client(d.dispatcher), f"/orders/{order.number}/pool")
    second_leader = make_user(None, "town1")
    second = team_led_by(second_leader, d.people["city_admin"], "370781001000", name="二队")
    first = _post(_client(d.leader), f"/orders/{order.number}/take", {"team": d.team.pk})
    assert first.status_code == 200
    late = _post(_client(second_leader), f"/orders/{order.number}/take", {"team": second.pk})
    assert late.status_code == 409 and late.json()["code"] == "order_already_taken"


def test_a_kiosk_order_needs_no_sign_in_and_returns_only_the_number(d: Any) -> None:
    sent = _post(_client(), "/kiosk/orders", _order(d.item.pk))
    assert sent.status_code == 201
    assert "contact_phone" not in sent.json()
