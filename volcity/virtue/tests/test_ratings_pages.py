"""The ranking and rating pages and API: what the public, the household and the staff see."""

from __future__ import annotations

import io
import json
from typing import Any

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from volcity.virtue.models import DeedItem, Resident
from volcity.virtue.models_ratings import BankSharingConsent, RatingExport
from volcity.virtue.services import resident_add
from volcity.virtue.services.credit import consent_grant, rating_run
from volcity.virtue.services.ratings import list_entry_withdraw, lists_publish
from volcity.virtue.tests.ratings_helpers import third_quarter

BANK = "青州农商银行"


@pytest.fixture
def q3(people: dict[str, Any], city: dict[str, Any], make_user: Any, time_machine: Any) -> Any:
    return third_quarter(people, city, make_user, time_machine)


def _as(user: Any) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user, backend="volcity.accounts.backends.PhoneOrUsernameBackend")
    return c


def _xlsx(response: Any) -> list[tuple[Any, ...]]:
    data = b"".join(response.streaming_content)
    return list(openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))


def test_public_ranking_shows_published_lists_with_masked_names_and_categories(q3: Any) -> None:
    publication = lists_publish(actor=q3.clerk, bank=q3.bank, year=2026, quarter=3)
    response = _as(None).get(reverse("virtue:ranking_public", args=[q3.bank.region_id]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="red-list"' in html and 'data-testid="black-list"' in html
    h2 = q3.households[1]
    assert f'data-testid="ranking-row-{h2.pk}"' in html
    assert "李*" in html and "李秀英" not in html and "王守军" not in html
    with translation.override("zh-hans"):
        category = str(DeedItem.Category.PUBLIC_ORDER.label)
    assert category in html  # the black list shows the category of the deducted deeds
    assert "帮助邻居老人挑水" not in html  # never the description
    black = publication.entries.get(kind="black")
    list_entry_withdraw(actor=q3.clerk, entry=black, reason="复核撤销")
    after = _as(None).get(reverse("virtue:ranking_public", args=[q3.bank.region_id]))
    assert f'data-testid="ranking-row-{black.household_id}"' not in after.content.decode()


def test_public_ranking_api_masks_names(q3: Any) -> None:
    lists_publish(actor=q3.clerk, bank=q3.bank, year=2026, quarter=3)
    body = _as(None).get(f"/api/v1/virtue/ranking/{q3.bank.region_id}").json()
    assert body["quarter"] == "2026-Q3"
    assert [e["name"] for e in body["entries"] if e["kind"] == "red"] == ["李*", "王*", "张*"]


def test_staff_see_the_live_ranking_with_full_names_and_publish_it(q3: Any) -> None:
    client = _as(q3.clerk)
    url = reverse("virtue:ranking")
    html = client.get(url, {"bank": q3.bank.pk, "quarter": "2026-Q3"}).content.decode()
    assert "李秀英" in html and 'data-testid="lists-publish"' in html
    response = client.post(
        reverse("virtue:lists_publish", args=[q3.bank.pk]), {"quarter": "2026-Q3"}
    )
    assert response.status_code == 302
    again = client.post(reverse("virtue:lists_publish", args=[q3.bank.pk]), {"quarter": "2026-Q3"})
    assert again.status_code == 400
    assert 'data-testid="ranking-error"' in again.content.decode()


def test_another_villages_clerk_gets_404(q3: Any, city: dict[str, Any], make_user: Any) -> None:
    from volcity.virtue.tests.factories import bank_open

    bank_open(q3.people["city_admin"], city["village12"])
    other = make_user("virtue_clerk", "village12")
    client = _as(other)
    assert client.get(reverse("virtue:ranking"), {"bank": q3.bank.pk}).status_code == 404
    h = q3.households[0]
    assert client.get(reverse("virtue:household_rating", args=[h.pk])).status_code == 404
    assert client.get(f"/api/v1/virtue/banks/{q3.bank.pk}/totals").status_code == 404


def test_monthly_totals_page_sorts_and_exports_xlsx(q3: Any) -> None:
    client = _as(q3.clerk)
    url = reverse("virtue:monthly_totals")
    html = client.get(url, {"bank": q3.bank.pk, "month": "2026-09", "sort": "deducted"}).content
    assert html.decode().index("H004") < html.decode().index("H001")
    response = client.get(url, {"bank": q3.bank.pk, "month": "2026-09", "format": "xlsx"})
    rows = _xlsx(response)
    by_number = {r[0]: r for r in rows[2:]}
    assert by_number["H004"][2:5] == (10, 10, 0)
    assert set(by_number) == {"H001", "H002", "H003", "H004"}


def test_monthly_totals_page_stays_within_a_query_budget(
    q3: Any, django_assert_max_num_queries: Any
) -> None:
    client = _as(q3.clerk)
    client.get(reverse("virtue:monthly_totals"), {"bank": q3.bank.pk})
    with django_assert_max_num_queries(12):
        client.get(reverse("virtue:monthly_totals"), {"bank": q3.bank.pk, "month": "2026-09"})


def test_a_household_sees_its_rating_and_gives_and_revokes_consent(q3: Any) -> None:
    member = q3.people["resident"]
    household = q3.households[0]
    resident_add(actor=q3.clerk, household=household, name="王小明", relation="child", user=member)
    rating_run(actor=q3.clerk, bank=q3.bank)
    client = _as(member)
    url = reverse("virtue:household_rating", args=[household.pk])
    html = client.get(url).content.decode()
    assert 'data-testid="rating-grade"' in html and 'data-testid="consent-grant"' in html
    me = Resident.objects.get(user=member)
    response = client.post(
        reverse("virtue:consent_grant", args=[household.pk]),
        {"resident": me.pk, "partner": BANK},
    )
    assert response.status_code == 302
    consent = BankSharingConsent.objects.get(household=household)
    assert consent.resident == me and consent.recorded_by == member
    assert 'data-testid="consent-revoke"' in client.get(url).content.decode()
    response = client.post(reverse("virtue:consent_revoke", args=[consent.pk]), {"reason": ""})
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.revoked_at is not None and consent.revoked_by == member


def test_the_export_page_downloads_only_consenting_households(q3: Any) -> None:
    rating_run(actor=q3.clerk, bank=q3.bank)
    h2 = q3.households[1]
    consent_grant(
        actor=q3.clerk,
        household=h2,
        resident=Resident.objects.get(household=h2, relation="head"),
        partner=BANK,
        evidence="签字表",
    )
    response = _as(q3.clerk).post(
        reverse("virtue:rating_export", args=[q3.bank.pk]), {"partner": BANK}
    )
    rows = _xlsx(response)
    assert [r[0] for r in rows[1:]] == ["H002"]
    assert rows[1][1] == "李秀英" and rows[1][4] in {"AAA", "AA", "A", "B", "C"}
    assert RatingExport.objects.get().exported_by == q3.clerk


def test_the_api_runs_ratings_and_shows_a_households_explained_rating(q3: Any) -> None:
    client = _as(q3.clerk)
    run = client.post(
        f"/api/v1/virtue/banks/{q3.bank.pk}/ratings/run",
        data=json.dumps({"as_of": "2026-11-20"}),
        content_type="application/json",
    )
    assert run.json() == {"as_of": "2026-11-20", "rated": 4}
    body = client.get(f"/api/v1/virtue/households/{q3.households[0].pk}/rating").json()
    assert body["inputs"]["parts"]["base"] == 60
    assert body["score"] == sum(body["inputs"]["parts"].values())
    refused = client.post(
        f"/api/v1/virtue/banks/{q3.bank.pk}/publications",
        data=json.dumps({"quarter": "2026-Q4"}),
        content_type="application/json",
    )
    assert (refused.status_code, refused.json()["code"]) == (409, "quarter_not_over")


def test_the_staff_ranking_page_stays_within_a_query_budget(
    q3: Any, django_assert_max_num_queries: Any
) -> None:
    lists_publish(actor=q3.clerk, bank=q3.bank, year=2026, quarter=3)
    client = _as(q3.clerk)
    url = reverse("virtue:ranking")
    client.get(url, {"bank": q3.bank.pk, "quarter": "2026-Q3"})
    with django_assert_max_num_queries(20):
        response = client.get(url, {"bank": q3.bank.pk, "quarter": "2026-Q3"})
    html = response.content.decode()
    for household in q3.households:
        assert f'data-testid="ranking-row-{household.pk}"' in html
    assert 'data-testid="lists-publish"' not in html  # already published
