"""The virtue bank's demo data: banks, a published and a retired catalogue, households and
deeds in every status, every point a ledger posting."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Sum

from volcity.ledger.models import Posting
from volcity.virtue.models import CatalogueVersion, DeedClaim, Household, Objection, VirtueBank
from volcity.virtue.seed import demo_logins

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("seed_demo", scale=0.0005, seed=7, stdout=StringIO(), stderr=StringIO())


def test_the_demo_city_has_virtue_banks_with_deeds_in_every_status(seeded):
    banks = list(VirtueBank.objects.order_by("region_id"))
    assert len(banks) == 3
    clerk_village = banks[0].region_id
    from volcity.accounts.models import RoleGrant

    assert RoleGrant.objects.get(user__username="virtue_clerk").region_id == clerk_village
    statuses = set(DeedClaim.objects.values_list("status", flat=True))
    assert statuses >= {"submitted", "on_notice", "objected", "posted", "rejected"}
    assert set(Objection.objects.values_list("status", flat=True)) == {
        "open",
        "upheld",
        "dismissed",
    }
    assert set(CatalogueVersion.objects.values_list("status", flat=True)) == {
        "published",
        "retired",
    }
    old = DeedClaim.objects.filter(item__version__status="retired").first()
    assert old is not None and old.points == 3  # version 1's rule for 孝老爱亲
    for household in Household.objects.select_related("account"):
        summed = Posting.objects.filter(account=household.account).aggregate(s=Sum("amount"))["s"]
        assert household.account is not None
        assert household.account.balance == summed >= 0
    posted = DeedClaim.objects.filter(status="posted")
    assert posted.count() > 10 and all(c.posted_transaction_id for c in posted)


def test_the_demo_resident_and_committee_can_sign_in(seeded):
    from volcity.virtue.models import Resident

    assert Resident.objects.filter(user__username="resident").exists()
    logins = demo_logins()
    assert [login.username for login in logins] == [f"virtue_committee{n}" for n in range(1, 6)]
    assert all(login.phone.startswith("138") for login in logins)
