"""The live board: open orders of the centre's scope, most urgent then oldest first, with stage
timers and overdue flags; filters; pages; who is on duty; the page, its refresh and the API."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from volcity.dispatch.models import DutyShift
from volcity.dispatch.queries_board import BoardFilter, board_counts, board_page, on_duty
from volcity.dispatch.tests.test_board_data import menu_item, order_make
from volcity.registry.tests.helpers import active_team

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(city: dict[str, Any]) -> Any:
    return menu_item(city["town1"])


def ago(minutes: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(minutes=minutes)


def make(item: Any, city: dict[str, Any], **kw: Any) -> Any:
    kw.setdefault("handling", city["town1"])
    return order_make(item, kw.pop("village", city["village11"]), **kw)


def numbers(user: Any, flt: BoardFilter | None = None, **kw: Any) -> list[str]:
    return [r.number for r in board_page(user, flt or BoardFilter(), **kw).rows]


def test_board_lists_open_orders_most_urgent_then_oldest(
    city: dict[str, Any], people: dict[str, Any], item: Any
) -> None:
    old_normal = make(item, city, at=ago(90))
    new_emergency = make(item, city, urgency="emergency", at=ago(5))
    old_emergency = make(item, city, urgency="emergency", status="approved", at=ago(50))
    urgent = make(item, city, urgency="urgent", at=ago(30))
    make(item, city, status="completed", at=ago(100))
    make(item, city, status="cancelled", at=ago(100))
    make(item, city, status="rejected", at=ago(100))
    assert numbers(people["town_admin"]) == [
        old_emergency.number,
        new_emergency.number,
        urgent.number,
        old_normal.number,
    ]


def test_each_row_times_its_stage_and_flags_overdue_accepts(
    city: dict[str, Any], people: dict[str, Any], item: Any
) -> None:
    team = active_team(people["town_admin"], "370781001000", name="弥河队")
    order = make(
        item,
        city,
        status="dispatched",
        at=ago(120),
        dispatched_at=ago(45),
        accept_by=ago(15),
        assigned_team=team,
    )
    with translation.override("en"):
        row = board_page(people["town_admin"], BoardFilter()).rows[0]
        stage = str(row.stage)
    assert row.number == order.number
    assert stage == "waiting for accept"
    assert 45 * 60 - 5 <= row.waiting_seconds <= 45 * 60 + 60
    assert row.age_seconds >= 120 * 60
    assert row.overdue is True
    assert row.assignee == "弥河队"
    assert row.url == f"/dispatch/o/{order.number}/"
    assert row.suggest_url == ""  # already dispatched
    counts, overdue = board_counts(people["town_admin"], BoardFilter())
    assert counts["dispatched"]["normal"] == 1 and overdue == 1


def test_rows_waiting_for_dispatch_link_the_handling_centre_to_suggestions(
    city: dict[str, Any], people: dict[str, Any], item: Any
) -> None:
    order = make(item, city, status="approved")
    escalated = make(item, city, handling=city["city"], status="approved", at=ago(1))
    rows = {r.number: r for r in board_page(people["town_admin"], BoardFilter()).rows}
    assert rows[order.number].suggest_url == f"/dispatch/o/{order.number}/suggestions/"
    assert rows[escalated.number].suggest_url == ""  # the city handles it now
    assert board_page(people["dispatcher"], BoardFilter()).rows[0].suggest_url


def test_board_is_scoped_to_the_centre(
    city: dict[str, Any], people: dict[str, Any], item: Any
) -> None:
    mine = make(item, city)
    theirs = make(item, city, village=city["village21"], handling=city["town2"])
    escalated = make(item, city, handling=city["city"], status="approved")
    assert set(numbers(people["town_admin"])) == {mine.number, escalated.number}
    assert set(numbers(people["other_town_admin"])) == {theirs.number}
    assert set(numbers(people["dispatcher"])) == {mine.number, theirs.number, escalated.number}
    assert numbers(people["volunteer"]) == []


def test_board_filters_by_status_urgency_and_region(
    city: dict[str, Any], people: dict[str, Any], item: Any
) -> None:
    submitted = make(item, city)
    urgent = make(item, city, urgency="urgent", status="approved")
    other_village = make(item, city, village=city["village12"])
    boss = people["dispatcher"]
    assert numbers(boss, BoardFilter(status="approved")) == [urgent.number]
    assert numbers(boss, BoardFilter(urgency="urgent")) == [urgent.number]
    assert set(numbers(boss, BoardFilter(region="370781001001"))) == {
        submitted.number,
        urgent.number,
    }
    assert numbers(boss, BoardFilter(region="370781001002")) == [other_village.number]


def test_board_pages_follow_on_without_repeats(
    city: dict[str, Any], people: dict[str, Any], item: Any
) -> None:
    made = [make(item, city, urgency=u, at=ago(m)) for u, m in [("urgent", 9), ("normal", 8)]]
    made += [make(item, city, at=ago(m)) for m in (7, 6, 5)]
    first = board_page(people["dispatcher"], BoardFilter(), limit=2)
    second = board_page(people["dispatcher"], BoardFilter(), limit=2, after=first.next)
    third = board_page(people["dispatcher"], BoardFilter(), limit=2, after=second.next)
    seen = [r.number for p in (first, second, third) for r in p.rows]
    assert seen == [o.number for o in made]
    assert third.next is None


def test_bad_filters_are_refused_with_their_field() -> None:
    from volcity.core.errors import DomainError

    for data, name in [({"status": "rated"}, "status"), ({"region": "37"}, "region")]:
        with pytest.raises(DomainError) as caught:
            BoardFilter.parse(data)
        assert caught.value.code == "dispatch_board_filter_invalid"
        assert name in caught.value.fields


def test_on_duty_lists_the_current_roster_of_the_scope(
    city: dict[str, Any], people: dict[str, Any]
) -> None:
    now = timezone.now()
    DutyShift.objects.create(
        region=city["town1"],
        user=people["town_admin"],
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=7),
    )
    DutyShift.objects.create(
        region=city["town1"],
        user=people["dispatcher"],
        starts_at=now + datetime.timedelta(hours=7),
        ends_at=now + datetime.timedelta(hours=15),
    )
    DutyShift.objects.create(
        region=city["town2"],
        user=people["other_town_admin"],
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=7),
    )
    assert [d.who for d in on_duty(people["town_admin"])] == [people["town_admin"].display_name]


def test_board_page_shows_rows_linking_to_the_order(
    city: dict[str, Any], people: dict[str, Any], item: Any, client_as: Any
) -> None:
    order = make(item, city, urgency="emergency")
    response = client_as("town_admin").get(reverse("dispatch:board"))
    assert response.status_code == 200
    body = response.content.decode()
    assert f'data-testid="board-row-{order.number}"' in body
    assert f'href="/dispatch/o/{order.number}/"' in body
    assert "every 8s" in body
    partial = client_as("town_admin").get(reverse("dispatch:board"), HTTP_HX_REQUEST="true")
    assert order.number in partial.content.decode()
    assert "<html" not in partial.content.decode()


def test_board_page_is_for_the_centre_only(client_as: Any, people: dict[str, Any]) -> None:
    assert client_as("resident").get(reverse("dispatch:board")).status_code == 403
    assert client_as("volunteer").get(reverse("dispatch:board")).status_code == 403


def test_board_api_returns_rows_counts_and_duty(
    city: dict[str, Any], people: dict[str, Any], item: Any, client_as: Any
) -> None:
    order = make(item, city, urgency="urgent")
    response = client_as("dispatcher").get("/api/v1/dispatch/board?urgency=urgent")
    assert response.status_code == 200
    data = response.json()
    assert [r["number"] for r in data["rows"]] == [order.number]
    assert data["counts"]["submitted"]["urgent"] == 1
    bad = client_as("dispatcher").get("/api/v1/dispatch/board?status=nope")
    assert bad.status_code == 400 and bad.json()["code"] == "dispatch_board_filter_invalid"


def test_suggestions_page_and_api_are_for_the_handling_centre(
    city: dict[str, Any], people: dict[str, Any], item: Any, client_as: Any
) -> None:
    order = make(item, city, status="approved")
    url = reverse("dispatch:order_suggestions", kwargs={"number": order.number})
    assert client_as("town_admin").get(url).status_code == 200
    assert client_as("other_town_admin").get(url).status_code == 404
    api = f"/api/v1/dispatch/orders/{order.number}/suggestions"
    assert client_as("town_admin").get(api).status_code == 200
    assert client_as("other_town_admin").get(api).status_code == 404
