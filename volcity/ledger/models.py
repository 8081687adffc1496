"""The ledger: one append-only double-entry engine for everything that is counted.

An ``Account`` counts one unit (points, hour credits in minutes, yuan in fen, pieces of an
item) and keeps its ``balance`` current, changed only under a row lock by ``ledger_post``. A
``LedgerTransaction`` carries a unique idempotency key, a memo and ``Posting`` rows that sum
to zero per unit. Transactions and postings are never updated or deleted (database triggers
refuse it, see the ``append_only`` migration): a mistake is undone by a reversing
transaction. Each transaction's ``hash`` covers its content and the previous transaction's
hash, and ``ChainHead`` holds the end of that chain (docs/ledger.md).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from volcity.regions.models import Region

GENESIS_HASH = "0" * 64


class Unit(models.TextChoices):
    """The units every deployment knows; ``item:<sku>`` (pieces of an item) is open-ended."""

    POINTS = "points", _("points")
    HOUR_CREDITS = "hour_credits", _("hour credits (minutes)")
    YUAN = "yuan", _("yuan (fen)")


class Account(models.Model):
    code = models.CharField(_("code"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=120)
    unit = models.CharField(_("unit"), max_length=60)
    allow_negative = models.BooleanField(_("may go below zero"), default=False)
    balance = models.BigIntegerField(_("balance"), default=0)
    # Like the audit log, the ledger outlives what it names: no database constraint to the
    # region or to the acting user, so history never blocks (nor is changed by) their removal.
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    owner_type = models.CharField(_("owner type"), max_length=60, blank=True)
    owner_id = models.CharField(_("owner id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("opened"), auto_now_add=True)

    class Meta:
        verbose_name = _("ledger account")
        verbose_name_plural = _("ledger accounts")
        constraints = [
            models.CheckConstraint(
                condition=Q(balance__gte=0) | Q(allow_negative=True),
                name="ledger_account_balance_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["region", "id"], name="ledger_account_region"),
            models.Index(fields=["owner_type", "owner_id"], name="ledger_account_owner"),
        ]

    def __str__(self) -> str:
        return self.code


class LedgerTransaction(models.Model):
    key = models.CharField(_("idempotency key"), max_length=120, unique=True)
    memo = models.CharField(_("memo"), max_length=200)
    kind = models.CharField(_("kind"), max_length=40)
    seq = models.BigIntegerField(_("sequence"), unique=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64)
    reverses = models.OneToOneField(
        "self",
        verbose_name=_("reverses"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversed_by",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("when"))

    class Meta:
        verbose_name = _("ledger transaction")
        verbose_name_plural = _("ledger transactions")

    def __str__(self) -> str:
        return f"#{self.seq} {self.kind} {self.memo}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise RuntimeError("Ledger transactions are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise RuntimeError("Ledger transactions are append-only.")


class Posting(models.Model):
    transaction = models.ForeignKey(
        LedgerTransaction,
        verbose_name=_("transaction"),
        on_delete=models.PROTECT,
        related_name="postings",
    )
    account = models.ForeignKey(
        Account,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        related_name="postings",
        db_index=False,  # the (account, id) index below serves it
    )
    amount = models.BigIntegerField(_("amount"))
    unit = models.CharField(_("unit"), max_length=60)
    # The account's balance right after this posting (set under the account's row lock), so a
    # statement shows a running balance from one row, on any page.
    balance_after = models.BigIntegerField(_("balance after"))

    class Meta:
        verbose_name = _("posting")
        verbose_name_plural = _("postings")
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="ledger_posting_amount_not_zero"),
        ]
        indexes = [models.Index(fields=["account", "id"], name="ledger_posting_statement")]

    def __str__(self) -> str:
        return f"{self.account_id} {self.amount:+d} {self.unit}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise RuntimeError("Postings are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise RuntimeError("Postings are append-only.")


class ChainHead(models.Model):
    """One row: the last transaction's sequence number and hash. Locked to append."""

    seq = models.BigIntegerField(_("sequence"), default=0)
    hash = models.CharField(_("hash"), max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("chain head")
        verbose_name_plural = _("chain head")

    def __str__(self) -> str:
        return f"#{self.seq} {self.hash[:12]}"
