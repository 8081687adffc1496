"""Forms of the sign-up pages: signing up, a leader adding a person, a reason."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class SignupForm(forms.Form):
    """What a volunteer confirms when signing up. The party size shows only when the activity
    allows family service; the risk box only when risks are disclosed; the guardian box only
    for a volunteer under 10."""

    party_size = forms.IntegerField(
        label=_("People in your party (you included)"),
        min_value=1,
        initial=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    accept_risk = forms.BooleanField(
        label=_("I have read the risks above and accept them"), required=False
    )
    guardian_present = forms.BooleanField(
        label=_("A guardian will be present with me"), required=False
    )

    def __init__(
        self,
        *args: Any,
        max_party: int = 1,
        risky: bool = False,
        guardian: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if max_party <= 1:
            self.fields["party_size"].widget = forms.HiddenInput()
            self.fields["party_size"].required = False
        else:
            self.fields["party_size"].help_text = _("At most %(max)s.") % {"max": max_party}
            self.fields["party_size"].widget.attrs["max"] = str(max_party)
        if not risky:
            del self.fields["accept_risk"]
        if not guardian:
            del self.fields["guardian_present"]

    def values(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "party_size": d.get("party_size") or 1,
            "accept_risk": bool(d.get("accept_risk")),
            "guardian_present": bool(d.get("guardian_present")),
        }


class RosterAddForm(forms.Form):
    """A leader adds a person by the volunteer number they show."""

    number = forms.CharField(label=_("Volunteer number"), max_length=16)
    party_size = forms.IntegerField(label=_("Party size"), min_value=1, initial=1)
    accept_risk = forms.BooleanField(
        label=_("The person was told the risks and accepts them"), required=False
    )
    guardian_present = forms.BooleanField(label=_("A guardian will be present"), required=False)


class SignupReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)
