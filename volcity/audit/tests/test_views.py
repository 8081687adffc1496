from __future__ import annotations

import pytest
from django.urls import reverse

from volcity.audit.services import audit_record

pytestmark = pytest.mark.django_db


def test_audit_page_lists_newest_first_within_budget(
    client_as, city, django_assert_max_num_queries
):
    for n in range(60):
        audit_record(f"test.event.{n:02d}", region_id=city["village11"].code)
    client = client_as("town_admin")
    with django_assert_max_num_queries(10):
        page = client.get(reverse("audit:list"))
    body = page.content.decode()
    assert body.index("test.event.59") < body.index("test.event.58")
    assert "test.event.09" not in body  # 50 to a page
    older = client.get(reverse("audit:list"), {"after": page.context["page"].next})
    assert "test.event.09" in older.content.decode()


def test_audit_page_names_a_bad_date_range(client_as, city):
    client = client_as("town_admin")
    client.cookies["django_language"] = "en"
    response = client.get(reverse("audit:list"), {"since": "2026-11-02", "until": "2026-11-01"})
    assert response.status_code == 400
    assert b"The end date is before the start date." in response.content


def test_regions_page_drills_down_within_scope(client_as, city):
    client = client_as("town_admin")
    page = client.get(reverse("regions:region", kwargs={"code": city["town1"].code}))
    assert city["village11"].name in page.content.decode()
    top = client.get(reverse("regions:tree")).content.decode()
    assert city["town1"].name in top and city["town2"].name not in top
