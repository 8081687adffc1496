"""Demo data of the points shop: goods with stock in each demo bank and a few redemptions
(one voided), all through the services, so every point and every piece is a ledger posting."""

from __future__ import annotations

import random
from typing import Any

from volcity.core.errors import DomainError
from volcity.virtue.models import Household, VirtueBank
from volcity.virtue.services.shop import redemption_make, redemption_void
from volcity.virtue.services.shop_stock import shop_item_add, shop_item_restock

# (name, unit, points each, stock, low stock at)
GOODS: list[tuple[str, str, int, int, int]] = [
    ("洗衣粉", "袋", 20, 30, 5),
    ("食用油", "瓶", 50, 12, 3),
    ("毛巾", "条", 10, 40, 5),
    ("酱油", "瓶", 15, 24, 5),
    ("香皂", "块", 8, 3, 5),  # low stock: flagged on the goods page
    ("大米（5 kg）", "袋", 60, 10, 2),
]


def seed_shop(
    bank: VirtueBank, actor: Any, households: list[Household], rng: random.Random
) -> dict[str, int]:
    items = []
    for sort, (name, unit, price, stock, low) in enumerate(GOODS):
        item = shop_item_add(
            actor=actor,
            bank=bank,
            name=name,
            points_price=price,
            unit_label=unit,
            low_stock_at=low,
            sort=sort,
        )
        shop_item_restock(
            actor=actor, item=item, quantity=stock, key=f"seed-restock-{item.pk}", note="村集体采购"
        )
        items.append(item)
    made = []
    for n, household in enumerate(households[:5]):
        basket = [(item, rng.randint(1, 2)) for item in rng.sample(items[:4], 2)]
        try:
            made.append(
                redemption_make(
                    actor=actor, household=household, lines=basket, key=f"seed-{bank.pk}-{n:04d}"
                )
            )
        except DomainError:  # a household without enough points yet: it waits
            continue
    if len(made) >= 2:
        redemption_void(actor=actor, redemption=made[-1], reason="毛巾颜色不合适，退回")
    return {"shop_items": len(items), "redemptions": len(made)}
