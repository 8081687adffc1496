"""The check-in pages: code screen, phone scan page, personal code, kiosk."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from volcity.activities.codes import shift_code
from volcity.activities.models import Signup
from volcity.activities.tests.factories import volunteer_for
from volcity.activities.tests.factories_checkin import T0, scene, signup_confirmed

pytestmark = pytest.mark.django_db


@pytest.fixture
def s(people, city):
    return scene(people, city)


@pytest.fixture
def me(s, people, city):
    return signup_confirmed(s.shift, volunteer_for(people["volunteer"], city["village11"].code))


def test_the_code_screen_shows_a_qr_of_the_scan_address(
    s, client_as, django_assert_max_num_queries
):
    client = client_as("team_leader")
    url = reverse("activities:checkin_code", args=[s.shift.pk])
    with time_machine.travel(T0, tick=False):
        with django_assert_max_num_queries(12):
            response = client.get(url)
        code = shift_code(s.shift.pk)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and code in html
    assert 'hx-trigger="load delay:' in html
    assert "activities/checkin.js" in html


def test_the_code_screen_refreshes_as_an_htmx_partial(s, client_as):
    url = reverse("activities:checkin_code", args=[s.shift.pk])
    response = client_as("team_leader").get(url, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="checkin-code"') and "<html" not in html


def test_the_code_screen_is_for_those_who_run_the_activity(s, client_as):
    url = reverse("activities:checkin_code", args=[s.shift.pk])
    assert client_as(None).get(url).status_code == 302
    assert client_as("volunteer").get(url).status_code == 403
    assert client_as("other_town_admin").get(url).status_code == 404
    assert client_as("town_admin").get(url).status_code == 200


def test_the_scan_page_offers_check_in_with_the_code(s, me, client_as):
    with time_machine.travel(T0, tick=False):
        code = shift_code(s.shift.pk)
        url = reverse("activities:checkin_scan", args=[s.shift.pk]) + f"?c={code}"
        response = client_as("volunteer").get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-state="ready"' in html and f'data-code="{code}"' in html
    assert f"/api/v1/activities/shifts/{s.shift.pk}/checkin" in html
    assert "scan-code-stale" not in html


def test_the_scan_page_says_when_the_code_has_expired(s, me, client_as):
    url = reverse("activities:checkin_scan", args=[s.shift.pk]) + "?c=stale"
    response = client_as("volunteer").get(url)
    assert "scan-code-stale" in response.content.decode()


def test_the_scan_page_offers_check_out_once_checked_in(s, me, client_as):
    Signup.objects.filter(pk=me.pk).update(checked_in_at=T0)
    response = client_as("volunteer").get(reverse("activities:checkin_scan", args=[s.shift.pk]))
    assert 'data-state="in"' in response.content.decode()


def test_the_scan_page_tells_those_without_a_place_what_to_do(s, client_as, people, city):
    volunteer_for(people["volunteer"], city["village11"].code)
    url = reverse("activities:checkin_scan", args=[s.shift.pk])
    assert "scan-not-signed-up" in client_as("volunteer").get(url).content.decode()
    assert "scan-not-volunteer" in client_as("resident").get(url).content.decode()
    assert client_as(None).get(url).status_code == 302


def test_the_personal_code_page_shows_a_refreshing_qr(s, me, client_as):
    client = client_as("volunteer")
    response = client.get(reverse("activities:my_code"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and me.volunteer.number in html
    partial = client.get(reverse("activities:my_code"), HTTP_HX_REQUEST="true").content.decode()
    assert partial.lstrip().startswith('<section id="my-code"')
    assert client_as("resident").get(reverse("activities:my_code")).status_code == 302


def test_the_kiosk_shows_the_live_counts(s, client_as, django_assert_max_num_queries):
    Signup.objects.filter(pk=s.signup.pk).update(checked_in_at=T0 - datetime.timedelta(minutes=5))
    client = client_as("team_leader")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("activities:kiosk", args=[s.shift.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert f"/api/v1/activities/shifts/{s.shift.pk}/kiosk/checkin" in html
    assert 'data-count="present">1<' in html
    assert (
        client_as("volunteer").get(reverse("activities:kiosk", args=[s.shift.pk])).status_code
        == 403
    )


def test_the_checkin_script_is_served_from_our_static_files(client):
    from django.contrib.staticfiles import finders

    assert finders.find("activities/checkin.js")
    assert finders.find("activities/checkin.css")
