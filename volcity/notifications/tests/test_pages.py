"""The inbox page and the unread badge in the navigation."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from volcity.notifications.models import Notification
from volcity.notifications.services import notify

pytestmark = pytest.mark.django_db


def tell(user: Any, n: int = 1, *, url: str = "", title: str = "通知") -> list[Notification]:
    return [
        row
        for i in range(n)
        for row in notify(users=[user], kind="test.thing.happened", title=f"{title}{i}", url=url)
    ]


def test_inbox_lists_only_my_notifications_newest_first(people: Any, client_as: Any) -> None:
    mine = tell(people["volunteer"], 3)
    theirs = tell(people["resident"], 1, title="别人的")
    body = client_as("volunteer").get(reverse("notifications:inbox")).content.decode()
    assert 'data-testid="notifications-list"' in body
    positions = [body.index(f'data-testid="notification-{n.pk}"') for n in mine]
    assert positions == sorted(positions, reverse=True)  # newest first
    assert f'data-testid="notification-{theirs[0].pk}"' not in body
    assert "别人的" not in body


def test_unread_ones_are_highlighted_and_read_ones_are_not(people: Any, client_as: Any) -> None:
    read, unread = tell(people["volunteer"], 2)
    client = client_as("volunteer")
    client.post(reverse("notifications:open", kwargs={"notification_id": read.pk}))
    body = client.get(reverse("notifications:inbox")).content.decode()
    assert f'data-testid="notification-{unread.pk}" data-unread="1"' in body
    assert f'data-testid="notification-{read.pk}" data-unread' not in body


def test_the_inbox_pages_by_keyset(people: Any, client_as: Any) -> None:
    rows = tell(people["volunteer"], 35)
    client = client_as("volunteer")
    first = client.get(reverse("notifications:inbox"))
    page = first.context["page"]
    assert len(page.items) == 30 and page.next == str(rows[5].pk)
    second = client.get(reverse("notifications:inbox"), {"after": page.next}).context["page"]
    assert [n.pk for n in second.items] == [n.pk for n in reversed(rows[:5])]
    assert second.next is None


def test_the_unread_filter_shows_only_unread(people: Any, client_as: Any) -> None:
    read, unread = tell(people["volunteer"], 2)
    client = client_as("volunteer")
    client.post(reverse("notifications:open", kwargs={"notification_id": read.pk}))
    page = client.get(reverse("notifications:inbox"), {"show": "unread"}).context["page"]
    assert [n.pk for n in page.items] == [unread.pk]


def test_opening_marks_it_read_and_follows_its_link(people: Any, client_as: Any) -> None:
    (row,) = tell(people["volunteer"], url="/activities/")
    response = client_as("volunteer").post(
        reverse("notifications:open", kwargs={"notification_id": row.pk})
    )
    assert response.status_code == 302 and response["Location"] == "/activities/"
    row.refresh_from_db()
    assert row.read_at is not None


def test_opening_one_without_a_link_returns_to_the_inbox(people: Any, client_as: Any) -> None:
    (row,) = tell(people["volunteer"])
    response = client_as("volunteer").post(
        reverse("notifications:open", kwargs={"notification_id": row.pk})
    )
    assert response["Location"] == reverse("notifications:inbox")


def test_someone_elses_notification_is_not_there(people: Any, client_as: Any) -> None:
    (row,) = tell(people["volunteer"])
    response = client_as("resident").post(
        reverse("notifications:open", kwargs={"notification_id": row.pk})
    )
    assert response.status_code == 404
    row.refresh_from_db()
    assert row.read_at is None


def test_mark_all_read_clears_my_unread_only(people: Any, client_as: Any) -> None:
    tell(people["volunteer"], 3)
    tell(people["resident"], 2)
    client = client_as("volunteer")
    assert (
        'data-testid="notifications-mark-all"'
        in client.get(reverse("notifications:inbox")).content.decode()
    )
    client.cookies["django_language"] = "en"
    response = client.post(reverse("notifications:mark_all_read"), follow=True)
    assert "3 notifications marked read." in response.content.decode()
    assert not Notification.objects.filter(recipient=people["volunteer"], read_at=None).exists()
    assert Notification.objects.filter(recipient=people["resident"], read_at=None).count() == 2


def test_the_badge_shows_my_unread_count_on_every_page(people: Any, client_as: Any) -> None:
    client = client_as("volunteer")
    home = client.get(reverse("portal:home")).content.decode()
    assert 'data-testid="notifications-link"' in home
    assert 'data-testid="notifications-unread-badge"' not in home  # nothing unread: no badge
    tell(people["volunteer"], 3)
    home = client.get(reverse("portal:home")).content.decode()
    assert 'data-testid="notifications-unread-badge">3</span>' in home


def test_the_badge_caps_at_99_plus(people: Any, client_as: Any) -> None:
    notify(users=[people["volunteer"]], kind="test.thing.happened", title="x")
    Notification.objects.bulk_create(
        [
            Notification(recipient=people["volunteer"], kind="test.thing", title="x")
            for _ in range(120)
        ]
    )
    home = client_as("volunteer").get(reverse("portal:home")).content.decode()
    assert 'data-testid="notifications-unread-badge">99+</span>' in home


def test_the_badge_rides_on_the_navigations_one_query(
    people: Any, django_assert_num_queries: Any
) -> None:
    from django.test import RequestFactory

    from volcity.portal.context_processors import navigation

    tell(people["volunteer"], 2)
    request = RequestFactory().get("/")
    request.user = people["volunteer"]
    with django_assert_num_queries(2):  # the person's facts (volunteer? unread?) and roles
        found = navigation(request)
    assert found["notifications_badge"] == "2"


def test_signed_out_visitors_see_no_badge(client_as: Any) -> None:
    home = client_as(None).get(reverse("portal:home")).content.decode()
    assert 'data-testid="notifications-link"' not in home
