"""Forms of the ranking and rating pages. They parse input; the rules are in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volcity.core.forms import DateInput
from volcity.virtue.models import Resident
from volcity.virtue.models_ratings import RatingPolicy
from volcity.virtue.queries_ratings import partners


class PolicyForm(forms.ModelForm):
    class Meta:
        model = RatingPolicy
        fields = ["black_list_threshold", "aaa_min", "aa_min", "a_min", "b_min"]


class RatingRunForm(forms.Form):
    as_of = forms.DateField(label=_("As of"), required=False, widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["as_of"].initial = timezone.localdate()


class PartnerForm(forms.Form):
    partner = forms.ChoiceField(label=_("Partner bank"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = [(p, p) for p in partners()]  # type: ignore[attr-defined]


class ConsentForm(PartnerForm):
    resident = forms.ChoiceField(label=_("Consent given by"))
    evidence = forms.CharField(
        label=_("Evidence (e.g. number of the signed form)"), required=False, max_length=200
    )

    def __init__(self, *args: Any, residents: list[Resident], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["resident"].choices = [(r.pk, r.name) for r in residents]  # type: ignore[attr-defined]
