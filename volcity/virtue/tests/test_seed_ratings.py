"""The demo city's rankings and ratings: last quarter's lists published, every household
rated, the demo household consenting to share its rating with the partner bank."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from volcity.virtue.models import Household
from volcity.virtue.models_ratings import BankSharingConsent, CreditRating, ListPublication

pytestmark = pytest.mark.django_db


def test_the_demo_city_has_published_lists_ratings_and_one_consent() -> None:
    call_command("seed_demo", scale=0.0005, seed=7, stdout=StringIO(), stderr=StringIO())
    publications = list(ListPublication.objects.all())
    assert len(publications) == 3
    assert {(p.year, p.quarter) for p in publications} == {(2026, 3)}
    assert any(p.entries.filter(kind="red").exists() for p in publications)
    active = Household.objects.filter(active=True).count()
    assert CreditRating.objects.count() == active
    consent = BankSharingConsent.objects.get()
    assert consent.household.number == "001" and consent.revoked_at is None
