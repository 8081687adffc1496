"""Forms of the registry pages. They parse what was typed; the services decide.

Fields are named as the services name them (``VolunteerIn``, ``TeamIn``), so a ``DomainError``
lands beside the right field. Most fields are optional here on purpose: the service checks
them all at once and says what is wrong with each.
"""

from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from volcity.regions.models import Region
from volcity.registry.choices import AvailableTime, PoliticalStatus, TeamLevel, TeamType
from volcity.registry.models import ServiceCategory, Skill, Team, Volunteer
from volcity.registry.queries import AGE_BANDS
from volcity.registry.validation import VolunteerIn

AGE_BAND_LABELS = {
    "under_18": _("Under 18"),
    "18_35": _("18 to 35"),
    "36_59": _("36 to 59"),
    "60_plus": _("60 and over"),
}
STARS = [(str(n), "★" * n if n else _("No star yet")) for n in range(6)]


def region_choices(
    villages: QuerySet[Region],
) -> tuple[list[tuple[str, str]], list[tuple[str, list[tuple[str, str]]]]]:
    """Towns, and villages grouped by town, from one query over ``villages``."""
    towns: list[tuple[str, str]] = []
    grouped: list[tuple[str, list[tuple[str, str]]]] = []
    rows = villages.filter(level=Region.Level.VILLAGE).order_by("code")
    for code, name, town_code, town_name in rows.values_list(
        "code", "name", "parent_id", "parent__name"
    ):
        if not towns or towns[-1][0] != town_code:
            towns.append((town_code, town_name))
            grouped.append((town_name, []))
        grouped[-1][1].append((code, name))
    return towns, grouped


def villages_of(
    towns: list[tuple[str, str]],
    grouped: list[tuple[str, list[tuple[str, str]]]],
    town: str,
) -> list[tuple[str, list[tuple[str, str]]]]:
    """The village groups to offer: the chosen town's, or all of them."""
    for (code, _name), group in zip(towns, grouped, strict=True):
        if code == town:
            return [group]
    return grouped


def catalogue_choices(model: type[Skill] | type[ServiceCategory]) -> list[tuple[str, str]]:
    return [(c.code, c.label) for c in model.objects.all()]


class VillageSelect(forms.Select):
    """A village select; its options (grouped by town) are set by the form."""


class VolunteerForm(forms.Form):
    """Registration and correction of a volunteer's details, by the person or by staff."""

    name = forms.CharField(label=_("Name"), max_length=60, required=False)
    id_number = forms.CharField(
        label=_("ID number"),
        max_length=24,
        required=False,
        help_text=_("Birth date and sex are read from it. It is never shown in public."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"}),
    )
    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    password = forms.CharField(
        label=_("Password"),
        required=False,
        help_text=_("You sign in with your mobile number or volunteer number and this password."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    town = forms.ChoiceField(label=_("Town or street"), required=False)
    region = forms.CharField(
        label=_("Village or community where you live"), required=False, widget=VillageSelect
    )
    skills = forms.MultipleChoiceField(
        label=_("Skills"), required=False, widget=forms.CheckboxSelectMultiple
    )
    categories = forms.MultipleChoiceField(
        label=_("Services you would like to give"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    available_times = forms.MultipleChoiceField(
        label=_("When you are available"),
        required=False,
        choices=AvailableTime.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    political_status = forms.ChoiceField(
        label=_("Political status"),
        choices=PoliticalStatus.choices,
        initial=PoliticalStatus.MASSES,
        required=False,
    )
    emergency_name = forms.CharField(label=_("Emergency contact"), max_length=40, required=False)
    emergency_phone = forms.CharField(
        label=_("Emergency contact's mobile number"), max_length=20, required=False
    )
    guardian_name = forms.CharField(label=_("Guardian's name"), max_length=40, required=False)
    guardian_phone = forms.CharField(
        label=_("Guardian's mobile number"), max_length=20, required=False
    )
    guardian_relation = forms.CharField(
        label=_("Guardian's relation to you"), max_length=20, required=False
    )

    GUARDIAN_FIELDS = ("guardian_name", "guardian_phone", "guardian_relation")

    def __init__(
        self,
        *args: Any,
        towns: list[tuple[str, str]],
        villages: list[tuple[str, list[tuple[str, str]]]],
        with_password: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if not with_password:
            del self.fields["password"]
        town = cast(forms.ChoiceField, self.fields["town"])
        town.choices = [("", _("Choose a town or street")), *towns]
        # With htmx, choosing a town narrows the village list; without it, the village list
        # holds every village, grouped by town.
        town.widget.attrs.update(
            {
                "hx-get": reverse("registry:villages"),
                "hx-target": "#id_region",
                "hx-swap": "outerHTML",
                "hx-trigger": "change",
            }
        )
        region = self.fields["region"]
        region.widget.choices = [("", _("Choose a village or community")), *villages]
        region.widget.attrs["id"] = "id_region"
        cast(forms.MultipleChoiceField, self.fields["skills"]).choices = catalogue_choices(Skill)
        cast(forms.MultipleChoiceField, self.fields["categories"]).choices = catalogue_choices(
            ServiceCategory
        )

    def main_fields(self) -> list[forms.BoundField]:
        hidden = {"town", "region", *self.GUARDIAN_FIELDS}
        return [f for f in self.visible_fields() if f.name not in hidden]

    def guardian_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.GUARDIAN_FIELDS]

    def guardian_open(self) -> bool:
        return any(self[name].errors or self[name].value() for name in self.GUARDIAN_FIELDS)

    def clean_password(self) -> str:
        """The account's password is checked by the same validators the account service uses,
        so its problems show together with the others."""
        password: str = self.cleaned_data.get("password", "")
        if not password:
            raise forms.ValidationError(_("Choose a password to sign in with."))
        validate_password(password)
        return password

    def volunteer_in(self, *, id_number: str | None = None) -> VolunteerIn:
        d = self.cleaned_data
        return VolunteerIn(
            name=d["name"],
            id_number=id_number if id_number is not None else d["id_number"],
            region=d["region"],
            phone=d["phone"],
            skills=list(d["skills"]),
            categories=list(d["categories"]),
            available_times=list(d["available_times"]),
            political_status=d["political_status"],
            emergency_name=d["emergency_name"],
            emergency_phone=d["emergency_phone"],
            guardian_name=d["guardian_name"],
            guardian_phone=d["guardian_phone"],
            guardian_relation=d["guardian_relation"],
        )


def volunteer_initial(volunteer: Volunteer) -> dict[str, Any]:
    """What the edit form starts with: the volunteer's current details."""
    user = volunteer.user
    return {
        "name": user.display_name,
        "phone": user.phone or "",
        "town": volunteer.region_id[:9].ljust(12, "0"),
        "region": volunteer.region_id,
        "skills": [s.code for s in volunteer.skills.all()],
        "categories": [c.code for c in volunteer.categories.all()],
        "available_times": volunteer.available_times,
        "political_status": volunteer.political_status,
        "emergency_name": volunteer.emergency_name,
        "emergency_phone": volunteer.emergency_phone,
        "guardian_name": volunteer.guardian_name,
        "guardian_phone": volunteer.guardian_phone,
        "guardian_relation": volunteer.guardian_relation,
    }


class VolunteerFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Name, volunteer number or mobile"),
        required=False,
        max_length=60,
        help_text=_("Start of a name, a whole volunteer number, or a whole mobile number."),
    )
    skill = forms.ChoiceField(label=_("Skill"), required=False)
    category = forms.ChoiceField(label=_("Service category"), required=False)
    region = forms.CharField(label=_("Region code"), required=False, max_length=12)
    team = forms.IntegerField(label=_("Team number"), required=False, min_value=1)
    age_band = forms.ChoiceField(
        label=_("Age"),
        required=False,
        choices=[("", _("Any age")), *[(k, AGE_BAND_LABELS[k]) for k in AGE_BANDS]],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status but deleted")), *Volunteer.Status.choices],
    )
    star_level = forms.TypedChoiceField(
        label=_("Star level"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any")), *STARS],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["skill"]).choices = [
            ("", _("Any skill")),
            *catalogue_choices(Skill),
        ]
        cast(forms.ChoiceField, self.fields["category"]).choices = [
            ("", _("Any category")),
            *catalogue_choices(ServiceCategory),
        ]


class TeamFilterForm(forms.Form):
    q = forms.CharField(label=_("Team name"), required=False, max_length=60)
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Any type")), *TeamType.choices]
    )
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("Any level")), *TeamLevel.choices]
    )
    region = forms.ChoiceField(label=_("Region"), required=False)
    category = forms.ChoiceField(label=_("Service category"), required=False)

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Active")), *[c for c in Team.Status.choices if c[0] != "active"]],
    )

    def __init__(
        self,
        *args: Any,
        towns: list[tuple[str, str]] | None = None,
        with_status: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if not with_status:
            del self.fields["status"]
        towns = towns or []
        cast(forms.ChoiceField, self.fields["region"]).choices = [
            ("", _("The whole city")),
            *towns,
        ]
        cast(forms.ChoiceField, self.fields["category"]).choices = [
            ("", _("Any category")),
            *catalogue_choices(ServiceCategory),
        ]


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Team name"), max_length=80, required=False)
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Choose a type")), *TeamType.choices]
    )
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("Choose a level")), *TeamLevel.choices]
    )
    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        help_text=_("A town-level team belongs to a town, a village-level team to a village."),
    )
    parent = forms.TypedChoiceField(
        label=_("Parent team"), required=False, coerce=int, empty_value=None
    )
    categories = forms.MultipleChoiceField(
        label=_("Service categories"), required=False, widget=forms.CheckboxSelectMultiple
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=20, required=False)

    def __init__(
        self,
        *args: Any,
        regions: list[tuple[str, str]],
        parents: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["region"]).choices = [
            ("", _("Choose a region")),
            *regions,
        ]
        cast(forms.ChoiceField, self.fields["parent"]).choices = [
            ("", _("No parent team")),
            *parents,
        ]
        cast(forms.MultipleChoiceField, self.fields["categories"]).choices = catalogue_choices(
            ServiceCategory
        )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("A word to the team leader (optional)"), max_length=200, required=False
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)


class InviteForm(forms.Form):
    number = forms.CharField(label=_("Volunteer number"), max_length=16)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class TransferForm(forms.Form):
    team = forms.IntegerField(label=_("Team number to transfer to"), min_value=1)


class PartyForm(forms.Form):
    community = forms.CharField(
        label=_("Community or village where you live"), required=False, widget=VillageSelect
    )
    employer = forms.CharField(label=_("Employer"), max_length=80, required=False)
    service_post = forms.CharField(
        label=_("Service post"),
        max_length=60,
        required=False,
        help_text=_("For example: neighbourhood patrol, helping older residents, tidy streets."),
    )

    def __init__(
        self, *args: Any, villages: list[tuple[str, list[tuple[str, str]]]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["community"].widget.choices = [
            ("", _("Choose a village or community")),
            *villages,
        ]


class QuarterForm(forms.Form):
    quarter = forms.ChoiceField(label=_("Quarter"), required=False)
    employer = forms.CharField(label=_("Employer"), required=False, max_length=80)

    def __init__(self, *args: Any, today: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        quarters = []
        year, q = today.year, (today.month - 1) // 3 + 1
        for _n in range(8):
            label = _("%(year)d, quarter %(quarter)d") % {"year": year, "quarter": q}
            quarters.append((f"{year}-Q{q}", label))
            year, q = (year, q - 1) if q > 1 else (year - 1, 4)
        cast(forms.ChoiceField, self.fields["quarter"]).choices = quarters
