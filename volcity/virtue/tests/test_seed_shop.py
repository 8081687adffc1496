"""The points shop's demo data: goods with stock in every demo bank and a few redemptions,
every point and piece a ledger posting."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Sum

from volcity.ledger.models import Account, Posting
from volcity.virtue.models import VirtueBank
from volcity.virtue.models_shop import Redemption, ShopItem

pytestmark = pytest.mark.django_db


def test_every_demo_bank_has_goods_with_stock_and_receipts():
    call_command("seed_demo", scale=0.0005, seed=7, stdout=StringIO(), stderr=StringIO())
    for bank in VirtueBank.objects.all():
        names = set(ShopItem.objects.filter(bank=bank).values_list("name", flat=True))
        assert {"洗衣粉", "食用油", "毛巾", "酱油"} <= names
        assert Redemption.objects.filter(bank=bank).exists()
    assert Redemption.objects.filter(voided_at__isnull=False).exists()
    for item in ShopItem.objects.select_related("stock_account"):
        account = item.stock_account
        assert account is not None and account.balance >= 0
        summed = Posting.objects.filter(account=account).aggregate(s=Sum("amount"))["s"]
        assert account.balance == summed
    for account in Account.objects.filter(code__startswith="virtue:household:"):
        summed = Posting.objects.filter(account=account).aggregate(s=Sum("amount"))["s"] or 0
        assert account.balance == summed >= 0
