"""What the points shop refuses, each with a stable code."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from volcity.core.errors import Conflict, DomainError


class PointsShort(DomainError):
    code = "points_short"
    status = 409
    default_message = _("The household does not have enough points for these goods.")


class StockShort(DomainError):
    code = "stock_short"
    status = 409
    default_message = _("Not enough of these goods in stock.")


class BasketEmpty(DomainError):
    code = "basket_empty"
    default_message = _("Choose at least one item and how many.")


class InvalidQuantity(DomainError):
    code = "invalid_quantity"
    default_message = _("A quantity is a whole number from 1 to 10,000.")


class ItemInactive(DomainError):
    code = "item_inactive"
    status = 409
    default_message = _("These goods are not on sale.")


class ItemOtherBank(DomainError):
    code = "item_other_bank"
    default_message = _("These goods belong to another village's shop.")


class ShopItemNameTaken(Conflict):
    code = "shop_item_name_taken"
    default_message = _("This shop already has goods with this name.")


class InvalidPrice(DomainError):
    code = "invalid_price"
    default_message = _("A price is a whole number of points from 1 to 100,000.")


class InvalidShopValue(DomainError):
    code = "invalid_shop_value"
    default_message = _("This value is not allowed.")


class InvalidKey(DomainError):
    code = "invalid_key"
    default_message = _(
        "A request key of 8 to 64 letters, digits, '-' or '_' is needed, so a repeated "
        "submission is recognised."
    )


class RedemptionKeyReused(Conflict):
    code = "redemption_key_reused"
    default_message = _(
        "This request key was already used for another redemption; reload the page and try again."
    )


class AlreadyVoided(Conflict):
    code = "already_voided"
    default_message = _("This receipt has already been voided.")


class NoChange(DomainError):
    code = "no_change"
    default_message = _("The count equals the stock; nothing to correct.")


class CodeInvalid(DomainError):
    code = "household_code_invalid"
    default_message = _(
        "This is not a household code of this village. Scan it again or type the household number."
    )
