"""Family members: registered by the volunteer, refused with the field named, removed but
kept; 60+ counted on the day of the service."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from volcity.audit.models import AuditEntry
from volcity.timebank.errors import FamilyInvalid, NotYourFamily, TooManyFamilyMembers
from volcity.timebank.models import FamilyMember
from volcity.timebank.queries import family_of
from volcity.timebank.services import family_member_add, family_member_remove
from volcity.timebank.services.family import age_on
from volcity.timebank.tests.factories import relative

pytestmark = pytest.mark.django_db


def test_age_counts_whole_years_on_the_day():
    born = datetime.date(1966, 11, 21)
    assert age_on(born, datetime.date(2026, 11, 20)) == 59
    assert age_on(born, datetime.date(2026, 11, 21)) == 60
    leap = datetime.date(1964, 2, 29)
    assert age_on(leap, datetime.date(2024, 2, 28)) == 59
    assert age_on(leap, datetime.date(2024, 2, 29)) == 60


def test_a_volunteer_registers_a_family_member_with_an_audit_entry_that_masks_the_name(s):
    member = relative(s.volunteer, born=datetime.date(1955, 5, 1), name="王秀兰")
    rows = family_of(s.volunteer)
    assert [(r.member, r.age, r.eligible, r.masked_name) for r in rows] == [
        (member, 71, True, "王*")
    ]
    entry = AuditEntry.objects.get(action="timebank.family.added")
    assert entry.changes["name"] == "王*"


@pytest.mark.parametrize(
    ("field", "values"),
    [
        ("name", {"name": " "}),
        ("relation", {"relation": "boss"}),
        ("birth_date", {"birth_date": None}),
        ("birth_date", {"birth_date": datetime.date(2027, 1, 1)}),
    ],
)
def test_bad_family_input_is_refused_naming_the_field(s, field, values):
    data: dict[str, Any] = {
        "name": "王秀兰",
        "relation": "parent",
        "birth_date": datetime.date(1950, 1, 1),
    }
    data.update(values)
    with pytest.raises(FamilyInvalid) as e:
        family_member_add(actor=s.volunteer.user, volunteer=s.volunteer, **data)
    assert list(e.value.fields) == [field]
    assert not FamilyMember.objects.exists()


def test_only_the_volunteer_registers_their_family(s, people):
    with pytest.raises(NotYourFamily):
        family_member_add(
            actor=people["village_admin"],
            volunteer=s.volunteer,
            name="王秀兰",
            relation="parent",
            birth_date=datetime.date(1950, 1, 1),
        )


def test_at_most_ten_family_members(s):
    for n in range(10):
        relative(s.volunteer, born=datetime.date(1950, 1, 1), name=f"亲属{n}")
    with pytest.raises(TooManyFamilyMembers):
        relative(s.volunteer, born=datetime.date(1950, 1, 1))


def test_a_removed_member_is_kept_but_no_longer_listed(s):
    member = relative(s.volunteer, born=datetime.date(1950, 1, 1))
    family_member_remove(actor=s.volunteer.user, member=member)
    member.refresh_from_db()
    assert member.removed_at is not None
    assert family_of(s.volunteer) == []
