from __future__ import annotations

import pytest
from django.test import Client

from volcity.accounts.models import User
from volcity.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_back_office_edit_of_a_person_is_audited(people):
    operator = User.objects.create_superuser("operator", password="Volcity-test-2026")
    client = Client()
    client.force_login(operator, backend="volcity.accounts.backends.PhoneOrUsernameBackend")
    target = people["volunteer"]
    url = f"/admin/accounts/user/{target.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update(
        {
            "username": target.username,
            "display_name": "改名",
            "phone": target.phone,
            "home_region": target.home_region_id,
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
            "is_active": "on",
            "grants-TOTAL_FORMS": "0",
            "grants-INITIAL_FORMS": "0",
        }
    )
    data.pop("password", None)
    data.pop("last_login", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    entry = AuditEntry.objects.get(action="accounts.user.admin_changed")
    assert entry.actor == operator and entry.object_id == str(target.pk)
    assert "display_name" in entry.changes["fields"]
