"""Forms of the campaign pages: opening a campaign, answering an invitation, sending people."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from volcity.activities.models import Campaign
from volcity.activities.services.campaigns import (
    ShiftSpec,
    SiteIn,
    shifts_parse,
    sites_parse,
)
from volcity.core.errors import DomainError

SITES_HELP = _(
    "One site a line: name | address | latitude,longitude | capacity per shift. "
    "Example: 第一中学 | 青州市云门山街道范公亭西路1号 | 36.6850,118.4790 | 20"
)
SHIFTS_HELP = _("One shift a line, the same at every site: 2026-12-01 08:00-12:00")


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("Campaign name"), max_length=80)
    kind = forms.ChoiceField(label=_("Kind"), choices=Campaign.Kind.choices)
    region = forms.ChoiceField(label=_("Region"))
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    sites = forms.CharField(
        label=_("Sites"), help_text=SITES_HELP, widget=forms.Textarea(attrs={"rows": 6})
    )
    shifts = forms.CharField(
        label=_("Shift times"), help_text=SHIFTS_HELP, widget=forms.Textarea(attrs={"rows": 3})
    )
    team_ids = forms.TypedMultipleChoiceField(
        label=_("Invited teams"), coerce=int, widget=forms.SelectMultiple(attrs={"size": 8})
    )
    host_team_id = forms.TypedChoiceField(
        label=_("Organising team of the sites"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Empty: the first invited team."),
    )

    def __init__(
        self,
        *args: Any,
        regions: list[tuple[str, str]],
        teams: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["region"]).choices = regions
        cast(forms.ChoiceField, self.fields["team_ids"]).choices = teams
        cast(forms.ChoiceField, self.fields["host_team_id"]).choices = [("", "—"), *teams]

    def clean_sites(self) -> list[SiteIn]:
        try:
            return sites_parse(self.cleaned_data["sites"])
        except DomainError as exc:
            raise forms.ValidationError([str(m) for m in exc.fields.get("sites", [])]) from None

    def clean_shifts(self) -> list[ShiftSpec]:
        try:
            return shifts_parse(self.cleaned_data["shifts"])
        except DomainError as exc:
            raise forms.ValidationError([str(m) for m in exc.fields.get("shifts", [])]) from None


class RespondForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Answer"),
        choices=[("1", _("Take part")), ("0", _("Decline"))],
        coerce=lambda v: v == "1",
    )
    reason = forms.CharField(label=_("Reason (when declining)"), required=False, max_length=200)


class SendForm(forms.Form):
    shift = forms.TypedChoiceField(label=_("Shift"), coerce=int)
    volunteer_ids = forms.TypedMultipleChoiceField(
        label=_("Volunteers"), coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self,
        *args: Any,
        shifts: list[tuple[int, str]],
        members: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["shift"]).choices = shifts
        cast(forms.ChoiceField, self.fields["volunteer_ids"]).choices = members
