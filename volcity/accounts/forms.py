"""Forms of the account pages. They parse input; services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from volcity.regions.models import Region


class PasswordLoginForm(forms.Form):
    identifier = forms.CharField(
        label=_("Mobile number or username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class CodeRequestForm(forms.Form):
    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )


class CodeLoginForm(CodeRequestForm):
    code = forms.CharField(
        label=_("Code from the SMS"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=60)


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        indent = "　" * (obj.level - 1)
        return f"{indent}{obj.name}"


class UserCreateForm(forms.Form):
    display_name = forms.CharField(label=_("Name"), max_length=60)
    username = forms.CharField(label=_("Username"), max_length=150)
    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        required=False,
        help_text=_("Leave empty for someone without a phone: staff manage the account."),
    )
    id_number = forms.CharField(label=_("ID number"), max_length=24, required=False)
    home_region = RegionChoiceField(label=_("Home region"), queryset=Region.objects.none())
    password = forms.CharField(
        label=_("Initial password"),
        required=False,
        widget=forms.PasswordInput,
        help_text=_("Leave empty to let the person sign in with an SMS code."),
    )

    def __init__(self, *args: Any, regions: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["home_region"]).queryset = (
            regions if regions is not None else Region.objects.none()
        )


class GrantForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"))
    region = RegionChoiceField(label=_("Region"), queryset=Region.objects.none())
    team = forms.IntegerField(
        label=_("Team number"),
        required=False,
        min_value=1,
        help_text=_("Only for team leaders."),
    )

    def __init__(self, *args: Any, roles: Any = (), regions: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["role"]).choices = [("", _("Choose a role")), *roles]
        cast(forms.ModelChoiceField, self.fields["region"]).queryset = (
            regions if regions is not None else Region.objects.none()
        )


class RevealForm(forms.Form):
    reason = forms.CharField(label=_("Why you need the full number"), max_length=200)


class UserFilterForm(forms.Form):
    q = forms.CharField(label=_("Name, username or mobile"), required=False, max_length=60)
    role = forms.ChoiceField(label=_("Role"), required=False)
    region = forms.CharField(label=_("Region code"), required=False, max_length=12)

    def __init__(self, *args: Any, roles: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["role"]).choices = [("", _("Any role")), *roles]


class RoleRequestForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"))
    region = RegionChoiceField(label=_("Region"), queryset=Region.objects.none())
    note = forms.CharField(label=_("Note for the administrator"), max_length=200, required=False)

    def __init__(self, *args: Any, roles: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["role"]).choices = [("", _("Choose a role")), *roles]
        cast(forms.ModelChoiceField, self.fields["region"]).queryset = Region.objects.order_by(
            "code"
        )


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)
