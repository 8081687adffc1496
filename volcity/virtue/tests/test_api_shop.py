"""The points shop's API: goods, a redemption by the household's code with an idempotency
key, refusals as {code, message, fields}, receipts, voids and the monthly statement."""

from __future__ import annotations

import json

import pytest

from volcity.virtue.household_codes import household_code

pytestmark = pytest.mark.django_db
A = "/api/v1/virtue/shop"


def send(client, method, url, body=None):
    data = json.dumps(body) if body is not None else None
    return client.generic(method, url, data=data or "", content_type="application/json")


def test_goods_redemption_receipt_void_and_statement_through_the_api(v, client_as):
    clerk = client_as("virtue_clerk")
    made = send(
        clerk, "POST", f"{A}/items", {"name": "酱油", "points_price": 15, "unit_label": "瓶"}
    )
    assert made.status_code == 201, made.content
    item = made.json()["id"]
    stocked = send(
        clerk, "POST", f"{A}/items/{item}/restock", {"quantity": 4, "key": "api-restock-1"}
    )
    assert stocked.json()["stock"] == 4
    assert (
        send(
            clerk, "POST", f"{A}/items/{item}/restock", {"quantity": 4, "key": "api-restock-1"}
        ).json()["stock"]
        == 4
    )
    patched = send(clerk, "PATCH", f"{A}/items/{item}", {"points_price": 20})
    assert patched.json()["points_price"] == 20

    home = v.households[0]
    body = {
        "code": household_code(home.pk),
        "lines": [{"item": item, "quantity": 3}],
        "key": "api-redeem-0001",
    }
    first = send(clerk, "POST", f"{A}/redemptions", body)
    assert first.status_code == 201, first.content
    receipt = first.json()
    assert receipt["total_points"] == 60 and receipt["balance_after"] == 40
    assert receipt["lines"][0]["points_each"] == 20 and receipt["number"].startswith("DH")
    retry = send(clerk, "POST", f"{A}/redemptions", body)
    assert retry.status_code == 200 and retry.json()["id"] == receipt["id"]

    other = {**body, "code": household_code(v.households[1].pk), "key": "api-redeem-0002"}
    short = send(clerk, "POST", f"{A}/redemptions", other)
    assert short.status_code == 409
    assert short.json()["code"] == "stock_short" and f"qty_{item}" in short.json()["fields"]

    listed = clerk.get(f"{A}/redemptions").json()
    assert [r["id"] for r in listed["items"]] == [receipt["id"]]
    voided = send(clerk, "POST", f"{A}/redemptions/{receipt['id']}/void", {"reason": "退货"})
    assert voided.json()["voided_at"] is not None
    month = clerk.get(f"/api/v1/virtue/shop/households/{home.pk}/month?month=2026-11").json()
    assert month["opening"] == 0 and month["closing"] == 100
    assert [r["amount"] for r in month["rows"]] == [100, -60, 60]


def test_a_forged_code_and_points_short_are_refused_with_their_code(v, client_as):
    clerk = client_as("virtue_clerk")
    item = send(clerk, "POST", f"{A}/items", {"name": "大米", "points_price": 80}).json()["id"]
    send(clerk, "POST", f"{A}/items/{item}/restock", {"quantity": 9, "key": "api-restock-2"})
    forged = send(
        clerk,
        "POST",
        f"{A}/redemptions",
        {
            "code": "VH1:1:AAAAAAAAAAAA",
            "lines": [{"item": item, "quantity": 1}],
            "key": "api-f-001",
        },
    )
    assert forged.status_code == 400 and forged.json()["code"] == "household_code_invalid"
    short = send(
        clerk,
        "POST",
        f"{A}/redemptions",
        {
            "household": v.households[0].pk,
            "lines": [{"item": item, "quantity": 2}],
            "key": "api-s-001",
        },
    )
    assert short.status_code == 409 and short.json()["code"] == "points_short"
    assert "household" in short.json()["fields"]
