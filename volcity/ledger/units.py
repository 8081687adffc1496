"""Units: their names in messages and how an amount reads (minutes as hours, fen as yuan)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

ITEM_PREFIX = "item:"
NAMES: dict[str, Any] = {
    "points": _("points"),
    "hour_credits": _("hour credits"),
    "yuan": _("yuan"),
}


def unit_valid(unit: str) -> bool:
    if unit in NAMES:
        return True
    return unit.startswith(ITEM_PREFIX) and 0 < len(unit) - len(ITEM_PREFIX) <= 50


def unit_name(unit: str) -> str:
    if unit.startswith(ITEM_PREFIX):
        return str(_("pieces of %(sku)s") % {"sku": unit[len(ITEM_PREFIX) :]})
    return str(NAMES.get(unit, unit))


def format_amount(unit: str, amount: int) -> str:
    """Hour credits are kept in minutes and shown in hours; yuan are kept in fen."""
    if unit == "hour_credits":
        hours = amount / 60
        return f"{hours:g}" if amount % 6 == 0 else f"{hours:.2f}"
    if unit == "yuan":
        sign = "-" if amount < 0 else ""
        return f"{sign}{abs(amount) // 100}.{abs(amount) % 100:02d}"
    return str(amount)
