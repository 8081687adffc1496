"""The time bank's demo data: the demo volunteer's approved hours credited through the
service, family members, a paid and a pending spend; balances equal their postings."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Sum

from volcity.activities.models import ServiceRecord
from volcity.timebank.models import FamilyMember, TimeCredit, TimeSpend
from volcity.timebank.seed import RECORDS_EACH, SAMPLE_VOLUNTEERS
from volcity.timebank.tests.factories import assert_balances_equal_postings, balance

pytestmark = pytest.mark.django_db


def test_the_demo_volunteer_has_credits_family_and_spends():
    call_command("seed_demo", scale=0.0005, seed=7, stdout=StringIO(), stderr=StringIO())
    credits = TimeCredit.objects.filter(volunteer__user__username="volunteer")
    first = credits.first()
    assert first is not None
    volunteer = first.volunteer
    approved = ServiceRecord.objects.filter(volunteer=volunteer, status="approved")
    earned = credits.aggregate(s=Sum("credited"))["s"]
    assert earned == approved.aggregate(s=Sum("minutes"))["s"]
    assert balance(volunteer) == earned - 180
    assert FamilyMember.objects.filter(volunteer=volunteer).count() == 2
    statuses = sorted(
        TimeSpend.objects.filter(volunteer=volunteer).values_list("status", flat=True)
    )
    assert statuses == ["confirmed", "pending"]
    others = TimeCredit.objects.exclude(volunteer=volunteer)
    assert others.values("volunteer").distinct().count() <= SAMPLE_VOLUNTEERS
    assert others.count() <= SAMPLE_VOLUNTEERS * RECORDS_EACH
    assert_balances_equal_postings()
