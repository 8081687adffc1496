"""The virtue-bank API: the same rules as the pages, errors as {code, message, fields}."""

from __future__ import annotations

import base64
import datetime
import json

import pytest
from django.test import Client

from conftest import PASSWORD
from volcity.virtue.models import DeedClaim
from volcity.virtue.tests.conftest import NOW
from volcity.virtue.tests.factories import approved, png_bytes, reported

pytestmark = pytest.mark.django_db
A = "/api/v1/virtue"
DAY = datetime.timedelta(days=1)


def send(client, method, path, body=None):
    kwargs = {}
    if body is not None:
        kwargs = {"data": json.dumps(body), "content_type": "application/json"}
    return client.generic(method, A + path, **kwargs)


def login(user):
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_the_whole_life_of_a_deed_through_the_api(v, client_as, people, time_machine):
    clerk = client_as("virtue_clerk")
    household = v.households[0]
    made = send(
        clerk,
        "POST",
        "/claims",
        {
            "household": household.pk,
            "item_code": "volunteer",
            "quantity": 3,
            "occurred_on": NOW.date().isoformat(),
            "photos": [base64.b64encode(png_bytes()).decode()],
        },
    )
    assert made.status_code == 201, made.content
    claim = made.json()
    assert (claim["points"], claim["status"], claim["reporter_role"]) == (6, "submitted", "clerk")
    early = send(clerk, "POST", f"/claims/{claim['id']}/post")
    assert (early.status_code, early.json()["code"]) == (409, "not_approved")
    for member in v.committee[:3]:
        queue = send(login(member), "GET", "/reviews").json()
        assert [c["id"] for c in queue["items"]] == [claim["id"]]
        reviewed = send(login(member), "POST", f"/claims/{claim['id']}/review", {"approve": True})
        assert reviewed.status_code == 200
    assert reviewed.json()["status"] == "on_notice"
    board = send(Client(), "GET", f"/notice/{v.bank.region_id}").json()
    assert board[0]["name"] == "王*" and board[0]["open"]
    objection = send(
        client_as("volunteer"), "POST", f"/claims/{claim['id']}/objections", {"reason": "不属实"}
    )
    assert objection.status_code == 201
    resolved = send(
        login(v.committee[4]),
        "POST",
        f"/objections/{objection.json()['id']}/resolve",
        {"uphold": False, "reason": "已核实"},
    )
    assert resolved.json()["status"] == "dismissed"
    running = send(clerk, "POST", f"/claims/{claim['id']}/post")
    assert (running.status_code, running.json()["code"]) == (409, "notice_running")
    time_machine.move_to(NOW + 3 * DAY, tick=False)
    late = send(
        client_as("volunteer"), "POST", f"/claims/{claim['id']}/objections", {"reason": "x"}
    )
    assert (late.status_code, late.json()["code"]) == (409, "notice_closed")
    posted = send(clerk, "POST", f"/claims/{claim['id']}/post")
    assert posted.json()["status"] == "posted" and posted.json()["posted_transaction"]
    again = send(clerk, "POST", f"/claims/{claim['id']}/post")
    assert (again.status_code, again.json()["code"]) == (409, "already_posted")
    statement = send(clerk, "GET", f"/households/{household.pk}/statement").json()
    assert statement["household"]["balance"] == 106
    assert [r["amount"] for r in statement["items"]] == [6, 100]


def test_catalogue_through_the_api(v, client_as):
    admin = client_as("village_admin")
    published_item = v.version.items.first()
    refused = send(admin, "PATCH", f"/items/{published_item.pk}", {"points": 99})
    assert (refused.status_code, refused.json()["code"]) == (409, "catalogue_published")
    draft = send(admin, "POST", f"/banks/{v.bank.pk}/versions", {"from_version": v.version.pk})
    assert draft.status_code == 201 and len(draft.json()["items"]) == 6
    draft_id = draft.json()["id"]
    item = send(
        admin, "POST", f"/versions/{draft_id}/items", {"code": "x", "name": "新", "points": 4}
    )
    assert item.status_code == 201
    patched = send(admin, "PATCH", f"/items/{item.json()['id']}", {"points": 6})
    assert patched.json()["points"] == 6
    assert send(admin, "DELETE", f"/items/{item.json()['id']}").status_code == 204
    past = send(admin, "POST", f"/versions/{draft_id}/publish", {"effective_from": "2026-01-01"})
    assert (past.status_code, past.json()["code"]) == (400, "effective_in_past")
    ok = send(admin, "POST", f"/versions/{draft_id}/publish", {"effective_from": "2026-12-01"})
    assert ok.json()["status"] == "published"
    versions = send(admin, "GET", f"/banks/{v.bank.pk}/versions").json()
    assert [x["status"] for x in versions] == ["published", "retired"]


def test_households_and_lists_are_scoped_and_paged(
    v, client_as, make_user, django_assert_max_num_queries
):
    clerk = client_as("virtue_clerk")
    made = send(
        clerk, "POST", "/households", {"bank": v.bank.pk, "number": "H003", "head_name": "赵六"}
    )
    assert made.status_code == 201 and made.json()["balance"] == 100
    taken = send(
        clerk, "POST", "/households", {"bank": v.bank.pk, "number": "H003", "head_name": "x"}
    )
    assert (taken.status_code, taken.json()["code"]) == (409, "household_number_taken")
    with django_assert_max_num_queries(8):
        first = send(clerk, "GET", "/households?limit=2").json()
    assert len(first["items"]) == 2 and first["next"]
    rest = send(clerk, "GET", f"/households?limit=2&after={first['next']}").json()
    assert [h["number"] for h in rest["items"]] == ["H003"]
    for _ in range(3):
        reported(v, item_code="clean")
    with django_assert_max_num_queries(8):
        claims = send(clerk, "GET", "/claims?limit=2").json()
    assert len(claims["items"]) == 2 and claims["next"]
    other = login(make_user("virtue_clerk", "village12"))
    assert send(other, "GET", "/claims").json()["items"] == []
    assert send(other, "GET", f"/households/{v.households[0].pk}").status_code == 404
    claim_id = DeedClaim.objects.values_list("pk", flat=True).first()
    assert send(other, "GET", f"/claims/{claim_id}").status_code == 404


def test_review_refusals_have_stable_codes(v, client_as, make_user):
    claim = reported(v)
    outsider = login(make_user("virtue_committee", "village12"))
    refused = send(outsider, "POST", f"/claims/{claim.pk}/review", {"approve": True})
    assert refused.status_code == 404  # outside their scope: not even seen
    clerk = client_as("virtue_clerk")
    not_member = send(clerk, "POST", f"/claims/{claim.pk}/review", {"approve": True})
    assert (not_member.status_code, not_member.json()["code"]) == (403, "not_in_review_group")
    no_reason = send(
        login(v.committee[0]), "POST", f"/claims/{claim.pk}/review", {"approve": False}
    )
    assert (no_reason.status_code, no_reason.json()["code"]) == (400, "reason_required")
    bad_photo = send(
        clerk,
        "POST",
        "/claims",
        {
            "household": v.households[0].pk,
            "item_code": "clean",
            "occurred_on": "2026-11-20",
            "photos": ["bm90IGFuIGltYWdl"],
        },
    )
    assert (bad_photo.status_code, bad_photo.json()["code"]) == (400, "photo_invalid")
    approved(v, claim)
