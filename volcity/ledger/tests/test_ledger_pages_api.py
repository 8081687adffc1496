from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from volcity.ledger.models import Account
from volcity.ledger.queries import accounts_for, statement
from volcity.ledger.services import ledger_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def village_account(open_account: Callable[..., Account], city: dict[str, Any]) -> Account:
    pool = open_account("pool", allow_negative=True, region=city["village11"])
    holder = open_account("virtue:household:12", region=city["village11"])
    for i in range(1, 8):
        ledger_post(key=f"d{i}", memo=f"好事{i}", kind="award", lines=[(pool, -i), (holder, i)])
    return holder


def test_statement_pages_newest_first_with_running_balances(village_account: Account) -> None:
    village_account.refresh_from_db()
    first = statement(village_account, limit=3)
    assert [r.amount for r in first.items] == [7, 6, 5]
    assert [r.balance_after for r in first.items] == [28, 21, 15]
    assert first.items[0].balance_after == village_account.balance
    second = statement(village_account, limit=3, after=first.next)
    assert [r.amount for r in second.items] == [4, 3, 2]
    assert second.items[0].balance_after == first.items[-1].balance_before
    last = statement(village_account, limit=3, after=second.next)
    assert [r.amount for r in last.items] == [1] and last.next is None


def test_statement_is_one_query_per_page(
    village_account: Account, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(1):
        statement(village_account, limit=3)


def test_accounts_are_scoped_to_the_administrators_region(
    village_account: Account, people: dict[str, Any]
) -> None:
    assert village_account in accounts_for(people["town_admin"])
    assert not accounts_for(people["other_town_admin"]).exists()
    assert not accounts_for(people["volunteer"]).exists()


def test_statement_page_shows_the_rows_within_a_query_budget(
    village_account: Account, client_as: Callable[..., Any], django_assert_max_num_queries: Any
) -> None:
    client = client_as("village_admin")
    url = reverse("ledger:statement", kwargs={"account_id": village_account.pk})
    client.get(url)
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert response.status_code == 200
    assert "好事7" in response.content.decode()
    bad = client.get(url, {"date_from": "2026-02-01", "date_to": "2026-01-01"})
    assert bad.status_code == 400


def test_statement_api_pages_and_is_scoped(
    village_account: Account, client_as: Callable[..., Any], django_assert_max_num_queries: Any
) -> None:
    client = client_as("town_admin")
    url = f"/api/v1/ledger/accounts/{village_account.pk}/statement?limit=4"
    with django_assert_max_num_queries(8):
        body = client.get(url).json()
    assert [r["amount"] for r in body["items"]] == [7, 6, 5, 4]
    assert body["account"]["balance"] == 28
    more = client.get(url + f"&after={body['next']}").json()
    assert [r["amount"] for r in more["items"]] == [3, 2, 1] and more["next"] is None
    assert client_as("other_town_admin").get(url).status_code == 404
    assert client_as("volunteer").get(url).status_code == 403
