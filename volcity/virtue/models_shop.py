"""The points shop (积分超市) of a village's virtue bank.

A ``ShopItem`` is a kind of goods with a points price and its stock, which lives in the ledger
like the points do: four accounts per item, in the unit ``item:vshop-<id>`` (pieces):

* ``virtue:shop:<bank>:item:<id>``: the stock on the shelf (never below zero);
* ``…:supply`` (may go below zero): where restocked goods come from;
* ``…:out``: goods handed out at the counter;
* ``…:adjust`` (may go below zero): count corrections (lost, broken, found).

A ``Redemption`` is one visit to the counter: its receipt number, the household, its lines
(``RedemptionLine``: item, quantity and the points each **copied** at that time, so a later
price change never rewrites a receipt) and the one ledger transaction that moved both the
points (household → the bank's redeemed account) and the goods (stock → out). A void (goods
returned) is a reversing transaction; nothing is ever deleted. No balance is stored here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from volcity.regions.models import Region
from volcity.virtue.models import Household, Resident, VirtueBank


class ShopItem(models.Model):
    bank = models.ForeignKey(
        VirtueBank, verbose_name=_("bank"), on_delete=models.PROTECT, related_name="shop_items"
    )
    name = models.CharField(_("goods"), max_length=60)
    unit_label = models.CharField(
        _("unit"),
        max_length=10,
        default="件",
        help_text=_("How one piece is counted: 袋, 瓶, 条 …"),
    )
    points_price = models.PositiveIntegerField(_("points each"))
    low_stock_at = models.PositiveIntegerField(
        _("low stock at"), default=5, help_text=_("Flag the goods when the stock falls to this.")
    )
    active = models.BooleanField(_("on sale"), default=True)
    sort = models.PositiveSmallIntegerField(_("order"), default=0)
    stock_account = models.ForeignKey(
        "ledger.Account",
        verbose_name=_("stock account"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    supply_account = models.ForeignKey(
        "ledger.Account", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    out_account = models.ForeignKey(
        "ledger.Account", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    adjust_account = models.ForeignKey(
        "ledger.Account", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("shop goods")
        verbose_name_plural = _("shop goods")
        ordering = ["bank", "sort", "id"]
        constraints = [
            models.UniqueConstraint(fields=["bank", "name"], name="virtue_shop_item_name"),
            models.CheckConstraint(
                condition=Q(points_price__gte=1), name="virtue_shop_item_price_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.points_price})"


class Redemption(models.Model):
    bank = models.ForeignKey(
        VirtueBank, verbose_name=_("bank"), on_delete=models.PROTECT, related_name="redemptions"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("village"), on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField(_("receipt number"), max_length=20)
    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="redemptions",
    )
    resident = models.ForeignKey(
        Resident,
        verbose_name=_("collected by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    total_points = models.PositiveIntegerField(_("points"))
    key = models.CharField(_("idempotency key"), max_length=64)
    transaction = models.OneToOneField(
        "ledger.LedgerTransaction",
        verbose_name=_("ledger transaction"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    clerk = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("clerk"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("time"))
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    void_reason = models.CharField(_("why voided"), max_length=200, blank=True)
    void_transaction = models.OneToOneField(
        "ledger.LedgerTransaction",
        verbose_name=_("reversing transaction"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("redemption")
        verbose_name_plural = _("redemptions")
        constraints = [
            models.UniqueConstraint(fields=["bank", "number"], name="virtue_redemption_number"),
            models.UniqueConstraint(fields=["bank", "key"], name="virtue_redemption_key"),
            models.CheckConstraint(
                condition=Q(total_points__gte=1), name="virtue_redemption_points_positive"
            ),
            models.CheckConstraint(
                condition=Q(voided_at__isnull=True) | Q(void_transaction__isnull=False),
                name="virtue_redemption_void_has_transaction",
            ),
        ]
        indexes = [
            models.Index(fields=["region", "id"], name="virtue_redemption_region"),
            models.Index(fields=["household", "id"], name="virtue_redemption_household"),
        ]

    def __str__(self) -> str:
        return self.number


class RedemptionLine(models.Model):
    redemption = models.ForeignKey(
        Redemption, verbose_name=_("redemption"), on_delete=models.PROTECT, related_name="lines"
    )
    item = models.ForeignKey(
        ShopItem, verbose_name=_("goods"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("goods"), max_length=60)
    unit_label = models.CharField(_("unit"), max_length=10)
    quantity = models.PositiveIntegerField(_("quantity"))
    points_each = models.PositiveIntegerField(_("points each"))

    class Meta:
        verbose_name = _("redemption line")
        verbose_name_plural = _("redemption lines")
        ordering = ["redemption", "id"]
        constraints = [
            models.UniqueConstraint(fields=["redemption", "item"], name="virtue_redemption_item"),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="virtue_redemption_qty"),
            models.CheckConstraint(
                condition=Q(points_each__gte=1), name="virtue_redemption_line_points"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ×{self.quantity}"

    @property
    def points(self) -> int:
        return self.quantity * self.points_each
