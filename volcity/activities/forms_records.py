"""Forms of the service-record pages. They parse what was typed; the services decide."""

from __future__ import annotations

import decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from volcity.activities.models import ServiceRecord
from volcity.core.forms import DateInput

DATE = DateInput()


def hours_to_minutes(hours: decimal.Decimal | None) -> int | None:
    """Hours as typed (one decimal) to whole minutes."""
    if hours is None:
        return None
    return int((hours * 60).to_integral_value(rounding=decimal.ROUND_HALF_UP))


class RecordEntryForm(forms.Form):
    """A leader enters a record: the volunteer by number, the team, and what was done."""

    team = forms.TypedChoiceField(label=_("Organising team"), coerce=int)
    volunteer = forms.CharField(label=_("Volunteer number"), max_length=16)
    activity = forms.IntegerField(
        label=_("Activity number"),
        required=False,
        min_value=1,
        help_text=_("Optional: the activity the service was part of."),
    )
    shift = forms.IntegerField(
        label=_("Shift number"),
        required=False,
        min_value=1,
        help_text=_("Optional: the hours may not be longer than the shift."),
    )
    title = forms.CharField(label=_("Activity name"), max_length=80, required=False)
    served_on = forms.DateField(label=_("Date of service"), widget=DATE)
    hours = forms.DecimalField(
        label=_("Hours served"), max_digits=4, decimal_places=1, min_value=decimal.Decimal("0")
    )
    place = forms.CharField(label=_("Place"), max_length=120, required=False)
    content = forms.CharField(
        label=_("What was done"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, teams: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["team"]).choices = teams


class CorrectionForm(forms.Form):
    hours = forms.DecimalField(
        label=_("Hours served (corrected)"),
        required=False,
        max_digits=4,
        decimal_places=1,
        min_value=decimal.Decimal("0"),
    )
    served_on = forms.DateField(label=_("Date (corrected)"), required=False, widget=DATE)
    content = forms.CharField(
        label=_("What was done (corrected)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reason = forms.CharField(
        label=_("Why"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class RecordFilterForm(forms.Form):
    STATUSES = [("", _("All")), *ServiceRecord.Status.choices]

    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=STATUSES, initial=ServiceRecord.Status.PENDING
    )
    team = forms.TypedChoiceField(label=_("Team"), required=False, coerce=int, empty_value=None)
    flagged = forms.BooleanField(label=_("Only those that need a look"), required=False)

    def __init__(self, *args: Any, teams: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["team"]).choices = [("", _("All teams")), *teams]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)
