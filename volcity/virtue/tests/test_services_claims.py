"""Reporting deeds: who may report, limits per period, photos, households and residents."""

from __future__ import annotations

import datetime

import pytest

from volcity.core.errors import DomainError
from volcity.virtue.models import ClaimPhoto, Household
from volcity.virtue.services import (
    Photo,
    claim_reject,
    household_register,
    resident_add,
    resident_link_user,
)
from volcity.virtue.tests.conftest import NOW
from volcity.virtue.tests.factories import jpeg_bytes, png_bytes, reported

pytestmark = pytest.mark.django_db
TODAY = NOW.date()


def test_limits_per_period_are_counted_per_household_and_refused_with_a_clear_message(
    v, time_machine
):
    reported(v, item_code="neighbour")
    reported(v, item_code="neighbour", occurred_on=TODAY)
    with pytest.raises(DomainError) as third:
        reported(v, item_code="neighbour")
    assert third.value.code == "limit_reached"
    assert "2" in str(third.value.message) and "2026-11-30" in str(third.value.message)
    reported(v, item_code="neighbour", household=v.households[1])  # another household
    time_machine.move_to(NOW + datetime.timedelta(days=12), tick=False)
    reported(v, item_code="neighbour", occurred_on=datetime.date(2026, 12, 1))  # next month
    with pytest.raises(DomainError) as november:
        reported(v, item_code="neighbour", occurred_on=datetime.date(2026, 11, 30))
    assert november.value.code == "limit_reached"


def test_a_rejected_claim_does_not_count_toward_the_limit(v):
    first = reported(v, item_code="neighbour")
    reported(v, item_code="neighbour")
    claim_reject(actor=v.clerk, claim=first, reason="重复")
    reported(v, item_code="neighbour")


def test_hours_count_toward_an_hourly_limit(v):
    claim = reported(v, item_code="volunteer", quantity=15)
    assert claim.points == 30
    with pytest.raises(DomainError) as over:
        reported(v, item_code="volunteer", quantity=6)
    assert over.value.code == "limit_reached"
    reported(v, item_code="volunteer", quantity=5)


def test_who_may_report(v, people, make_user, city):
    household = v.households[0]
    assert reported(v, actor=people["volunteer"]).reporter_role == "volunteer"
    member = make_user("resident", "village11")
    resident_add(actor=v.clerk, household=household, name="王小明", relation="child", user=member)
    assert reported(v, actor=member).reporter_role == "resident"
    with pytest.raises(DomainError) as other:
        reported(v, actor=member, household=v.households[1])
    assert other.value.code == "not_your_household"
    with pytest.raises(DomainError) as stranger:
        reported(v, actor=people["resident"])
    assert stranger.value.code == "forbidden"
    with pytest.raises(DomainError) as other_clerk:
        reported(v, actor=make_user("virtue_clerk", "village12"))
    assert other_clerk.value.code == "forbidden"
    with pytest.raises(DomainError) as future:
        reported(v, occurred_on=TODAY + datetime.timedelta(days=1))
    assert future.value.code == "date_in_future"


def test_photos_are_read_as_real_images_and_kept(v):
    claim = reported(v, photos=[Photo("a.png", png_bytes()), Photo("b.jpg", jpeg_bytes())])
    stored = list(ClaimPhoto.objects.filter(claim=claim).order_by("id"))
    assert [(p.content_type, p.width) for p in stored] == [("image/png", 4), ("image/jpeg", 8)]
    assert stored[0].image.read().startswith(b"\x89PNG")
    with pytest.raises(DomainError) as fake:
        reported(v, photos=[Photo("evil.jpg", b"\xff\xd8\xff<script>alert(1)</script>")])
    assert fake.value.code == "photo_invalid"
    with pytest.raises(DomainError) as gif:
        import io

        from PIL import Image

        out = io.BytesIO()
        Image.new("P", (2, 2)).save(out, format="GIF")
        reported(v, photos=[Photo("x.gif", out.getvalue())])
    assert gif.value.code == "photo_invalid"
    with pytest.raises(DomainError) as many:
        reported(v, photos=[Photo("a.png", png_bytes())] * 7)
    assert many.value.code == "too_many_photos"
    assert ClaimPhoto.objects.count() == 2


def test_households_are_numbered_once_per_village(v, people):
    with pytest.raises(DomainError) as taken:
        household_register(actor=v.clerk, bank=v.bank, number="H001", head_name="重复")
    assert taken.value.code == "household_number_taken"
    with pytest.raises(DomainError) as outsider:
        household_register(actor=people["other_town_admin"], bank=v.bank, number="X", head_name="x")
    assert outsider.value.code == "forbidden"
    assert Household.objects.count() == 2
    head = v.households[0].residents.get()
    assert head.relation == "head" and head.name == "王守军"


def test_a_login_belongs_to_one_household(v, make_user):
    person = make_user("resident", "village11")
    resident_add(actor=v.clerk, household=v.households[0], name="甲", relation="child", user=person)
    with pytest.raises(DomainError) as twice:
        resident_add(
            actor=v.clerk, household=v.households[1], name="甲", relation="child", user=person
        )
    assert twice.value.code == "resident_has_household"
    head = v.households[1].residents.get()
    with pytest.raises(DomainError) as link:
        resident_link_user(actor=v.clerk, resident=head, user=person)
    assert link.value.code == "resident_has_household"
