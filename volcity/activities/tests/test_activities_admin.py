"""The back office lists and opens every service-delivery model; statuses stay read-only."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from volcity.activities.models import Activity, Brand, HourTotal
from volcity.activities.tests.factories import activity_make, shift_make, team_led_by
from volcity.audit.models import AuditEntry


@pytest.fixture
def operator(make_user: Any) -> Client:
    user = make_user(None, "city", is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(user, backend="volcity.accounts.backends.PhoneOrUsernameBackend")
    return client


def test_every_model_of_the_app_is_registered_and_its_list_opens(
    operator: Client, people: Any, city: Any
) -> None:
    from django.apps import apps

    team = team_led_by(people["team_leader"], people["town_admin"], city["town1"].code)
    shift_make(activity_make(team, people["team_leader"]))
    HourTotal.objects.create(kind="v", ref=1, minutes_approved=60)
    for model in apps.get_app_config("activities").get_models():
        assert admin.site.is_registered(model), model
        url = reverse(f"admin:activities_{model._meta.model_name}_changelist")
        assert operator.get(url).status_code == 200, url


def test_brand_edits_are_audited_and_activity_status_is_read_only(
    operator: Client, people: Any, city: Any
) -> None:
    response = operator.post(
        reverse("admin:activities_brand_add"),
        {"code": "lei-feng", "name": "雷锋驿站", "name_en": "Lei Feng Stations", "sort": "1"},
    )
    assert response.status_code == 302
    assert Brand.objects.filter(code="lei-feng").exists()
    assert AuditEntry.objects.filter(action="activities.brand.admin_created").exists()
    team = team_led_by(people["team_leader"], people["town_admin"], city["town1"].code)
    activity = activity_make(team, people["team_leader"])
    page = operator.get(reverse("admin:activities_activity_change", args=[activity.pk]))
    assert page.status_code == 200
    assert 'name="status"' not in page.content.decode()
    assert Activity.objects.get(pk=activity.pk).status == "published"
