"""Making virtue-bank data in tests, through the services (they are the only writers)."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from volcity.accounts.scope import clear_scope_cache
from volcity.virtue.models import CatalogueVersion, DeedClaim, Household, VirtueBank
from volcity.virtue.services import (
    Photo,
    bank_configure,
    catalogue_draft_from,
    catalogue_publish,
    claim_report,
    claim_review,
    deed_item_add,
    household_register,
)

# (code, name, category, points, unit, limit_count, limit_period)
ITEMS: list[tuple[str, str, str, int, str, int | None, str]] = [
    ("filial", "孝老爱亲", "family", 5, "each", None, "none"),
    ("neighbour", "邻里互助", "neighbours", 3, "each", 2, "month"),
    ("clean", "环境卫生", "environment", 2, "each", None, "none"),
    ("volunteer", "志愿服务", "volunteering", 2, "hour", 20, "month"),
    ("litter", "乱扔垃圾", "environment", -2, "each", None, "none"),
    ("fireworks", "违规燃放", "public_order", -5, "each", None, "none"),
]


def png_bytes(size: tuple[int, int] = (4, 3)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 16, 46)).save(out, format="PNG")
    return out.getvalue()


def jpeg_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (20, 120, 46)).save(out, format="JPEG")
    return out.getvalue()


def bank_open(admin: Any, region: Any, **settings: Any) -> VirtueBank:
    return bank_configure(actor=admin, region=region, name=f"{region.name}美德银行", **settings)


def catalogue_publish_items(
    admin: Any,
    bank: VirtueBank,
    *,
    items: list[tuple[str, str, str, int, str, int | None, str]] | None = None,
    effective_from: datetime.date | None = None,
) -> CatalogueVersion:
    draft = catalogue_draft_from(actor=admin, bank=bank)
    for sort, (code, name, category, points, unit, count, period) in enumerate(items or ITEMS):
        deed_item_add(
            actor=admin,
            version=draft,
            code=code,
            name=name,
            category=category,
            points=points,
            unit=unit,
            limit_count=count,
            limit_period=period,
            sort=sort,
        )
    return catalogue_publish(
        actor=admin, version=draft, effective_from=effective_from or timezone.localdate()
    )


@dataclass
class Village:
    """A bank in village 11 with a published catalogue, a clerk, five committee members and
    two households (the demo ``resident`` is not one of them)."""

    bank: VirtueBank
    version: CatalogueVersion
    admin: Any
    clerk: Any
    committee: list[Any]
    households: list[Household]
    people: dict[str, Any] = field(default_factory=dict)


def village(
    people: dict[str, Any],
    city: dict[str, Any],
    make_user: Callable[..., Any],
    *,
    region: str = "village11",
    approvals_required: int = 3,
    notice_days: int = 3,
    person_accounts: bool = False,
    base_allotment: int = 100,
) -> Village:
    admin = people["village_admin"] if region == "village11" else people["city_admin"]
    bank = bank_open(
        admin,
        city[region],
        approvals_required=approvals_required,
        notice_days=notice_days,
        person_accounts=person_accounts,
        base_allotment=base_allotment,
    )
    version = catalogue_publish_items(admin, bank)
    clerk = people["virtue_clerk"] if region == "village11" else make_user("virtue_clerk", region)
    committee = [make_user("virtue_committee", region) for _ in range(5)]
    households = [
        household_register(actor=clerk, bank=bank, number=f"H{n:03d}", head_name=name)
        for n, name in ((1, "王守军"), (2, "李秀英"))
    ]
    clear_scope_cache(clerk)
    return Village(bank, version, admin, clerk, committee, households, people)


def reported(
    v: Village,
    *,
    household: Household | None = None,
    item_code: str = "filial",
    occurred_on: datetime.date | None = None,
    actor: Any = None,
    quantity: int = 1,
    photos: list[Photo] | None = None,
) -> DeedClaim:
    return claim_report(
        actor=actor or v.clerk,
        household=household or v.households[0],
        item_code=item_code,
        occurred_on=occurred_on or timezone.localdate(),
        description="帮助邻居老人挑水",
        photos=photos or [],
        quantity=quantity,
    )


def approved(v: Village, claim: DeedClaim, count: int | None = None) -> DeedClaim:
    """Approvals from the committee until the claim is on notice."""
    for member in v.committee[: count or v.bank.approvals_required]:
        claim = claim_review(reviewer=member, claim=claim, approve=True)
    return claim
