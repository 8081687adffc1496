"""Permission-matrix rows of the virtue bank (pages and API).

``objects`` opens a bank in village 11 (one approval needed, so one review puts a deed on
notice) with a published catalogue and a draft, a household, a deed waiting for review and a
deed on notice with an open objection. The people fixture has no committee member, so one is
made here and added to ``people`` as ``virtue_committee`` (village 11). The resident lives in
village 12 (an outsider to this bank); the volunteer lives in village 11 (a villager).
"""

from __future__ import annotations

from typing import Any

ANON = None
NAMESPACES = {"virtue"}
REGION, NOTICE, SUBMITTED = "virtue_region", "virtue_notice", "virtue_submitted"
HOUSEHOLD, OBJECTION, PHOTO = "virtue_household", "virtue_objection", "virtue_photo"
VERSION, DRAFT, ITEM, PUB_ITEM = "virtue_version", "virtue_draft", "virtue_item", "virtue_pub_item"
BANK = "virtue_bank"
FAR = "2099-01-01"
BODIES: dict[str, dict[str, str]] = {
    "virtue:objection_raise": {"reason": "矩阵异议"},
    "virtue:counter": {},
    "virtue:claim_review": {"decision": "approve"},
    "virtue:claim_reject": {"reason": "矩阵驳回"},
    "virtue:objection_resolve": {"uphold": "dismiss", "reason": "矩阵裁定"},
    "virtue:households": {"number": "M001", "head_name": "矩阵户"},
    "virtue:resident_add": {"name": "矩阵成员", "relation": "child"},
    "virtue:item_add": {
        "code": "matrix",
        "name": "矩阵善行",
        "category": "other",
        "points": "2",
        "unit": "each",
        "limit_period": "none",
    },
    "virtue:catalogue_publish": {"effective_from": FAR},
    "virtue:bank_settings": {
        "name": "矩阵美德银行",
        "approvals_required": "3",
        "notice_days": "3",
        "base_allotment": "100",
        "ranking_top_n": "50",
        "active": "on",
    },
}

PAGES: list[tuple[str, str, str, str | None, int]] = [
    # Public and villagers.
    ("GET", "virtue:notice_index", "", ANON, 200),
    ("GET", "virtue:notice_board", REGION, ANON, 200),
    ("GET", "virtue:notice_board", REGION, "resident", 200),
    ("POST", "virtue:objection_raise", NOTICE, ANON, 302),
    ("POST", "virtue:objection_raise", NOTICE, "resident", 403),
    ("POST", "virtue:objection_raise", NOTICE, "volunteer", 302),
    ("GET", "virtue:my_household", "", ANON, 302),
    ("GET", "virtue:my_household", "", "resident", 200),
    ("GET", "virtue:household_statement", HOUSEHOLD, ANON, 302),
    ("GET", "virtue:household_statement", HOUSEHOLD, "resident", 404),
    ("GET", "virtue:household_statement", HOUSEHOLD, "other_town_admin", 404),
    ("GET", "virtue:household_statement", HOUSEHOLD, "virtue_clerk", 200),
    ("GET", "virtue:household_statement", HOUSEHOLD, "village_admin", 200),
    # The counter and the review group.
    ("GET", "virtue:counter", "", ANON, 302),
    ("GET", "virtue:counter", "", "resident", 403),
    ("GET", "virtue:counter", "", "volunteer", 403),
    ("GET", "virtue:counter", "", "virtue_committee", 403),
    ("GET", "virtue:counter", "", "other_town_admin", 403),
    ("GET", "virtue:counter", "", "virtue_clerk", 200),
    ("GET", "virtue:counter", "", "village_admin", 200),
    ("POST", "virtue:counter", "", "volunteer", 403),
    ("POST", "virtue:counter", "", "virtue_clerk", 400),
    ("GET", "virtue:claim_detail", SUBMITTED, ANON, 302),
    ("GET", "virtue:claim_detail", SUBMITTED, "resident", 404),
    ("GET", "virtue:claim_detail", SUBMITTED, "other_town_admin", 404),
    ("GET", "virtue:claim_detail", SUBMITTED, "virtue_clerk", 200),
    ("GET", "virtue:claim_detail", SUBMITTED, "virtue_committee", 200),
    ("POST", "virtue:claim_review", SUBMITTED, ANON, 302),
    ("POST", "virtue:claim_review", SUBMITTED, "resident", 404),
    ("POST", "virtue:claim_review", SUBMITTED, "other_town_admin", 404),
    ("POST", "virtue:claim_review", SUBMITTED, "virtue_clerk", 403),
    ("POST", "virtue:claim_review", SUBMITTED, "virtue_committee", 302),
    ("POST", "virtue:claim_post", NOTICE, ANON, 302),
    ("POST", "virtue:claim_post", NOTICE, "volunteer", 404),
    ("POST", "virtue:claim_post", NOTICE, "virtue_committee", 403),
    ("POST", "virtue:claim_post", NOTICE, "virtue_clerk", 400),
    ("POST", "virtue:claim_reject", SUBMITTED, ANON, 302),
    ("POST", "virtue:claim_reject", SUBMITTED, "other_town_admin", 404),
    ("POST", "virtue:claim_reject", SUBMITTED, "virtue_committee", 403),
    ("POST", "virtue:claim_reject", SUBMITTED, "virtue_clerk", 302),
    ("POST", "virtue:objection_resolve", OBJECTION, ANON, 302),
    ("POST", "virtue:objection_resolve", OBJECTION, "volunteer", 404),
    ("POST", "virtue:objection_resolve", OBJECTION, "other_town_admin", 404),
    ("POST", "virtue:objection_resolve", OBJECTION, "virtue_committee", 302),
    ("POST", "virtue:objection_resolve", OBJECTION, "village_admin", 302),
    ("GET", "virtue:claim_photo", PHOTO, ANON, 302),
    ("GET", "virtue:claim_photo", PHOTO, "resident", 404),
    ("GET", "virtue:claim_photo", PHOTO, "other_town_admin", 404),
    ("GET", "virtue:review_queue", "", ANON, 302),
    ("GET", "virtue:review_queue", "", "virtue_clerk", 403),
    ("GET", "virtue:review_queue", "", "virtue_committee", 200),
    # Configuration.
    ("GET", "virtue:households", "", ANON, 302),
    ("GET", "virtue:households", "", "resident", 403),
    ("GET", "virtue:households", "", "virtue_committee", 403),
    ("GET", "virtue:households", "", "virtue_clerk", 200),
    ("GET", "virtue:households", "", "village_admin", 200),
    ("POST", "virtue:households", "", "volunteer", 403),
    ("POST", "virtue:households", "", "virtue_clerk", 302),
    ("POST", "virtue:resident_add", HOUSEHOLD, ANON, 302),
    ("POST", "virtue:resident_add", HOUSEHOLD, "resident", 404),
    ("POST", "virtue:resident_add", HOUSEHOLD, "virtue_committee", 403),
    ("POST", "virtue:resident_add", HOUSEHOLD, "virtue_clerk", 302),
    ("GET", "virtue:catalogue", "", ANON, 302),
    ("GET", "virtue:catalogue", "", "resident", 403),
    ("GET", "virtue:catalogue", "", "other_town_admin", 403),
    ("GET", "virtue:catalogue", "", "virtue_clerk", 200),
    ("GET", "virtue:catalogue", "", "village_admin", 200),
    ("GET", "virtue:catalogue_version", VERSION, ANON, 302),
    ("GET", "virtue:catalogue_version", VERSION, "other_town_admin", 404),
    ("GET", "virtue:catalogue_version", VERSION, "virtue_clerk", 200),
    ("POST", "virtue:catalogue_draft", VERSION, ANON, 302),
    ("POST", "virtue:catalogue_draft", VERSION, "virtue_clerk", 403),
    ("POST", "virtue:catalogue_draft", VERSION, "village_admin", 400),
    ("POST", "virtue:item_add", DRAFT, ANON, 302),
    ("POST", "virtue:item_add", DRAFT, "other_town_admin", 404),
    ("POST", "virtue:item_add", DRAFT, "virtue_clerk", 403),
    ("POST", "virtue:item_add", DRAFT, "village_admin", 302),
    ("POST", "virtue:item_add", VERSION, "village_admin", 400),
    ("POST", "virtue:catalogue_publish", DRAFT, ANON, 302),
    ("POST", "virtue:catalogue_publish", DRAFT, "virtue_clerk", 403),
    ("POST", "virtue:catalogue_publish", DRAFT, "town_admin", 302),
    ("POST", "virtue:item_remove", ITEM, ANON, 302),
    ("POST", "virtue:item_remove", ITEM, "other_town_admin", 404),
    ("POST", "virtue:item_remove", ITEM, "virtue_clerk", 403),
    ("POST", "virtue:item_remove", ITEM, "village_admin", 302),
    ("POST", "virtue:item_remove", PUB_ITEM, "village_admin", 400),
    ("GET", "virtue:bank_settings", REGION, ANON, 302),
    ("GET", "virtue:bank_settings", REGION, "virtue_clerk", 403),
    ("GET", "virtue:bank_settings", REGION, "other_town_admin", 403),
    ("GET", "virtue:bank_settings", REGION, "village_admin", 200),
    ("POST", "virtue:bank_settings", REGION, "village_admin", 302),
]

A = "/api/v1/virtue"
CID = f"{A}/claims/{{claim_id}}"
HID = f"{A}/households/{{household_id}}"
VID = f"{A}/versions/{{version_id}}"
IID = f"{A}/items/{{item_id}}"
BID = f"{A}/banks/{{bank_id}}"
REASON = {"reason": "矩阵"}
BANK_IN = {"approvals_required": 3}
ITEM_IN = {"code": "api", "name": "接口善行", "points": 2}
HOUSE_IN = {"number": "A001", "head_name": "接口户"}
CLAIM_IN = {"household": 0, "item_code": "clean", "occurred_on": "2026-01-01"}

API: list[tuple[str, str, str, str | None, int, dict[str, Any] | None]] = [
    ("GET", f"{A}/notice/{{region}}", REGION, ANON, 200, None),
    ("GET", f"{A}/notice/370781002002", "", ANON, 404, None),
    ("GET", f"{A}/banks", "", ANON, 401, None),
    ("GET", f"{A}/banks", "", "resident", 403, None),
    ("GET", f"{A}/banks", "", "virtue_clerk", 200, None),
    ("PUT", f"{A}/banks/{{region}}", REGION, ANON, 401, BANK_IN),
    ("PUT", f"{A}/banks/{{region}}", REGION, "virtue_clerk", 403, BANK_IN),
    ("PUT", f"{A}/banks/{{region}}", REGION, "other_town_admin", 403, BANK_IN),
    ("PUT", f"{A}/banks/{{region}}", REGION, "village_admin", 200, BANK_IN),
    ("GET", f"{BID}/versions", BANK, ANON, 401, None),
    ("GET", f"{BID}/versions", BANK, "other_town_admin", 404, None),
    ("GET", f"{BID}/versions", BANK, "virtue_clerk", 200, None),
    ("POST", f"{BID}/versions", BANK, ANON, 401, {}),
    ("POST", f"{BID}/versions", BANK, "virtue_clerk", 403, {}),
    ("POST", f"{BID}/versions", BANK, "village_admin", 409, {}),
    ("GET", VID, VERSION, ANON, 401, None),
    ("GET", VID, VERSION, "other_town_admin", 404, None),
    ("GET", VID, VERSION, "virtue_committee", 200, None),
    ("POST", f"{VID}/items", DRAFT, ANON, 401, ITEM_IN),
    ("POST", f"{VID}/items", DRAFT, "virtue_clerk", 403, ITEM_IN),
    ("POST", f"{VID}/items", DRAFT, "village_admin", 201, ITEM_IN),
    ("POST", f"{VID}/items", VERSION, "village_admin", 409, ITEM_IN),
    ("PATCH", IID, ITEM, ANON, 401, {"points": 3}),
    ("PATCH", IID, ITEM, "virtue_clerk", 403, {"points": 3}),
    ("PATCH", IID, ITEM, "village_admin", 200, {"points": 3}),
    ("PATCH", IID, PUB_ITEM, "village_admin", 409, {"points": 3}),
    ("DELETE", IID, ITEM, ANON, 401, None),
    ("DELETE", IID, ITEM, "other_town_admin", 404, None),
    ("DELETE", IID, ITEM, "virtue_clerk", 403, None),
    ("DELETE", IID, ITEM, "village_admin", 204, None),
    ("POST", f"{VID}/publish", DRAFT, ANON, 401, {"effective_from": FAR}),
    ("POST", f"{VID}/publish", DRAFT, "virtue_clerk", 403, {"effective_from": FAR}),
    ("POST", f"{VID}/publish", DRAFT, "village_admin", 200, {"effective_from": FAR}),
    ("GET", f"{A}/households", "", ANON, 401, None),
    ("GET", f"{A}/households", "", "resident", 403, None),
    ("GET", f"{A}/households", "", "other_town_admin", 404, None),
    ("GET", f"{A}/households", "", "virtue_clerk", 200, None),
    ("POST", f"{A}/households", "", ANON, 401, HOUSE_IN),
    ("POST", f"{A}/households", "", "volunteer", 403, HOUSE_IN),
    ("POST", f"{A}/households", "", "virtue_clerk", 201, HOUSE_IN),
    ("GET", f"{A}/me/households", "", ANON, 401, None),
    ("GET", f"{A}/me/households", "", "resident", 200, None),
    ("GET", HID, HOUSEHOLD, ANON, 401, None),
    ("GET", HID, HOUSEHOLD, "resident", 404, None),
    ("GET", HID, HOUSEHOLD, "virtue_clerk", 200, None),
    ("GET", f"{HID}/statement", HOUSEHOLD, ANON, 401, None),
    ("GET", f"{HID}/statement", HOUSEHOLD, "other_town_admin", 404, None),
    ("GET", f"{HID}/statement", HOUSEHOLD, "village_admin", 200, None),
    ("POST", f"{HID}/residents", HOUSEHOLD, ANON, 401, {"name": "甲", "relation": "child"}),
    ("POST", f"{HID}/residents", HOUSEHOLD, "resident", 403, {"name": "甲", "relation": "child"}),
    (
        "POST",
        f"{HID}/residents",
        HOUSEHOLD,
        "virtue_committee",
        403,
        {"name": "甲", "relation": "child"},
    ),
    (
        "POST",
        f"{HID}/residents",
        HOUSEHOLD,
        "virtue_clerk",
        201,
        {"name": "甲", "relation": "child"},
    ),
    ("GET", f"{A}/claims", "", ANON, 401, None),
    ("GET", f"{A}/claims", "", "volunteer", 403, None),
    ("GET", f"{A}/claims", "", "virtue_committee", 200, None),
    ("POST", f"{A}/claims", "", ANON, 401, CLAIM_IN),
    ("POST", f"{A}/claims", "", "virtue_clerk", 404, CLAIM_IN),
    ("GET", f"{A}/reviews", "", ANON, 401, None),
    ("GET", f"{A}/reviews", "", "resident", 403, None),
    ("GET", f"{A}/reviews", "", "virtue_committee", 200, None),
    ("GET", CID, SUBMITTED, ANON, 401, None),
    ("GET", CID, SUBMITTED, "resident", 404, None),
    ("GET", CID, SUBMITTED, "virtue_clerk", 200, None),
    ("POST", f"{CID}/review", SUBMITTED, ANON, 401, {"approve": True}),
    ("POST", f"{CID}/review", SUBMITTED, "other_town_admin", 404, {"approve": True}),
    ("POST", f"{CID}/review", SUBMITTED, "virtue_clerk", 403, {"approve": True}),
    ("POST", f"{CID}/review", SUBMITTED, "virtue_committee", 200, {"approve": True}),
    ("POST", f"{CID}/reject", SUBMITTED, ANON, 401, REASON),
    ("POST", f"{CID}/reject", SUBMITTED, "virtue_committee", 403, REASON),
    ("POST", f"{CID}/reject", SUBMITTED, "virtue_clerk", 200, REASON),
    ("POST", f"{CID}/post", NOTICE, ANON, 401, None),
    ("POST", f"{CID}/post", NOTICE, "volunteer", 404, None),
    ("POST", f"{CID}/post", NOTICE, "virtue_committee", 403, None),
    ("POST", f"{CID}/post", NOTICE, "virtue_clerk", 409, None),
    ("POST", f"{CID}/post", SUBMITTED, "virtue_clerk", 409, None),
    ("POST", f"{CID}/objections", NOTICE, ANON, 401, REASON),
    ("POST", f"{CID}/objections", NOTICE, "resident", 403, REASON),
    ("POST", f"{CID}/objections", NOTICE, "volunteer", 201, REASON),
    ("POST", f"{CID}/objections", SUBMITTED, "volunteer", 409, REASON),
    (
        "POST",
        f"{A}/objections/{{objection_id}}/resolve",
        OBJECTION,
        ANON,
        401,
        {"uphold": False, "reason": "矩阵"},
    ),
    (
        "POST",
        f"{A}/objections/{{objection_id}}/resolve",
        OBJECTION,
        "volunteer",
        404,
        {"uphold": False, "reason": "矩阵"},
    ),
    (
        "POST",
        f"{A}/objections/{{objection_id}}/resolve",
        OBJECTION,
        "virtue_committee",
        200,
        {"uphold": False, "reason": "矩阵"},
    ),
]


def objects(people: dict[str, Any], city: dict[str, Any]) -> dict[str, Any]:
    from django.utils import timezone

    from volcity.accounts.models import RoleGrant, User
    from volcity.accounts.scope import clear_scope_cache
    from volcity.virtue.models import ClaimPhoto
    from volcity.virtue.services import (
        catalogue_draft_from,
        claim_report,
        claim_review,
        deed_item_add,
        household_register,
        objection_raise,
    )
    from volcity.virtue.tests.factories import bank_open, catalogue_publish_items

    committee = User.objects.create_user(
        username="virtue_committee_m",
        password="Volcity-test-2026",  # noqa: S106
        display_name="评议员",
        phone="13900009901",
        home_region=city["village11"],
    )
    RoleGrant.objects.create(user=committee, role="virtue_committee", region=city["village11"])
    people["virtue_committee"] = committee
    admin, clerk = people["village_admin"], people["virtue_clerk"]
    bank = bank_open(admin, city["village11"], approvals_required=1)
    version = catalogue_publish_items(admin, bank)
    draft = catalogue_draft_from(actor=admin, bank=bank)
    item = deed_item_add(actor=admin, version=draft, code="draft", name="草稿善行", points=1)
    household = household_register(actor=clerk, bank=bank, number="H001", head_name="王守军")
    clear_scope_cache(clerk)
    today = timezone.localdate()
    submitted = claim_report(
        actor=clerk, household=household, item_code="filial", occurred_on=today
    )
    notice = claim_report(actor=clerk, household=household, item_code="clean", occurred_on=today)
    claim_review(reviewer=committee, claim=notice, approve=True)
    objection = objection_raise(user=people["station_keeper"], claim=notice, reason="矩阵")
    photo = ClaimPhoto.objects.create(
        claim=submitted, image="virtue/claims/matrix-missing.png", content_type="image/png"
    )
    return {
        REGION: {"region": city["village11"].code},
        BANK: {"bank_id": bank.pk},
        VERSION: {"version_id": version.pk},
        DRAFT: {"version_id": draft.pk},
        ITEM: {"item_id": item.pk},
        PUB_ITEM: {"item_id": version.items.first().pk},  # type: ignore[union-attr]
        HOUSEHOLD: {"household_id": household.pk},
        SUBMITTED: {"claim_id": submitted.pk},
        NOTICE: {"claim_id": notice.pk},
        OBJECTION: {"objection_id": objection.pk},
        PHOTO: {"photo_id": photo.pk},
    }
