from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from volcity.audit.context import acting_as
from volcity.audit.models import AuditEntry
from volcity.audit.queries import AuditFilter, audit_list_for
from volcity.audit.services import audit_record

pytestmark = pytest.mark.django_db


def test_entry_records_who_what_where_and_from_where(people, city):
    with acting_as(people["town_admin"], ip="10.1.2.3"):
        entry = audit_record("test.thing.done", obj=city["village11"], changes={"a": 1})
    entry.refresh_from_db()
    assert entry.actor == people["town_admin"]
    assert entry.actor_label == people["town_admin"].username
    assert entry.ip == "10.1.2.3"
    assert entry.object_type == "regions.region" and entry.object_id == city["village11"].code
    assert entry.changes == {"a": 1}
    assert entry.request_id


def test_entries_cannot_be_changed_through_the_model(city):
    entry = audit_record("test.thing.done")
    entry.action = "rewritten"
    with pytest.raises(RuntimeError):
        entry.save()
    with pytest.raises(RuntimeError):
        entry.delete()


@pytest.mark.parametrize(
    "sql", ["UPDATE audit_auditentry SET action = 'x'", "DELETE FROM audit_auditentry"]
)
def test_database_refuses_update_and_delete(city, sql):
    audit_record("test.thing.done")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert AuditEntry.objects.filter(action="test.thing.done").count() == 1


def test_town_admin_reads_only_entries_of_their_town(people, city):
    audit_record("test.in_town", region_id=city["village11"].code)
    audit_record("test.other_town", region_id=city["village21"].code)
    audit_record("test.no_region")
    actions = set(audit_list_for(people["town_admin"]).values_list("action", flat=True))
    assert "test.in_town" in actions
    assert "test.other_town" not in actions
    assert "test.no_region" not in actions


def test_city_admin_also_reads_entries_without_a_region(people, city):
    audit_record("test.no_region")
    actions = set(audit_list_for(people["city_admin"]).values_list("action", flat=True))
    assert "test.no_region" in actions


def test_volunteer_reads_nothing(people, city):
    audit_record("test.in_town", region_id=city["village11"].code)
    assert audit_list_for(people["volunteer"]).count() == 0


def test_filter_by_action_prefix_and_actor(people, city):
    with acting_as(people["city_admin"]):
        audit_record("accounts.role.granted", region_id=city["town1"].code)
    audit_record("accounts.login.failed")
    flt = AuditFilter(action="accounts.role", actor=people["city_admin"].username)
    assert [e.action for e in audit_list_for(people["city_admin"], flt)] == [
        "accounts.role.granted"
    ]
