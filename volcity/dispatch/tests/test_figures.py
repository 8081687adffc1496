"""Figures of the order loop on a small known data set: orders by status, stage times, ratings
by town and team, scoped to the user's regions; the page, its .xlsx and the API."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from volcity.dispatch.queries_figures import Period, figures_for
from volcity.dispatch.tests.test_board_data import menu_item, order_make
from volcity.registry.tests.helpers import active_team

pytestmark = pytest.mark.django_db

DAY = datetime.datetime(2030, 5, 6, 1, 0, tzinfo=datetime.UTC)  # 09:00 in Qingzhou
RANGE = Period(datetime.date(2030, 5, 1), datetime.date(2030, 5, 31))


def minutes(n: float) -> datetime.timedelta:
    return datetime.timedelta(minutes=n)


@pytest.fixture
def known(city: dict[str, Any], people: dict[str, Any]) -> dict[str, Any]:
    """Town 1: three rated orders served by one team (ratings 5, 4, 1), one dispatched, one
    submitted; town 2: one rated order (3). One order of town 1 placed outside the range."""
    item = menu_item(city["town1"])
    team = active_team(people["town_admin"], "370781001000", name="王府队")
    served = [(10, 30, 60, 5), (20, 60, 120, 4), (30, 90, 180, 1)]  # dispatch, accept, complete
    for n, (d, a, c, rating) in enumerate(served):
        at = DAY + datetime.timedelta(days=n)
        order_make(
            item,
            city["village11"],
            handling=city["town1"],
            status="rated",
            at=at,
            reviewed_at=at + minutes(5),
            dispatched_at=at + minutes(d),
            accepted_at=at + minutes(d + a),
            completed_at=at + minutes(d + a + c),
            rated_at=at + minutes(d + a + c + 10),
            rating=rating,
            assigned_team=team,
        )
    order_make(
        item,
        city["village12"],
        handling=city["town1"],
        status="dispatched",
        at=DAY,
        dispatched_at=DAY + minutes(40),
        assigned_team=team,
    )
    order_make(item, city["village11"], handling=city["town1"], at=DAY)
    order_make(
        item,
        city["village21"],
        handling=city["town2"],
        status="rated",
        at=DAY,
        dispatched_at=DAY + minutes(10),
        accepted_at=DAY + minutes(20),
        completed_at=DAY + minutes(30),
        rating=3,
    )
    order_make(item, city["village11"], handling=city["town1"], at=DAY - datetime.timedelta(60))
    return {"team": team}


def test_orders_by_status_in_the_range(people: dict[str, Any], known: dict[str, Any]) -> None:
    found = figures_for(people["dispatcher"], RANGE)
    by_status = {value: n for value, _label, n in found.by_status}
    assert found.total == 6
    assert (by_status["rated"], by_status["dispatched"], by_status["submitted"]) == (4, 1, 1)
    assert by_status["cancelled"] == 0


def test_stage_times_have_median_and_average(people: dict[str, Any], known: dict[str, Any]) -> None:
    found = figures_for(people["town_admin"], RANGE)
    dispatch, accept, complete, whole = found.durations
    assert (dispatch.count, dispatch.median_minutes, dispatch.average_minutes) == (4, 25, 25)
    assert (accept.count, accept.median_minutes, accept.average_minutes) == (3, 60, 60)
    assert (complete.count, complete.median_minutes, complete.average_minutes) == (3, 120, 120)
    assert (whole.count, whole.median_minutes) == (3, 200)


def test_ratings_by_town_and_team_count_low_ratings(
    people: dict[str, Any], known: dict[str, Any]
) -> None:
    found = figures_for(people["dispatcher"], RANGE)
    towns = {r.key: r for r in found.by_town}
    assert towns["370781001000"].name == "王府街道"
    assert (towns["370781001000"].orders, towns["370781001000"].rated) == (5, 3)
    assert towns["370781001000"].average == round((5 + 4 + 1) / 3, 2)
    assert towns["370781001000"].low == 1
    assert (towns["370781002000"].average, towns["370781002000"].low) == (3, 0)
    (team,) = found.by_team
    assert (team.name, team.orders, team.rated, team.low) == ("王府队", 4, 3, 1)


def test_figures_are_scoped_to_the_users_regions(
    people: dict[str, Any], known: dict[str, Any]
) -> None:
    assert figures_for(people["town_admin"], RANGE).total == 5
    assert figures_for(people["other_town_admin"], RANGE).total == 1
    assert figures_for(people["volunteer"], RANGE).total == 0


def test_figures_page_and_xlsx_export(
    client_as: Any, people: dict[str, Any], known: dict[str, Any]
) -> None:
    url = reverse("dispatch:figures")
    page = client_as("town_admin").get(url, {"from": "2030-05-01", "until": "2030-05-31"})
    assert page.status_code == 200
    assert 'data-testid="figures-total">5<' in page.content.decode()
    xlsx = client_as("town_admin").get(
        url, {"from": "2030-05-01", "until": "2030-05-31", "format": "xlsx"}
    )
    assert xlsx.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    orders, towns, teams = book.worksheets
    values = [[c.value for c in row] for row in orders.iter_rows()]
    assert [v[1] for v in values[2:11]] == [1, 0, 0, 0, 1, 0, 0, 3, 0]  # statuses in order
    assert values[11][1] == 5  # the total
    assert [c.value for c in teams[2]][:5] == ["王府队", 4, 3, 3.33, 1]
    assert towns.max_row == 2  # header and town 1


def test_figures_refuse_a_backwards_range(client_as: Any, people: dict[str, Any]) -> None:
    page = client_as("dispatcher").get(
        reverse("dispatch:figures"), {"from": "2030-05-31", "until": "2030-05-01"}
    )
    assert page.status_code == 400
    api = client_as("dispatcher").get(
        "/api/v1/dispatch/figures?date_from=2030-05-31&until=2030-05-01"
    )
    assert api.status_code == 400
    assert api.json()["code"] == "dispatch_figures_range_invalid"


def test_figures_page_is_for_the_centre_only(client_as: Any, people: dict[str, Any]) -> None:
    assert client_as("resident").get(reverse("dispatch:figures")).status_code == 403


def test_figures_api_gives_the_same_numbers(
    client_as: Any, people: dict[str, Any], known: dict[str, Any]
) -> None:
    response = client_as("dispatcher").get(
        "/api/v1/dispatch/figures?date_from=2030-05-01&until=2030-05-31"
    )
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == 6 and data["by_status"]["rated"] == 4
    assert data["durations"][0]["median_minutes"] == 20
