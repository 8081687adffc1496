"""Forms of the virtue-bank pages. They parse input; the rules are in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volcity.core.forms import DateInput
from volcity.virtue.models import DeedItem, Resident, VirtueBank


class DeedForm(forms.Form):
    household = forms.CharField(label=_("Household number"), max_length=20)
    item_code = forms.ChoiceField(label=_("Deed"))
    quantity = forms.IntegerField(label=_("Times or hours"), min_value=1, max_value=24, initial=1)
    occurred_on = forms.DateField(label=_("Date of the deed"), widget=DateInput())
    description = forms.CharField(
        label=_("What happened"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, items: list[DeedItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item_code"].choices = [  # type: ignore[attr-defined]
            (i.code, f"{i.name} ({i.points:+d}{'/h' if i.unit == 'hour' else ''})") for i in items
        ]
        self.fields["occurred_on"].initial = timezone.localdate()
        self.fields["household"].widget.attrs.update(
            {"inputmode": "numeric", "autocomplete": "off", "data-testid": "deed-household"}
        )
        self.fields["item_code"].widget.attrs["data-testid"] = "deed-item"
        self.fields["occurred_on"].widget.attrs["data-testid"] = "deed-date"
        self.fields["description"].widget.attrs["data-testid"] = "deed-description"


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Reject"))], label=_("Decision")
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000)


class ResolveForm(forms.Form):
    uphold = forms.ChoiceField(
        choices=[
            ("dismiss", _("Dismiss: the deed stands")),
            ("uphold", _("Uphold: reject the deed")),
        ],
        label=_("Decision"),
    )
    reason = forms.CharField(label=_("Reason"), max_length=2000)


class HouseholdForm(forms.Form):
    number = forms.CharField(label=_("Household number"), max_length=20)
    head_name = forms.CharField(label=_("Head of household"), max_length=60)
    address = forms.CharField(label=_("Address"), max_length=120, required=False)


class ResidentForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=60)
    relation = forms.ChoiceField(label=_("Relation to the head"), choices=Resident.Relation.choices)
    birth_year = forms.IntegerField(label=_("Year of birth"), required=False)
    phone = forms.CharField(
        label=_("Login phone (optional)"),
        required=False,
        max_length=11,
        help_text=_("The member's account, so they can see the household's statement."),
    )


class ItemForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Deed"), max_length=60)
    category = forms.ChoiceField(label=_("Category"), choices=DeedItem.Category.choices)
    points = forms.IntegerField(label=_("Points"), min_value=-1000, max_value=1000)
    unit = forms.ChoiceField(label=_("Counted"), choices=DeedItem.Unit.choices)
    limit_count = forms.IntegerField(label=_("At most"), required=False, min_value=1)
    limit_period = forms.ChoiceField(label=_("Per"), choices=DeedItem.Period.choices)
    sort = forms.IntegerField(label=_("Order"), required=False, min_value=0, initial=0)


class PublishForm(forms.Form):
    effective_from = forms.DateField(label=_("In force from"), widget=DateInput())


class BankForm(forms.ModelForm):
    class Meta:
        model = VirtueBank
        fields = [
            "name",
            "approvals_required",
            "notice_days",
            "base_allotment",
            "person_accounts",
            "ranking_top_n",
            "active",
        ]
