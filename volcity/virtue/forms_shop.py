"""Forms of the points shop's pages (the basket itself is read field by field: ``qty_<id>``)."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _


def new_key() -> str:
    """A token for one form: sent back with it, so a double submit is recognised."""
    return uuid.uuid4().hex


class ShopItemForm(forms.Form):
    name = forms.CharField(label=_("Goods"), max_length=60)
    unit_label = forms.CharField(label=_("Unit (袋, 瓶, 条 …)"), max_length=10, initial="件")
    points_price = forms.IntegerField(label=_("Points each"), min_value=1, max_value=100_000)
    low_stock_at = forms.IntegerField(
        label=_("Flag as low at"), min_value=0, max_value=10_000, initial=5
    )
    sort = forms.IntegerField(
        label=_("Order"), min_value=0, max_value=32_000, initial=0, required=False
    )
    active = forms.BooleanField(label=_("On sale"), required=False, initial=True)


class RestockForm(forms.Form):
    quantity = forms.IntegerField(label=_("Pieces in"), min_value=1, max_value=10_000)
    note = forms.CharField(label=_("Note (supplier, donor)"), max_length=80, required=False)
    key = forms.CharField(widget=forms.HiddenInput, max_length=64)


class AdjustForm(forms.Form):
    counted = forms.IntegerField(label=_("Counted on the shelf"), min_value=0, max_value=100_000)
    reason = forms.CharField(label=_("Why it differs"), max_length=120)
    key = forms.CharField(widget=forms.HiddenInput, max_length=64)


class VoidForm(forms.Form):
    reason = forms.CharField(label=_("Why the goods came back"), max_length=200)
