"""The notifications API: my own notifications only, keyset pages, unread count, marking."""

from __future__ import annotations

from typing import Any

import pytest

from volcity.notifications.models import Notification
from volcity.notifications.services import notify

pytestmark = pytest.mark.django_db
A = "/api/v1/notifications"


def tell(user: Any, n: int = 1) -> list[Notification]:
    return [
        row
        for i in range(n)
        for row in notify(
            users=[user], kind="dispatch.order.dispatched", title=f"派单{i}", url="/dispatch/"
        )
    ]


def test_the_list_is_mine_newest_first_in_keyset_pages(people: Any, client_as: Any) -> None:
    rows = tell(people["volunteer"], 5)
    tell(people["resident"], 2)
    client = client_as("volunteer")
    first = client.get(f"{A}/", {"limit": 3}).json()
    assert [n["id"] for n in first["items"]] == [r.pk for r in reversed(rows[2:])]
    assert first["items"][0] == {
        **first["items"][0],
        "kind": "dispatch.order.dispatched",
        "title": "派单4",
        "url": "/dispatch/",
        "unread": True,
        "read_at": None,
    }
    second = client.get(f"{A}/", {"limit": 3, "after": first["next"]}).json()
    assert [n["id"] for n in second["items"]] == [rows[1].pk, rows[0].pk]
    assert second["next"] is None


def test_unread_count_and_marking_one_read(people: Any, client_as: Any) -> None:
    rows = tell(people["volunteer"], 3)
    client = client_as("volunteer")
    assert client.get(f"{A}/unread-count").json() == {"unread": 3, "label": "3"}
    marked = client.post(f"{A}/{rows[0].pk}/read").json()
    assert marked["id"] == rows[0].pk and marked["unread"] is False and marked["read_at"]
    again = client.post(f"{A}/{rows[0].pk}/read").json()
    assert again["read_at"] == marked["read_at"]  # marking twice changes nothing
    assert client.get(f"{A}/unread-count").json()["unread"] == 2
    unread = client.get(f"{A}/", {"unread": "true"}).json()
    assert [n["id"] for n in unread["items"]] == [rows[2].pk, rows[1].pk]


def test_someone_elses_notification_is_404_with_a_code(people: Any, client_as: Any) -> None:
    (row,) = tell(people["volunteer"])
    response = client_as("resident").post(f"{A}/{row.pk}/read")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    row.refresh_from_db()
    assert row.read_at is None


def test_mark_all_read_answers_how_many_and_touches_only_mine(people: Any, client_as: Any) -> None:
    tell(people["volunteer"], 4)
    tell(people["resident"], 1)
    client = client_as("volunteer")
    assert client.post(f"{A}/read-all").json() == {"marked": 4}
    assert client.post(f"{A}/read-all").json() == {"marked": 0}
    assert client.get(f"{A}/unread-count").json() == {"unread": 0, "label": ""}
    assert client_as("resident").get(f"{A}/unread-count").json()["unread"] == 1


def test_signed_out_callers_are_refused(client_as: Any) -> None:
    response = client_as(None).get(f"{A}/unread-count")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"
