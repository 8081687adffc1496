"""Forms of the time-bank pages. They parse input; the rules are in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volcity.core.forms import DateInput
from volcity.timebank.models import FamilyMember, TimeSpend
from volcity.timebank.queries import MemberRow

SELF = "self"


class FamilyForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=40)
    relation = forms.ChoiceField(label=_("Relation to you"), choices=FamilyMember.Relation.choices)
    birth_date = forms.DateField(label=_("Date of birth"), widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["data-testid"] = "family-name"
        self.fields["relation"].widget.attrs["data-testid"] = "family-relation"
        self.fields["birth_date"].widget.attrs["data-testid"] = "family-birth-date"


class SpendForm(forms.Form):
    beneficiary = forms.ChoiceField(label=_("Who receives the service"))
    service = forms.ChoiceField(label=_("Service"), choices=TimeSpend.Service.choices)
    minutes = forms.IntegerField(
        label=_("Minutes of credits"),
        help_text=_("One hour of service costs 60 minutes of credits."),
    )
    service_date = forms.DateField(label=_("Day of the service"), widget=DateInput())
    description = forms.CharField(label=_("Details"), max_length=200, required=False)

    def __init__(self, *args: Any, family: list[MemberRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, Any]] = [(SELF, _("The volunteer"))]
        for row in family:
            label = f"{row.masked_name} · {row.member.get_relation_display()} · {row.age}"
            choices.append((str(row.member.pk), label))
        self.fields["beneficiary"].choices = choices  # type: ignore[attr-defined]
        self.fields["service_date"].initial = timezone.localdate()
        self.fields["minutes"].widget.attrs.update(
            {"inputmode": "numeric", "data-testid": "spend-minutes"}
        )
        self.fields["beneficiary"].widget.attrs["data-testid"] = "spend-beneficiary"
        self.fields["service"].widget.attrs["data-testid"] = "spend-service"
        self.fields["service_date"].widget.attrs["data-testid"] = "spend-date"


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200)
