"""Permission-matrix rows of the ledger: the public verification page and API, and an
account's balance and statement for the administrators of its region."""

from __future__ import annotations

from typing import Any

ANON = None
NAMESPACES = {"ledger"}
L = "/api/v1/ledger"
BODIES: dict[str, dict[str, str]] = {}

PAGES: list[tuple[str, str, str, str | None, int]] = [
    ("GET", "ledger:verify", "", ANON, 200),
    ("GET", "ledger:verify", "", "volunteer", 200),
    ("GET", "ledger:statement", "ledger_account", ANON, 302),
    ("GET", "ledger:statement", "ledger_account", "volunteer", 403),
    ("GET", "ledger:statement", "ledger_account", "virtue_clerk", 403),
    ("GET", "ledger:statement", "ledger_account", "village_admin", 200),
    ("GET", "ledger:statement", "ledger_account", "town_admin", 200),
    ("GET", "ledger:statement", "ledger_account", "other_town_admin", 404),
    ("GET", "ledger:statement", "ledger_account", "city_admin", 200),
    ("GET", "ledger:statement", "ledger_city_pool", "city_admin", 404),
]

ACC = f"{L}/accounts/{{account_id}}"
API: list[tuple[str, str, str, str | None, int, dict[str, Any] | None]] = [
    ("GET", f"{L}/verify", "", ANON, 200, None),
    ("GET", f"{L}/verify", "", "volunteer", 200, None),
    ("GET", ACC, "ledger_account", ANON, 401, None),
    ("GET", ACC, "ledger_account", "volunteer", 403, None),
    ("GET", ACC, "ledger_account", "village_admin", 200, None),
    ("GET", ACC, "ledger_account", "other_town_admin", 404, None),
    ("GET", ACC, "ledger_account", "city_admin", 200, None),
    ("GET", ACC, "ledger_city_pool", "city_admin", 404, None),
    ("GET", f"{ACC}/statement", "ledger_account", ANON, 401, None),
    ("GET", f"{ACC}/statement", "ledger_account", "resident", 403, None),
    ("GET", f"{ACC}/statement", "ledger_account", "town_admin", 200, None),
    ("GET", f"{ACC}/statement", "ledger_account", "other_town_admin", 404, None),
    ("GET", f"{ACC}/statement", "ledger_account", "city_admin", 200, None),
]


def objects(people: dict[str, Any], city: dict[str, Any]) -> dict[str, Any]:
    from volcity.ledger.services import account_open, ledger_post

    pool = account_open(
        code="matrix:pool", name="矩阵积分池", unit="points", allow_negative=True
    )  # no region: superusers only
    holder = account_open(
        code="matrix:household:1", name="矩阵农户", unit="points", region=city["village11"]
    )
    ledger_post(key="matrix:award:1", memo="矩阵", kind="award", lines=[(pool, -5), (holder, 5)])
    return {
        "ledger_account": {"account_id": holder.pk},
        "ledger_city_pool": {"account_id": pool.pk},
    }
