from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from volcity.accounts.errors import DuplicateIdNumber
from volcity.registry.errors import SignupThrottled
from volcity.registry.models import Volunteer
from volcity.registry.services import volunteer_signup
from volcity.registry.tests.helpers import volunteer_data

pytestmark = pytest.mark.django_db


def test_sign_ups_from_one_address_are_limited_and_known_numbers_count(city, settings):
    settings.VOLCITY_API_SIGNUPS_PER_HOUR = 2
    first = volunteer_data(city["village11"].code)
    volunteer_signup(data=first, password="Volcity-test-2026", ip="10.0.0.9")
    with pytest.raises(DuplicateIdNumber):  # the same ID number again: it counts too
        volunteer_signup(
            data=volunteer_data(city["village11"].code, id_number=first.id_number),
            password="Volcity-test-2026",
            ip="10.0.0.9",
        )
    with pytest.raises(SignupThrottled):
        volunteer_signup(
            data=volunteer_data(city["village11"].code), password="Volcity-test-2026", ip="10.0.0.9"
        )
    volunteer_signup(
        data=volunteer_data(city["village11"].code), password="Volcity-test-2026", ip="10.0.0.10"
    )
    assert Volunteer.objects.count() == 2


def test_the_registration_page_shares_the_limit(city, settings):
    settings.VOLCITY_API_SIGNUPS_PER_HOUR = 1
    client = Client(REMOTE_ADDR="10.0.0.11")
    client.cookies["django_language"] = "en"

    def post() -> HttpResponse:
        d = volunteer_data(city["village11"].code)
        return client.post(  # type: ignore[return-value]
            reverse("registry:register"),
            {
                "name": d.name,
                "id_number": d.id_number,
                "phone": d.phone,
                "password": "Volcity-test-2026",
                "region": d.region,
                "political_status": "masses",
            },
        )

    assert post().status_code == 302
    client.logout()  # a new cookie jar: choose English again
    client.cookies["django_language"] = "en"
    refused = post()
    assert refused.status_code == 400
    assert b"Too many registrations from this address" in refused.content
