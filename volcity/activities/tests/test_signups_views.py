"""The sign-up pages: the volunteer's sign-up form, my shifts, cancel, calendar download; the
leader's roster with its live rows, add by number, remove, no-shows."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from volcity.activities.models import Signup
from volcity.activities.services.signups import signup_create
from volcity.activities.tests.factories import new_volunteer, shift_make, volunteer_for
from volcity.activities.tests.factories_signups import assert_counters, born_years_ago, world

pytestmark = pytest.mark.django_db


def _me(people: Any, city: Any) -> Any:
    return volunteer_for(people["volunteer"], city["village11"].code)


def test_sign_up_form_shows_only_the_boxes_that_apply(
    people: Any, city: Any, client_as: Any
) -> None:
    plain = world(people, city)
    _me(people, city)
    client = client_as("volunteer")
    page = client.get(reverse("activities:signup_create", args=[plain.shift.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="accept_risk"' not in html
    assert 'name="guardian_present"' not in html
    assert 'type="hidden" name="party_size"' in html
    risky = world(people, city, risk_disclosure="涉水作业", insured=True, max_party_size=4)
    html = client.get(reverse("activities:signup_create", args=[risky.shift.pk])).content.decode()
    assert 'name="accept_risk"' in html
    assert "涉水作业" in html
    assert 'type="number" name="party_size"' in html


def test_child_sees_the_guardian_box(people: Any, city: Any, client_as: Any) -> None:
    w = world(people, city)
    me = _me(people, city)
    born_years_ago(me.user, 8, w.shift)
    html = client_as("volunteer").get(reverse("activities:signup_create", args=[w.shift.pk]))
    assert 'name="guardian_present"' in html.content.decode()


def test_signing_up_on_the_page_goes_to_my_shifts(people: Any, city: Any, client_as: Any) -> None:
    w = world(people, city)
    _me(people, city)
    client = client_as("volunteer")
    response = client.post(reverse("activities:signup_create", args=[w.shift.pk]), {})
    assert response.status_code == 302
    assert response["Location"] == reverse("activities:my_shifts")
    page = client.get(response["Location"])
    html = page.content.decode()
    assert w.activity.title in html
    assert reverse("activities:shift_ics", args=[w.shift.pk]) in html
    assert 'data-status="confirmed"' in html
    assert_counters(w.shift)


def test_full_shift_tells_the_volunteer_they_are_on_the_wait_list(
    people: Any, city: Any, client_as: Any
) -> None:
    w = world(people, city)
    shift = shift_make(
        w.activity, capacity=1, starts_at=w.shift.starts_at + datetime.timedelta(days=1)
    )
    signup_create(volunteer=new_volunteer(city["village11"].code), shift=shift)
    _me(people, city)
    client = client_as("volunteer")
    form = client.get(reverse("activities:signup_create", args=[shift.pk])).content.decode()
    assert 'data-testid="signup-submit"' in form
    response = client.post(reverse("activities:signup_create", args=[shift.pk]), {}, follow=True)
    html = response.content.decode()
    assert 'data-status="waitlisted"' in html
    assert "wait-list" in html or "候补" in html


def test_refused_sign_up_shows_the_reason_beside_the_field_and_saves_nothing(
    people: Any, city: Any, client_as: Any
) -> None:
    w = world(people, city, risk_disclosure="夜间作业", insured=True)
    _me(people, city)
    response = client_as("volunteer").post(
        reverse("activities:signup_create", args=[w.shift.pk]), {}
    )
    assert response.status_code == 400
    assert 'data-field="accept_risk"' in response.content.decode()
    assert not Signup.objects.filter(shift=w.shift).exists()
    assert_counters(w.shift)


def test_refusal_without_a_field_of_its_own_shows_at_the_top(
    people: Any, city: Any, client_as: Any
) -> None:
    w = world(people, city, recruiting=False)
    _me(people, city)
    response = client_as("volunteer").post(
        reverse("activities:signup_create", args=[w.shift.pk]), {}
    )
    assert response.status_code == 400
    assert "form-error" in response.content.decode()


def test_cancel_button_until_the_notice_period_then_a_hint(
    people: Any, city: Any, client_as: Any, settings: Any
) -> None:
    settings.VOLCITY_CANCEL_NOTICE_HOURS = 24
    w = world(people, city)
    mine = signup_create(volunteer=_me(people, city), shift=w.shift)
    client = client_as("volunteer")
    html = client.get(reverse("activities:my_shifts")).content.decode()
    assert f'data-testid="cancel-{mine.pk}"' in html
    with time_machine.travel(w.shift.starts_at - datetime.timedelta(hours=2)):
        client = client_as("volunteer")
        html = client.get(reverse("activities:my_shifts")).content.decode()
        assert f'data-testid="cancel-{mine.pk}"' not in html
        late = client.post(reverse("activities:signup_cancel", args=[mine.pk]))
        assert late.status_code == 400
        assert 'data-field="signup"' in late.content.decode()
    mine.refresh_from_db()
    assert mine.status == "confirmed"
    response = client_as("volunteer").post(reverse("activities:signup_cancel", args=[mine.pk]))
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status == "cancelled"
    assert_counters(w.shift)


def test_calendar_download(people: Any, city: Any, client: Any) -> None:
    w = world(people, city)
    response = client.get(reverse("activities:shift_ics", args=[w.shift.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert b"\r\nDTSTART:" in response.content
    local = timezone.localtime(w.shift.starts_at)
    assert f"{local:%Y%m%d}" in response["Content-Disposition"]


def test_roster_shows_people_with_masked_phones_and_refreshes_live(
    people: Any, city: Any, client_as: Any, django_assert_max_num_queries: Any
) -> None:
    w = world(people, city)
    made = [
        signup_create(volunteer=new_volunteer(city["village11"].code), shift=w.shift)
        for _ in range(3)
    ]
    Signup.objects.filter(pk=made[0].pk).update(checked_in_at=w.shift.starts_at)
    client = client_as("team_leader")
    url = reverse("activities:shift_roster", args=[w.shift.pk])
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    # Refreshed every 10 s, but not while the leader is typing in a row (a removal reason).
    assert "hx-trigger=\"every 10s [!document.querySelector('#roster-rows :focus')]\"" in html
    assert html.count('data-testid="roster-row"') == 3
    # The leader reaches the check-in code screen and the kiosk from the roster.
    assert reverse("activities:checkin_code", args=[w.shift.pk]) in html
    assert reverse("activities:kiosk", args=[w.shift.pk]) in html
    phone = made[1].volunteer.user.phone or ""
    assert phone
    assert phone not in html and f"{phone[:3]}****{phone[-4:]}" in html
    local_in = timezone.localtime(w.shift.starts_at)
    assert f"{local_in:%H:%M}" in html
    for _ in range(5):
        signup_create(volunteer=new_volunteer(city["village11"].code), shift=w.shift)
    with django_assert_max_num_queries(14):
        rows = client.get(url, headers={"HX-Request": "true"})
    body = rows.content.decode()
    assert body.count('data-testid="roster-row"') == 8
    assert "<html" not in body


def test_leader_adds_by_number_on_the_page(people: Any, city: Any, client_as: Any) -> None:
    w = world(people, city)
    v = new_volunteer(city["village11"].code)
    client = client_as("team_leader")
    add = reverse("activities:signup_add", args=[w.shift.pk])
    unknown = client.post(add, {"number": "999", "party_size": "1"})
    assert unknown.status_code == 400
    assert 'data-field="number"' in unknown.content.decode()
    response = client.post(add, {"number": v.number, "party_size": "1"})
    assert response.status_code == 302
    signup = Signup.objects.get(shift=w.shift, volunteer=v)
    assert signup.added_by == people["team_leader"]
    again = client.post(add, {"number": v.number, "party_size": "1"})
    assert again.status_code == 400
    assert_counters(w.shift)


def test_leader_removes_with_a_reason_on_the_page(people: Any, city: Any, client_as: Any) -> None:
    w = world(people, city)
    signup = signup_create(volunteer=new_volunteer(city["village11"].code), shift=w.shift)
    client = client_as("team_leader")
    url = reverse("activities:signup_remove", args=[signup.pk])
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 400
    assert "row-error" in refused.content.decode()
    assert client.post(url, {"reason": "联系不上"}).status_code == 302
    signup.refresh_from_db()
    assert signup.status == "cancelled"
    assert_counters(w.shift)


def test_no_shows_button_after_the_shift(people: Any, city: Any, client_as: Any) -> None:
    w = world(people, city)
    signup = signup_create(volunteer=new_volunteer(city["village11"].code), shift=w.shift)
    url = reverse("activities:signups_no_show", args=[w.shift.pk])
    assert client_as("team_leader").post(url).status_code == 400
    with time_machine.travel(w.shift.ends_at + datetime.timedelta(minutes=1)):
        client = client_as("team_leader")
        roster = client.get(reverse("activities:shift_roster", args=[w.shift.pk]))
        assert 'data-testid="mark-no-shows"' in roster.content.decode()
        assert client.post(url).status_code == 302
    signup.refresh_from_db()
    assert signup.status == "no_show"
    excuse = reverse("activities:signup_excuse", args=[signup.pk])
    assert client_as("team_leader").post(excuse, {"reason": "请过假"}).status_code == 302
    signup.refresh_from_db()
    assert signup.status == "confirmed"
    assert_counters(w.shift)


def test_non_volunteer_is_sent_to_register(people: Any, city: Any, client_as: Any) -> None:
    w = world(people, city)
    response = client_as("resident").get(reverse("activities:signup_create", args=[w.shift.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:register")
