"""Certificate pages: the volunteer's list and issuing, the PDF's access, revoking, and the
public verification page."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine

from volcity.activities.models import Certificate
from volcity.activities.services.certificates import certificate_issue, certificate_revoke
from volcity.activities.tests.factories import activity_make, team_led_by, volunteer_for
from volcity.activities.tests.factories_certificates import approved_record
from volcity.core.privacy import decrypt_text

NOW = datetime.datetime(2026, 11, 20, 2, 0, tzinfo=datetime.UTC)
pytestmark = pytest.mark.usefixtures("_clock")


@pytest.fixture
def _clock() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def volunteer(people: dict[str, Any], city: dict[str, Any]) -> Any:
    team = team_led_by(people["team_leader"], people["town_admin"], city["town1"].code)
    activity = activity_make(team, people["team_leader"], region_id=city["village11"].code)
    found = volunteer_for(people["volunteer"], city["village11"].code)
    approved_record(found, activity, approver=people["town_admin"], minutes=150)
    return found


def test_list_shows_own_certificates_and_the_issue_form(
    volunteer: Any, people: dict[str, Any], client_as: Any, django_assert_max_num_queries: Any
) -> None:
    for _ in range(5):
        certificate_issue(actor=people["volunteer"], volunteer=volunteer)
    client = client_as("volunteer")
    with django_assert_max_num_queries(12):
        response = client.get("/activities/certificates/")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('data-testid="certificate-QZ') == 5
    assert 'data-testid="certificate-issue"' in body


def test_issuing_from_the_page_redirects_with_the_new_certificate(
    volunteer: Any, client_as: Any
) -> None:
    response = client_as("volunteer").post("/activities/certificates/issue", {})
    assert response.status_code == 302
    made = Certificate.objects.get()
    assert made.volunteer_id == volunteer.pk and made.minutes_total == 150


def test_issuing_with_a_reversed_period_shows_the_error_beside_the_field(
    volunteer: Any, client_as: Any
) -> None:
    response = client_as("volunteer").post(
        "/activities/certificates/issue",
        {"period_start": "2026-05-01", "period_end": "2026-01-01"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["period_end"]
    assert not Certificate.objects.exists()


def test_someone_without_a_registration_gets_not_found(client_as: Any, city: Any) -> None:
    assert client_as("resident").get("/activities/certificates/").status_code == 404


def test_pdf_only_for_the_holder_and_administrators_in_scope(
    volunteer: Any, people: dict[str, Any], client_as: Any
) -> None:
    made = certificate_issue(actor=people["volunteer"], volunteer=volunteer)
    url = f"/activities/certificates/{made.number}.pdf"
    assert client_as("volunteer").get(url).status_code == 200
    assert client_as("town_admin").get(url).status_code == 200
    assert client_as("other_town_admin").get(url).status_code == 404
    assert client_as("team_leader").get(url).status_code == 404
    assert client_as(None).get(url).status_code == 302


def test_verify_page_shows_masked_name_and_never_the_id_number_or_phone(
    volunteer: Any, people: dict[str, Any], client_as: Any
) -> None:
    made = certificate_issue(actor=people["volunteer"], volunteer=volunteer)
    user = volunteer.user
    response = client_as(None).get(f"/verify/{made.number}")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-testid="verify-valid"' in body
    assert user.display_name[0] + "*" in body
    assert user.display_name not in body
    assert volunteer.number in body and "2.5" in body
    assert decrypt_text(user.id_number_cipher) not in body
    assert user.id_number_masked not in body
    assert user.phone not in body
    assert user.phone[-4:] + "<" not in body


def test_verify_unknown_number_is_a_404_that_says_so(client_as: Any, city: Any) -> None:
    response = client_as(None).get("/verify/QZ20269999999")
    assert response.status_code == 404
    assert 'data-testid="verify-unknown"' in response.content.decode()


def test_verify_revoked_certificate_says_revoked(
    volunteer: Any, people: dict[str, Any], client_as: Any
) -> None:
    made = certificate_issue(actor=people["volunteer"], volunteer=volunteer)
    certificate_revoke(actor=people["town_admin"], certificate=made, reason="记录有误")
    body = client_as(None).get(f"/verify/{made.number}").content.decode()
    assert 'data-testid="verify-revoked"' in body
    assert "记录有误" not in body


def test_admin_revokes_from_the_verify_page(
    volunteer: Any, people: dict[str, Any], client_as: Any
) -> None:
    made = certificate_issue(actor=people["volunteer"], volunteer=volunteer)
    admin = client_as("town_admin")
    assert f'action="/activities/certificates/{made.pk}/revoke"' in (
        admin.get(f"/verify/{made.number}").content.decode()
    )
    assert "/revoke" not in client_as("volunteer").get(f"/verify/{made.number}").content.decode()
    url = f"/activities/certificates/{made.pk}/revoke"
    assert client_as("other_town_admin").post(url, {"reason": "x"}).status_code == 404
    assert client_as("volunteer").post(url, {"reason": "x"}).status_code == 403
    made.refresh_from_db()
    assert made.revoked_at is None
    response = admin.post(url, {"reason": "记录更正"})
    assert response.status_code == 302 and response["Location"] == f"/verify/{made.number}"
    made.refresh_from_db()
    assert made.revoked_at is not None
