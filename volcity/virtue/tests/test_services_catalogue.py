"""The deed catalogue: drafts, immutable published versions, the version in force by date."""

from __future__ import annotations

import datetime

import pytest

from volcity.core.errors import DomainError
from volcity.virtue.models import CatalogueVersion, DeedItem
from volcity.virtue.services import (
    bank_configure,
    catalogue_draft_from,
    catalogue_publish,
    deed_item_add,
    deed_item_remove,
    deed_item_update,
    version_in_force,
)
from volcity.virtue.tests.conftest import NOW
from volcity.virtue.tests.factories import approved, reported

pytestmark = pytest.mark.django_db
TODAY = NOW.date()
DAY = datetime.timedelta(days=1)


def test_a_bank_belongs_to_a_village_and_is_configured_by_its_administrators(city, people):
    with pytest.raises(DomainError) as town:
        bank_configure(actor=people["city_admin"], region=city["town1"])
    assert town.value.code == "not_a_village"
    with pytest.raises(DomainError) as clerk:
        bank_configure(actor=people["virtue_clerk"], region=city["village11"])
    assert clerk.value.code == "forbidden"
    with pytest.raises(DomainError) as bad:
        bank_configure(actor=people["village_admin"], region=city["village11"], notice_days=0)
    assert bad.value.fields == {"notice_days": [bad.value.message]}
    bank = bank_configure(actor=people["village_admin"], region=city["village11"])
    assert (bank.approvals_required, bank.notice_days, bank.base_allotment) == (3, 3, 100)
    again = bank_configure(
        actor=people["town_admin"], region=city["village11"], approvals_required=5
    )
    assert again.pk == bank.pk and again.approvals_required == 5
    assert again.issuing_account is not None and again.issuing_account.allow_negative


def test_editing_a_published_catalogue_is_refused(v):
    item = v.version.items.get(code="filial")
    with pytest.raises(DomainError) as update:
        deed_item_update(actor=v.admin, item=item, points=50)
    assert update.value.code == "catalogue_published"
    with pytest.raises(DomainError) as add:
        deed_item_add(actor=v.admin, version=v.version, code="new", name="新", points=1)
    assert add.value.code == "catalogue_published"
    with pytest.raises(DomainError) as remove:
        deed_item_remove(actor=v.admin, item=item)
    assert remove.value.code == "catalogue_published"
    item.refresh_from_db()
    assert item.points == 5


def test_a_new_version_keeps_old_claims_on_their_old_rules(v, time_machine):
    old_claim = reported(v, item_code="filial")
    draft = catalogue_draft_from(actor=v.admin, bank=v.bank, version=v.version)
    assert draft.items.count() == 6 and draft.number == 2
    with pytest.raises(DomainError) as second_draft:
        catalogue_draft_from(actor=v.admin, bank=v.bank, version=v.version)
    assert second_draft.value.code == "draft_exists"
    deed_item_update(actor=v.admin, item=draft.items.get(code="filial"), points=8)
    deed_item_remove(actor=v.admin, item=draft.items.get(code="fireworks"))
    with pytest.raises(DomainError) as zero:
        deed_item_add(actor=v.admin, version=draft, code="x", name="x", points=0)
    assert zero.value.code == "points_zero"
    with pytest.raises(DomainError) as taken:
        deed_item_add(actor=v.admin, version=draft, code="clean", name="x", points=1)
    assert taken.value.code == "item_code_taken"
    with pytest.raises(DomainError) as limits:
        deed_item_add(
            actor=v.admin, version=draft, code="y", name="y", points=1, limit_period="month"
        )
    assert limits.value.code == "limit_incoherent"
    with pytest.raises(DomainError) as past:
        catalogue_publish(actor=v.admin, version=draft, effective_from=TODAY - DAY)
    assert past.value.code == "effective_in_past"
    catalogue_publish(actor=v.admin, version=draft, effective_from=TODAY + 10 * DAY)
    v.version.refresh_from_db()
    assert v.version.status == "retired" and draft.status == "published"
    assert version_in_force(v.bank, TODAY) == v.version
    assert version_in_force(v.bank, TODAY + 10 * DAY) == draft
    time_machine.move_to(NOW + 12 * DAY, tick=False)
    newer = reported(v, item_code="filial")
    older = reported(v, item_code="filial", occurred_on=TODAY + DAY)
    assert (newer.points, newer.item.version_id) == (8, draft.pk)
    assert (older.points, older.item.version_id) == (5, v.version.pk)
    with pytest.raises(DomainError) as gone:
        reported(v, item_code="fireworks")
    assert gone.value.code == "unknown_item"
    old_claim.refresh_from_db()
    assert old_claim.points == 5 and old_claim.item.points == 5
    approved(v, old_claim)  # old claims go on under their own rules


def test_publishing_needs_items_and_no_catalogue_means_no_claims(city, people, make_user):
    from volcity.virtue.services import household_register

    admin = people["village_admin"]
    bank = bank_configure(actor=admin, region=city["village11"])
    draft = catalogue_draft_from(actor=admin, bank=bank)
    with pytest.raises(DomainError) as empty:
        catalogue_publish(actor=admin, version=draft, effective_from=TODAY)
    assert empty.value.code == "catalogue_empty"
    household = household_register(
        actor=people["virtue_clerk"], bank=bank, number="1", head_name="张三"
    )
    from volcity.virtue.services import claim_report

    with pytest.raises(DomainError) as none:
        claim_report(
            actor=people["virtue_clerk"], household=household, item_code="x", occurred_on=TODAY
        )
    assert none.value.code == "no_catalogue"
    assert CatalogueVersion.objects.filter(status="published").count() == 0
    assert DeedItem.objects.count() == 0
