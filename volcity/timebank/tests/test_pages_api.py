"""The pages and the API: the volunteer's "My time bank", the staff's counter, the overview;
scope (another town's staff get 404), errors beside their field."""

from __future__ import annotations

import datetime
import json

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from volcity.timebank.models import FamilyMember, TimeSpend
from volcity.timebank.tests.factories import approved, balance, relative

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 20)


def as_user(user, *, english=True):
    client = Client()
    client.force_login(user, backend="volcity.accounts.backends.PhoneOrUsernameBackend")
    if english:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def post_json(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def test_my_time_bank_shows_the_balance_the_cap_and_what_went_over_it(s, settings):
    settings.VOLCITY_TIMEBANK_CAP_HOURS = 3
    approved(s, minutes=120)
    approved(s, minutes=120)
    page = as_user(s.volunteer.user).get(reverse("timebank:me"))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="timebank-balance">3 h<' in html
    assert "Room left under the cap: 0 min" in html
    assert "60 min over the cap, not credited" in html
    assert 'data-testid="timebank-full"' in html
    assert 'data-testid="me-tab-timebank"' in html


def test_the_my_service_tabs_link_the_time_bank(s):
    approved(s, minutes=60)
    page = as_user(s.volunteer.user).get(reverse("activities:my_hours"))
    assert reverse("timebank:me") in page.content.decode()


def test_a_volunteer_adds_a_family_member_and_a_bad_date_is_shown_beside_the_field(s):
    client = as_user(s.volunteer.user)
    bad = client.post(
        reverse("timebank:family_add"),
        {"name": "王秀兰", "relation": "parent", "birth_date": "2030-01-01"},
    )
    assert bad.status_code == 400 and not FamilyMember.objects.exists()
    assert "has-error" in bad.content.decode()
    good = client.post(
        reverse("timebank:family_add"),
        {"name": "王秀兰", "relation": "parent", "birth_date": "1950-03-01"},
    )
    assert good.status_code == 302
    page = client.get(reverse("timebank:me")).content.decode()
    assert "王秀兰" in page and "may use your credits" in page


def test_staff_find_a_volunteer_record_a_spend_and_the_volunteer_confirms_it(s, people):
    approved(s, minutes=240)
    mother = relative(s.volunteer, born=datetime.date(1950, 3, 1), name="王秀兰")
    staff = as_user(people["village_admin"])
    found = staff.get(reverse("timebank:counter"), {"number": s.volunteer.number})
    html = found.content.decode()
    assert found.status_code == 200 and "4 h" in html
    assert "王*" in html and "王秀兰" not in html  # family names masked to staff
    made = staff.post(
        reverse("timebank:counter"),
        {
            "number": s.volunteer.number,
            "beneficiary": str(mother.pk),
            "service": "hospital_escort",
            "minutes": "90",
            "service_date": TODAY.isoformat(),
            "description": "陪同去市医院复查",
        },
    )
    assert made.status_code == 302
    spend = TimeSpend.objects.get()
    volunteer = as_user(s.volunteer.user)
    assert (
        f'data-testid="pending-spend-{spend.pk}"'
        in volunteer.get(reverse("timebank:me")).content.decode()
    )
    done = volunteer.post(reverse("timebank:spend_confirm", kwargs={"spend_id": spend.pk}))
    assert done.status_code == 302
    assert balance(s.volunteer) == 150


def test_a_refused_spend_is_shown_beside_the_field_on_the_counter(s, people):
    approved(s, minutes=60)
    staff = as_user(people["village_admin"])
    refused = staff.post(
        reverse("timebank:counter"),
        {
            "number": s.volunteer.number,
            "beneficiary": "self",
            "service": "home_help",
            "minutes": "120",
            "service_date": TODAY.isoformat(),
        },
    )
    assert refused.status_code == 400
    assert "Not enough hour credits" in refused.content.decode()
    assert not TimeSpend.objects.exists()


def test_another_towns_staff_do_not_find_the_volunteer(s, people):
    approved(s, minutes=60)
    other = as_user(people["other_town_admin"])
    page = other.get(reverse("timebank:counter"), {"number": s.volunteer.number})
    assert page.status_code == 404
    api = other.get(f"/api/v1/timebank/volunteers/{s.volunteer.number}")
    assert api.status_code == 404 and api.json()["code"] == "not_found"


def test_the_api_records_a_spend_refuses_an_under_60_beneficiary_and_confirms(s, people):
    approved(s, minutes=240)
    young = relative(s.volunteer, born=datetime.date(1970, 1, 1), name="王小妹", relation="sibling")
    staff = as_user(people["station_keeper"])
    body = {
        "volunteer_number": s.volunteer.number,
        "service": "home_help",
        "minutes": 60,
        "service_date": TODAY.isoformat(),
        "beneficiary": young.pk,
    }
    refused = post_json(staff, "/api/v1/timebank/spends", body)
    assert refused.status_code == 400
    assert refused.json()["code"] == "beneficiary_under_60"
    assert list(refused.json()["fields"]) == ["beneficiary"]
    body["beneficiary"] = None
    made = post_json(staff, "/api/v1/timebank/spends", body)
    assert made.status_code == 201, made.content
    spend_id = made.json()["id"]
    me = as_user(s.volunteer.user)
    assert [p["id"] for p in me.get("/api/v1/timebank/me/spends?status=pending").json()] == [
        spend_id
    ]
    done = me.post(f"/api/v1/timebank/spends/{spend_id}/confirm")
    assert done.status_code == 200 and done.json()["status"] == "confirmed"
    summary = me.get("/api/v1/timebank/me").json()
    assert (summary["balance_minutes"], summary["spent_minutes"], summary["cap_minutes"]) == (
        180,
        60,
        1500 * 60,
    )


def test_the_overview_counts_credits_in_circulation_spent_and_over_the_cap(s, people, settings):
    settings.VOLCITY_TIMEBANK_CAP_HOURS = 2
    approved(s, minutes=180)
    admin = as_user(people["city_admin"])
    data = admin.get("/api/v1/timebank/overview").json()
    assert (data["balance_minutes"], data["over_cap_minutes"], data["spent_minutes"]) == (
        120,
        60,
        0,
    )
    assert [r["region"] for r in data["rows"]] == ["370781001000"]
    town = admin.get("/api/v1/timebank/overview?town=370781001000").json()
    assert [r["region"] for r in town["rows"]] == ["370781001001"]
    page = admin.get(reverse("timebank:overview"))
    assert page.status_code == 200 and "王府街道" in page.content.decode()
    assert admin.get("/api/v1/timebank/overview?town=370781002000").status_code == 200
    village = as_user(people["village_admin"])
    assert village.get("/api/v1/timebank/overview?town=370781002000").status_code == 404


def test_the_pages_say_when_the_time_bank_is_off(s, settings):
    settings.VOLCITY_TIMEBANK_ENABLED = False
    page = as_user(s.volunteer.user).get(reverse("timebank:me"))
    assert 'data-testid="timebank-off"' in page.content.decode()


def test_the_pages_do_not_query_per_row(s, people, django_assert_max_num_queries):
    for _n in range(5):
        approved(s, minutes=60)
    mother = relative(s.volunteer, born=datetime.date(1950, 3, 1))
    from volcity.timebank.services import spend_request

    for _n in range(3):
        spend_request(
            actor=people["village_admin"],
            volunteer=s.volunteer,
            service="meals",
            minutes=30,
            service_date=TODAY,
            beneficiary=mother,
        )
    volunteer = as_user(s.volunteer.user)
    staff = as_user(people["village_admin"])
    with django_assert_max_num_queries(20):
        assert volunteer.get(reverse("timebank:me")).status_code == 200
    with django_assert_max_num_queries(20):
        page = staff.get(reverse("timebank:counter"), {"number": s.volunteer.number})
        assert page.status_code == 200
