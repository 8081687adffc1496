"""Permission-matrix rows of the virtue bank's rankings and ratings (pages and API).

The pages live in the ``virtue`` namespace, which ``tests/matrix/virtue.py`` claims, so
``NAMESPACES`` is empty. ``objects`` reuses the bank that ``virtue.py`` opens in village 11
(its household H001), adds ``virtue_member`` (a member of H001 with a login), publishes the
last quarter's lists (empty) with one black-list entry, runs the rating and records H001's
consent for the partner bank. ``people["resident"]`` lives in village 12: an outsider here.
"""

from __future__ import annotations

from typing import Any

ANON = None
NAMESPACES: set[str] = set()
R_REGION, R_BANK, R_HOUSEHOLD = "ratings_region", "ratings_bank", "ratings_household"
R_ENTRY, R_CONSENT = "ratings_entry", "ratings_consent"
PARTNER = "青州农商银行"


def _quarters() -> tuple[str, str]:
    """The last quarter (published in ``objects``) and the one before it (not published)."""
    import datetime

    from django.utils import timezone

    from volcity.virtue.queries_ratings import previous_quarter, quarter_first_day

    last = previous_quarter(timezone.localdate())
    before = previous_quarter(quarter_first_day(*last) + datetime.timedelta(days=1))
    return f"{last[0]}-Q{last[1]}", f"{before[0]}-Q{before[1]}"


LAST, BEFORE = _quarters()
POLICY = {
    "black_list_threshold": "10",
    "aaa_min": "90",
    "aa_min": "80",
    "a_min": "70",
    "b_min": "60",
}
BODIES: dict[str, dict[str, str]] = {
    "virtue:lists_publish": {"quarter": BEFORE},
    "virtue:list_entry_withdraw": {"reason": "矩阵撤销"},
    "virtue:rating_policy": POLICY,
    "virtue:rating_run": {"as_of": ""},
    "virtue:rating_export": {"partner": PARTNER},
    "virtue:consent_grant": {"partner": PARTNER},
    "virtue:consent_revoke": {"reason": "矩阵撤回"},
}

PAGES: list[tuple[str, str, str, str | None, int]] = [
    ("GET", "virtue:ranking_public", R_REGION, ANON, 200),
    ("GET", "virtue:ranking_public", R_REGION, "resident", 200),
    ("GET", "virtue:ranking", "", ANON, 302),
    ("GET", "virtue:ranking", "", "resident", 403),
    ("GET", "virtue:ranking", "", "other_town_admin", 403),
    ("GET", "virtue:ranking", "", "virtue_committee", 200),
    ("GET", "virtue:ranking", "", "virtue_clerk", 200),
    ("POST", "virtue:lists_publish", R_BANK, ANON, 302),
    ("POST", "virtue:lists_publish", R_BANK, "resident", 403),
    ("POST", "virtue:lists_publish", R_BANK, "virtue_committee", 403),
    ("POST", "virtue:lists_publish", R_BANK, "virtue_clerk", 302),
    ("POST", "virtue:lists_publish", R_BANK, "village_admin", 302),
    ("POST", "virtue:list_entry_withdraw", R_ENTRY, ANON, 302),
    ("POST", "virtue:list_entry_withdraw", R_ENTRY, "other_town_admin", 404),
    ("POST", "virtue:list_entry_withdraw", R_ENTRY, "virtue_committee", 403),
    ("POST", "virtue:list_entry_withdraw", R_ENTRY, "virtue_clerk", 302),
    ("GET", "virtue:monthly_totals", "", ANON, 302),
    ("GET", "virtue:monthly_totals", "", "resident", 403),
    ("GET", "virtue:monthly_totals", "", "virtue_committee", 200),
    ("GET", "virtue:monthly_totals", "", "virtue_clerk", 200),
    ("GET", "virtue:rating_policy", "", ANON, 302),
    ("GET", "virtue:rating_policy", "", "virtue_clerk", 403),
    ("GET", "virtue:rating_policy", "", "village_admin", 200),
    ("POST", "virtue:rating_policy", "", "virtue_clerk", 403),
    ("POST", "virtue:rating_policy", "", "village_admin", 302),
    ("GET", "virtue:ratings", "", ANON, 302),
    ("GET", "virtue:ratings", "", "resident", 403),
    ("GET", "virtue:ratings", "", "virtue_committee", 200),
    ("GET", "virtue:ratings", "", "virtue_clerk", 200),
    ("POST", "virtue:rating_run", R_BANK, ANON, 302),
    ("POST", "virtue:rating_run", R_BANK, "other_town_admin", 403),
    ("POST", "virtue:rating_run", R_BANK, "virtue_committee", 403),
    ("POST", "virtue:rating_run", R_BANK, "virtue_clerk", 302),
    ("POST", "virtue:rating_export", R_BANK, ANON, 302),
    ("POST", "virtue:rating_export", R_BANK, "virtue_committee", 403),
    ("POST", "virtue:rating_export", R_BANK, "virtue_clerk", 200),
    ("GET", "virtue:household_rating", R_HOUSEHOLD, ANON, 302),
    ("GET", "virtue:household_rating", R_HOUSEHOLD, "resident", 404),
    ("GET", "virtue:household_rating", R_HOUSEHOLD, "other_town_admin", 404),
    ("GET", "virtue:household_rating", R_HOUSEHOLD, "virtue_member", 200),
    ("GET", "virtue:household_rating", R_HOUSEHOLD, "virtue_clerk", 200),
    ("POST", "virtue:consent_grant", R_HOUSEHOLD, ANON, 302),
    ("POST", "virtue:consent_grant", R_HOUSEHOLD, "resident", 404),
    ("POST", "virtue:consent_grant", R_HOUSEHOLD, "virtue_committee", 403),
    ("POST", "virtue:consent_grant", R_HOUSEHOLD, "virtue_member", 400),
    ("POST", "virtue:consent_grant", R_HOUSEHOLD, "virtue_clerk", 400),
    ("POST", "virtue:consent_revoke", R_CONSENT, ANON, 302),
    ("POST", "virtue:consent_revoke", R_CONSENT, "resident", 404),
    ("POST", "virtue:consent_revoke", R_CONSENT, "virtue_committee", 403),
    ("POST", "virtue:consent_revoke", R_CONSENT, "virtue_member", 302),
    ("POST", "virtue:consent_revoke", R_CONSENT, "virtue_clerk", 302),
]

A = "/api/v1/virtue"
BID = f"{A}/banks/{{bank_id}}"
HID = f"{A}/households/{{household_id}}"
POLICY_IN = {k: int(v) for k, v in POLICY.items()}
CONSENT_IN = {"resident": 0, "partner": PARTNER}

API: list[tuple[str, str, str, str | None, int, dict[str, Any] | None]] = [
    ("GET", f"{A}/ranking/{{region}}", R_REGION, ANON, 200, None),
    ("GET", f"{A}/ranking/370781002002", "", ANON, 404, None),
    ("GET", f"{BID}/totals", R_BANK, ANON, 401, None),
    ("GET", f"{BID}/totals", R_BANK, "resident", 403, None),
    ("GET", f"{BID}/totals", R_BANK, "other_town_admin", 404, None),
    ("GET", f"{BID}/totals", R_BANK, "virtue_committee", 200, None),
    ("GET", f"{BID}/ranking", R_BANK, ANON, 401, None),
    ("GET", f"{BID}/ranking", R_BANK, "other_town_admin", 404, None),
    ("GET", f"{BID}/ranking", R_BANK, "virtue_clerk", 200, None),
    ("GET", f"{BID}/publications", R_BANK, ANON, 401, None),
    ("GET", f"{BID}/publications", R_BANK, "virtue_clerk", 200, None),
    ("POST", f"{BID}/publications", R_BANK, ANON, 401, {"quarter": BEFORE}),
    ("POST", f"{BID}/publications", R_BANK, "virtue_committee", 403, {"quarter": BEFORE}),
    ("POST", f"{BID}/publications", R_BANK, "other_town_admin", 404, {"quarter": BEFORE}),
    ("POST", f"{BID}/publications", R_BANK, "virtue_clerk", 201, {"quarter": BEFORE}),
    ("POST", f"{BID}/publications", R_BANK, "virtue_clerk", 409, {"quarter": LAST}),
    ("POST", f"{A}/list-entries/{{entry_id}}/withdraw", R_ENTRY, ANON, 401, {"reason": "x"}),
    (
        "POST",
        f"{A}/list-entries/{{entry_id}}/withdraw",
        R_ENTRY,
        "other_town_admin",
        404,
        {"reason": "x"},
    ),
    (
        "POST",
        f"{A}/list-entries/{{entry_id}}/withdraw",
        R_ENTRY,
        "virtue_committee",
        403,
        {"reason": "x"},
    ),
    ("POST", f"{A}/list-entries/{{entry_id}}/withdraw", R_ENTRY, "virtue_clerk", 400, {}),
    (
        "POST",
        f"{A}/list-entries/{{entry_id}}/withdraw",
        R_ENTRY,
        "virtue_clerk",
        200,
        {"reason": "x"},
    ),
    ("GET", f"{BID}/rating-policy", R_BANK, ANON, 401, None),
    ("GET", f"{BID}/rating-policy", R_BANK, "virtue_clerk", 200, None),
    ("PUT", f"{BID}/rating-policy", R_BANK, ANON, 401, POLICY_IN),
    ("PUT", f"{BID}/rating-policy", R_BANK, "virtue_clerk", 403, POLICY_IN),
    ("PUT", f"{BID}/rating-policy", R_BANK, "village_admin", 200, POLICY_IN),
    ("POST", f"{BID}/ratings/run", R_BANK, ANON, 401, {}),
    ("POST", f"{BID}/ratings/run", R_BANK, "virtue_committee", 403, {}),
    ("POST", f"{BID}/ratings/run", R_BANK, "virtue_clerk", 200, {}),
    ("POST", f"{BID}/ratings/run", R_BANK, "virtue_clerk", 400, {"as_of": "2099-01-01"}),
    ("GET", f"{BID}/ratings", R_BANK, ANON, 401, None),
    ("GET", f"{BID}/ratings", R_BANK, "other_town_admin", 404, None),
    ("GET", f"{BID}/ratings", R_BANK, "virtue_clerk", 200, None),
    ("POST", f"{BID}/rating-exports", R_BANK, ANON, 401, {"partner": PARTNER}),
    ("POST", f"{BID}/rating-exports", R_BANK, "virtue_committee", 403, {"partner": PARTNER}),
    ("POST", f"{BID}/rating-exports", R_BANK, "virtue_clerk", 400, {"partner": "某银行"}),
    ("POST", f"{BID}/rating-exports", R_BANK, "virtue_clerk", 200, {"partner": PARTNER}),
    ("GET", f"{HID}/rating", R_HOUSEHOLD, ANON, 401, None),
    ("GET", f"{HID}/rating", R_HOUSEHOLD, "resident", 404, None),
    ("GET", f"{HID}/rating", R_HOUSEHOLD, "virtue_member", 200, None),
    ("GET", f"{HID}/rating", R_HOUSEHOLD, "virtue_clerk", 200, None),
    ("GET", f"{HID}/consents", R_HOUSEHOLD, ANON, 401, None),
    ("GET", f"{HID}/consents", R_HOUSEHOLD, "other_town_admin", 404, None),
    ("GET", f"{HID}/consents", R_HOUSEHOLD, "virtue_member", 200, None),
    ("POST", f"{HID}/consents", R_HOUSEHOLD, ANON, 401, CONSENT_IN),
    ("POST", f"{HID}/consents", R_HOUSEHOLD, "resident", 404, CONSENT_IN),
    ("POST", f"{HID}/consents", R_HOUSEHOLD, "virtue_clerk", 404, CONSENT_IN),
    ("POST", f"{A}/consents/{{consent_id}}/revoke", R_CONSENT, ANON, 401, {}),
    ("POST", f"{A}/consents/{{consent_id}}/revoke", R_CONSENT, "resident", 404, {}),
    ("POST", f"{A}/consents/{{consent_id}}/revoke", R_CONSENT, "virtue_committee", 403, {}),
    ("POST", f"{A}/consents/{{consent_id}}/revoke", R_CONSENT, "virtue_clerk", 400, {}),
    ("POST", f"{A}/consents/{{consent_id}}/revoke", R_CONSENT, "virtue_member", 200, {}),
]


def objects(people: dict[str, Any], city: dict[str, Any]) -> dict[str, Any]:
    from volcity.accounts.models import User
    from volcity.virtue.models import Household, Resident
    from volcity.virtue.models_ratings import ListEntry
    from volcity.virtue.queries_ratings import parse_quarter
    from volcity.virtue.services import resident_add
    from volcity.virtue.services.credit import consent_grant, rating_run
    from volcity.virtue.services.ratings import lists_publish

    clerk = people["virtue_clerk"]
    household = Household.objects.select_related("bank").get(
        bank__region=city["village11"], number="H001"
    )
    bank = household.bank
    member = User.objects.create_user(
        username="virtue_member_m",
        password="Volcity-test-2026",  # noqa: S106
        display_name="户成员",
        phone="13900009902",
        home_region=city["village11"],
    )
    people["virtue_member"] = member
    resident_add(actor=clerk, household=household, name="王小明", relation="child", user=member)
    publication = lists_publish(actor=clerk, bank=bank, **_quarter_kwargs(parse_quarter(LAST)))
    entry = ListEntry.objects.create(
        publication=publication,
        kind="black",
        household=household,
        rank=1,
        head_name=household.head_name,
        household_number=household.number,
        earned=0,
        deducted=12,
        net=-12,
        categories=["public_order"],
    )
    rating_run(actor=clerk, bank=bank)
    head = Resident.objects.get(household=household, relation="head")
    consent = consent_grant(actor=clerk, household=household, resident=head, partner=PARTNER)
    return {
        R_REGION: {"region": city["village11"].code},
        R_BANK: {"bank_id": bank.pk},
        R_HOUSEHOLD: {"household_id": household.pk},
        R_ENTRY: {"entry_id": entry.pk},
        R_CONSENT: {"consent_id": consent.pk},
    }


def _quarter_kwargs(pair: tuple[int, int]) -> dict[str, int]:
    return {"year": pair[0], "quarter": pair[1]}
