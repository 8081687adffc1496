"""The order loop's pages, as people use them on a phone: order, review, dispatch, accept,
complete, rate; refusals beside their field; another town's dispatcher gets 404."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from volcity.dispatch.models import Order
from volcity.dispatch.tests.factories import LAT, LNG, VILLAGE, approved, placed

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user, backend="volcity.accounts.backends.PhoneOrUsernameBackend")
    return c


def _form(item_id: int, **overrides: str) -> dict[str, str]:
    start = timezone.localtime() + datetime.timedelta(hours=2)
    values = {
        "item": str(item_id),
        "region": VILLAGE,
        "address": "第2村5号",
        "latitude": str(LAT),
        "longitude": str(LNG),
        "wanted_from": start.strftime("%Y-%m-%dT%H:%M"),
        "wanted_until": (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "urgency": "normal",
        "contact_name": "李大爷",
        "contact_phone": "13912345678",
        "description": "",
    }
    values.update(overrides)
    return values


def test_the_whole_loop_through_the_pages(d: Any) -> None:
    resident = _client(d.resident)
    page = resident.get(reverse("dispatch:order_new"))
    assert page.status_code == 200 and f'data-testid="menu-item-{d.item.pk}"' in page.text
    form = resident.get(reverse("dispatch:order_new"), {"item": d.item.pk})
    assert 'data-testid="use-location"' in form.text
    sent = resident.post(reverse("dispatch:order_new"), _form(d.item.pk))
    assert sent.status_code == 302
    order = Order.objects.get()
    centre = _client(d.dispatcher)
    assert centre.post(reverse("dispatch:order_approve", args=[order.number])).status_code == 302
    detail = centre.get(reverse("dispatch:order", args=[order.number]))
    assert 'data-testid="dispatch-form"' in detail.text
    done = centre.post(
        reverse("dispatch:order_dispatch", args=[order.number]), {"volunteer": d.volunteer.pk}
    )
    assert done.status_code == 302
    volunteer = _client(d.volunteer.user)
    tasks = volunteer.get(reverse("dispatch:tasks"))
    assert order.number in tasks.text
    before = volunteer.get(reverse("dispatch:order", args=[order.number]))
    assert "139****5678" in before.text and "13912345678" not in before.text
    volunteer.post(reverse("dispatch:order_accept", args=[order.number]))
    after = volunteer.get(reverse("dispatch:order", args=[order.number]))
    assert "13912345678" in after.text
    volunteer.post(
        reverse("dispatch:order_complete", args=[order.number]),
        {"report": "已修好", "hours": "1"},
    )
    mine = resident.get(reverse("dispatch:my_orders"))
    assert f'data-testid="my-order-rate-{order.number}"' in mine.text
    resident.post(reverse("dispatch:order_rate", args=[order.number]), {"rating": "4"})
    order.refresh_from_db()
    assert order.status == "rated" and order.rating == 4
    timeline = resident.get(reverse("dispatch:order", args=[order.number]))
    assert 'data-testid="timeline-rate"' in timeline.text


def test_an_order_with_no_location_shows_the_reason_beside_the_location(d: Any) -> None:
    resident = _client(d.resident)
    with translation.override("en"):
        page = resident.post(
            reverse("dispatch:order_new"), _form(d.item.pk, latitude="", longitude="")
        )
    assert page.status_code == 400
    assert 'data-testid="error-latitude"' in page.text
    assert not Order.objects.exists()


def test_the_kiosk_needs_no_sign_in_but_a_phone(d: Any) -> None:
    kiosk = Client()
    assert kiosk.get(reverse("dispatch:kiosk")).status_code == 200
    refused = kiosk.post(
        reverse("dispatch:kiosk") + f"?region={VILLAGE}", _form(d.item.pk, contact_phone="")
    )
    assert refused.status_code == 400 and 'data-testid="error-contact_phone"' in refused.text
    sent = kiosk.post(reverse("dispatch:kiosk") + f"?region={VILLAGE}", _form(d.item.pk))
    assert sent.status_code == 302
    order = Order.objects.get()
    assert order.channel == "kiosk"
    assert order.number in kiosk.get(sent["Location"]).text


def test_another_towns_dispatcher_gets_404_and_dispatching_outside_scope_is_refused(
    d: Any,
) -> None:
    order = approved(d)
    other = _client(d.other_dispatcher)
    assert other.get(reverse("dispatch:order", args=[order.number])).status_code == 404
    assert other.post(reverse("dispatch:order_approve", args=[order.number])).status_code == 404
    english = _client(d.dispatcher)
    english.cookies["django_language"] = "en"
    refused = english.post(
        reverse("dispatch:order_dispatch", args=[order.number]), {"team": d.other_team.pk}
    )
    assert refused.status_code == 403
    assert "outside your scope" in refused.text


def test_rating_a_dispatched_order_is_refused_on_the_page(d: Any) -> None:
    order = placed(d)
    english = _client(d.resident)
    english.cookies["django_language"] = "en"
    page = english.post(reverse("dispatch:order_rate", args=[order.number]), {"rating": "5"})
    assert page.status_code == 409 and "Only a completed order can be rated" in page.text


def test_the_call_entry_and_the_centre_list(d: Any) -> None:
    centre = _client(d.dispatcher)
    assert centre.get(reverse("dispatch:call")).status_code == 200
    sent = centre.post(reverse("dispatch:call") + f"?region={VILLAGE}", _form(d.item.pk))
    assert sent.status_code == 302
    order = Order.objects.get()
    assert order.channel == "call"
    assert order.number in centre.get(reverse("dispatch:centre")).text
    assert _client(d.resident).get(reverse("dispatch:centre")).status_code == 403


def test_menu_and_roster_pages(d: Any) -> None:
    admin = _client(d.people["city_admin"])
    assert admin.get(reverse("dispatch:menu_admin")).status_code == 200
    added = admin.post(
        reverse("dispatch:menu_admin"), {"region": "370781001000", "name": "理发", "sort": "2"}
    )
    assert added.status_code == 302
    start = timezone.localtime() + datetime.timedelta(hours=1)
    shift = _client(d.dispatcher).post(
        reverse("dispatch:roster"),
        {
            "region": "370781001000",
            "user": d.dispatcher.pk,
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + datetime.timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert shift.status_code == 302
    assert _client(d.resident).get(reverse("dispatch:menu_admin")).status_code == 403


def test_the_staff_start_page_lists_the_order_loop(d: Any) -> None:
    page = _client(d.dispatcher).get(reverse("portal:manage"))
    assert reverse("dispatch:centre") in page.text
    leader = _client(d.leader).get(reverse("portal:manage"))
    assert reverse("dispatch:tasks") in leader.text


def test_the_back_office_shows_an_order_without_its_phone(d: Any) -> None:
    from volcity.accounts.models import User

    order = placed(d)
    root = User.objects.create_superuser("root_d", password="x", phone="13999990001")
    page = _client(root).get(reverse("admin:dispatch_order_change", args=[order.pk]))
    assert page.status_code == 200 and "13812345678" not in page.text


def test_a_leader_opens_a_pooled_order_from_the_pool_and_takes_it(d: Any) -> None:
    from volcity.dispatch.services.order_dispatch import order_pool

    order = order_pool(actor=d.dispatcher, order=approved(d))
    leader = _client(d.leader)
    pool = leader.get(reverse("dispatch:pool"))
    assert f'data-testid="pool-take-{order.number}"' in pool.text
    page = leader.get(reverse("dispatch:order", args=[order.number]))
    assert page.status_code == 200 and "138****5678" in page.text
    taken = leader.post(reverse("dispatch:order_take", args=[order.number]), {"team": d.team.pk})
    assert taken.status_code == 302
    order.refresh_from_db()
    assert order.status == "accepted" and order.assigned_team_id == d.team.pk
    assert (
        _client(d.volunteer.user).get(reverse("dispatch:order", args=[order.number])).status_code
        == 404
    )


def test_list_pages_keep_to_a_query_budget(d: Any, django_assert_max_num_queries: Any) -> None:
    for _ in range(6):
        placed(d)
    centre, resident, leader = _client(d.dispatcher), _client(d.resident), _client(d.leader)
    with django_assert_max_num_queries(12):
        assert centre.get(reverse("dispatch:centre")).status_code == 200
    with django_assert_max_num_queries(10):
        assert resident.get(reverse("dispatch:my_orders")).status_code == 200
    with django_assert_max_num_queries(12):
        assert leader.get(reverse("dispatch:tasks")).status_code == 200
