"""Demo data of the time bank (the ``timebank`` seed step, after the service records).

The activities step writes its records in bulk, past the approval service, so nothing has
been credited yet. Here the demo ``volunteer``'s approved records are credited through
``credits_earn_for_record`` (as an approval would), and a bounded sample of other
volunteers' too: at most ``SAMPLE_VOLUNTEERS`` volunteers and ``RECORDS_EACH`` records each,
whatever the scale (the city's millions of records are never walked). The demo volunteer
gets two family members (a mother aged 60+, a younger sister who may not use the credits),
one service paid (confirmed in person at the counter) and one waiting for their consent.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from volcity.accounts.models import User
from volcity.activities.models import ServiceRecord
from volcity.core.seeding import SeedContext
from volcity.registry.models import Volunteer
from volcity.timebank.models import FamilyMember, TimeCredit, TimeSpend
from volcity.timebank.permissions import can_record_spend
from volcity.timebank.services import (
    credits_earn_for_record,
    family_member_add,
    spend_confirm_in_person,
    spend_request,
)
from volcity.timebank.services.accounts import timebank_enabled

DEMO_VOLUNTEER = "volunteer"
DEMO_RECORDS = 200
SAMPLE_VOLUNTEERS = 30
RECORDS_EACH = 40
STAFF_ORDER = ("station_keeper", "village_admin", "town_admin", "city_admin")


def _credit(volunteer_id: int, limit: int) -> int:
    records = list(
        ServiceRecord.objects.filter(volunteer_id=volunteer_id, status="approved")
        .order_by("served_on", "id")
        .only("pk", "volunteer_id", "minutes", "served_on", "title")[:limit]
    )
    with transaction.atomic():
        for record in records:
            credits_earn_for_record(
                record=record, minutes=record.minutes, key=f"timebank:record:{record.pk}"
            )
    return len(records)


def _sample(ctx: SeedContext, exclude: int | None) -> list[int]:
    """Up to SAMPLE_VOLUNTEERS volunteer ids drawn from a bounded window of ids."""
    ids = list(
        Volunteer.objects.exclude(pk=exclude or 0)
        .order_by("pk")
        .values_list("pk", flat=True)[: SAMPLE_VOLUNTEERS * 20]
    )
    rng = ctx.rng_for("timebank.sample")
    return sorted(rng.sample(ids, min(SAMPLE_VOLUNTEERS, len(ids))))


def _staff_for(volunteer: Volunteer) -> User | None:
    for username in STAFF_ORDER:
        user = User.objects.filter(username=username).first()
        if user is not None and can_record_spend(user, volunteer.region_id):
            return user
    return None


def _demo_family_and_spends(volunteer: Volunteer) -> None:
    if FamilyMember.objects.filter(volunteer=volunteer).exists():
        return
    today = timezone.localdate()
    mother = family_member_add(
        actor=volunteer.user,
        volunteer=volunteer,
        name="李桂英",
        relation="parent",
        birth_date=datetime.date(today.year - 68, 4, 12),
    )
    family_member_add(
        actor=volunteer.user,
        volunteer=volunteer,
        name=volunteer.user.display_name[:1] + "小妹",
        relation="sibling",
        birth_date=datetime.date(today.year - 35, 9, 3),
    )
    staff = _staff_for(volunteer)
    if staff is None:
        return
    paid = spend_request(
        actor=staff,
        volunteer=volunteer,
        service="hospital_escort",
        minutes=180,
        service_date=today - datetime.timedelta(days=7),
        beneficiary=mother,
        description="陪同到市人民医院复查",
    )
    spend_confirm_in_person(actor=staff, spend=paid)
    spend_request(
        actor=staff,
        volunteer=volunteer,
        service="home_help",
        minutes=120,
        service_date=today + datetime.timedelta(days=2),
        beneficiary=mother,
        description="上门打扫、代购",
    )


def seed(ctx: SeedContext) -> dict[str, int]:
    if not timebank_enabled():
        return {}
    demo = Volunteer.objects.select_related("user", "region").filter(user__username=DEMO_VOLUNTEER)
    volunteer = demo.first()
    if volunteer is not None:
        _credit(volunteer.pk, DEMO_RECORDS)
        _demo_family_and_spends(volunteer)
    for volunteer_id in _sample(ctx, volunteer.pk if volunteer is not None else None):
        _credit(volunteer_id, RECORDS_EACH)
    return {
        TimeCredit._meta.db_table: TimeCredit.objects.count(),
        FamilyMember._meta.db_table: FamilyMember.objects.count(),
        TimeSpend._meta.db_table: TimeSpend.objects.count(),
    }


def unseed() -> None:
    """Delete the time bank's rows (for tests that rebuild the demo city); ledger rows are
    append-only and stay, as do the audit log and status events."""
    with transaction.atomic():
        TimeSpend.objects.all().delete()
        TimeCredit.objects.all().delete()
        FamilyMember.objects.all().delete()
