"""Forms of the activity and project pages. They parse what was typed; the services decide."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volcity.accounts.roles import ADMIN_ROLES, Role
from volcity.accounts.scope import scope_for
from volcity.activities.models import Activity, Brand, Project
from volcity.activities.recurrence import ShiftSpec, WeeklyRecurrence
from volcity.activities.services.activities import ActivityIn
from volcity.activities.services.projects import ProjectIn
from volcity.core.forms import DateInput
from volcity.regions.models import Region
from volcity.regions.queries import region_q
from volcity.registry.models import ServiceCategory, Skill, Team

WEEKDAYS = [
    (0, _("Mon")),
    (1, _("Tue")),
    (2, _("Wed")),
    (3, _("Thu")),
    (4, _("Fri")),
    (5, _("Sat")),
    (6, _("Sun")),
]
DATE = DateInput()
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def teams_run_by(actor: Any) -> list[Team]:
    """Active teams the actor may organise activities for: those they lead, and those of the
    regions they administer."""
    admin = scope_for(actor, ADMIN_ROLES)
    leader = scope_for(actor, [Role.TEAM_LEADER])
    qs = Team.objects.filter(status=Team.Status.ACTIVE).select_related("region")
    if not admin.everything:
        cond = admin.q(region_field="region") if admin.prefixes else None
        mine = qs.filter(pk__in=sorted(leader.team_ids))
        qs = (qs.filter(cond) | mine) if cond is not None else mine
    return list(qs.order_by("region_id", "name")[:2000])


def regions_for(actor: Any, teams: list[Team]) -> list[tuple[str, str]]:
    """Regions the actor may hold an activity in: their administered regions, and their
    teams' regions with everything under them."""
    admin = scope_for(actor, ADMIN_ROLES)
    qs = Region.objects.order_by("code")
    if not admin.everything:
        prefixes = set(admin.prefixes) | {t.region.path for t in teams}
        qs = qs.filter(region_q(prefixes, field="code"))
    return [(r.code, f"{r.code} {r.name}") for r in qs.only("code", "name")[:5000]]


def _set_choices(form: forms.Form, name: str, choices: Any) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)  # noqa: S101
    field.choices = choices


def _choices(model: Any) -> list[tuple[str, str]]:
    return [("", "—")] + [(x.code, x.label) for x in model.objects.order_by("sort", "code")]


class BrowseFilterForm(forms.Form):
    category = forms.ChoiceField(label=_("Kind of service"), required=False)
    region = forms.ChoiceField(label=_("Town or street"), required=False)
    date = forms.DateField(label=_("Day"), required=False, widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "category", _choices(ServiceCategory))
        towns = Region.objects.filter(level=Region.Level.TOWN).order_by("code")
        _set_choices(self, "region", [("", "—")] + [(r.code, r.name) for r in towns])


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=80)
    team = forms.TypedChoiceField(label=_("Organising team"), coerce=int)
    project = forms.TypedChoiceField(
        label=_("Project"), coerce=int, required=False, empty_value=None
    )
    category = forms.ChoiceField(label=_("Service category"), required=False)
    description = forms.CharField(
        label=_("What volunteers will do"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    region = forms.ChoiceField(label=_("Where (region)"))
    address = forms.CharField(label=_("Address"), max_length=120)
    latitude = forms.DecimalField(label=_("Latitude"), max_digits=9, decimal_places=6)
    longitude = forms.DecimalField(label=_("Longitude"), max_digits=9, decimal_places=6)
    audience_region = forms.ChoiceField(
        label=_("Open to residents of"),
        required=False,
        help_text=_("Leave empty to open it to the whole city."),
    )
    required_skills = forms.MultipleChoiceField(
        label=_("Required skills"), required=False, widget=forms.CheckboxSelectMultiple
    )
    min_age = forms.IntegerField(label=_("Minimum age"), required=False)
    max_age = forms.IntegerField(label=_("Maximum age"), required=False)
    max_party_size = forms.IntegerField(
        label=_("Largest party per sign-up"),
        initial=1,
        help_text=_("More than 1 allows family service."),
    )
    risk_disclosure = forms.CharField(
        label=_("Risks"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Describe the risks volunteers face; a risky activity needs insurance."),
    )
    insured = forms.BooleanField(label=_("Accident insurance is in place"), required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=20, required=False)
    shifts = forms.CharField(
        label=_("Shifts to add, one a line"),
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "2026-12-05 09:00-11:30 10"}),
        required=False,
        help_text=_("Date, start-end time and seats, e.g. 2026-12-05 09:00-11:30 10."),
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Or repeat weekly on"),
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    start = forms.DateField(label=_("First date"), required=False, widget=DATE)
    until = forms.DateField(label=_("Last date"), required=False, widget=DATE)
    start_time = forms.TimeField(label=_("Each shift starts at"), required=False, widget=TIME)
    end_time = forms.TimeField(label=_("Each shift ends at"), required=False, widget=TIME)
    capacity = forms.IntegerField(label=_("Seats in each repeated shift"), required=False)

    def __init__(self, *args: Any, actor: Any, activity: Activity | None = None, **kw: Any):
        super().__init__(*args, **kw)
        teams = teams_run_by(actor)
        if activity is not None and all(t.pk != activity.team_id for t in teams):
            teams.append(activity.team)
        _set_choices(self, "team", [(t.pk, t.name) for t in teams])
        if activity is not None:
            self.fields["team"].disabled = True
        projects = Project.objects.filter(
            team_id__in=[t.pk for t in teams], status=Project.Status.ACTIVE
        ).order_by("name")
        _set_choices(self, "project", [("", "—")] + [(p.pk, p.name) for p in projects[:2000]])
        _set_choices(self, "category", _choices(ServiceCategory))
        _set_choices(
            self,
            "required_skills",
            [(s.code, s.label) for s in Skill.objects.order_by("sort", "code")],
        )
        regions = regions_for(actor, teams)
        _set_choices(self, "region", regions)
        _set_choices(
            self,
            "audience_region",
            (
                [("", "—")]
                + [
                    (r.code, r.name)
                    for r in Region.objects.filter(level__lte=Region.Level.TOWN).order_by("code")
                ]
                + [c for c in regions if c[0][9:] != "000"]
            ),
        )

    @staticmethod
    def initial_for(activity: Activity) -> dict[str, Any]:
        return {
            "title": activity.title,
            "team": activity.team_id,
            "project": activity.project_id,
            "category": activity.category.code if activity.category else "",
            "description": activity.description,
            "region": activity.region_id,
            "address": activity.address,
            "latitude": activity.latitude,
            "longitude": activity.longitude,
            "audience_region": activity.audience_region_id or "",
            "required_skills": [s.code for s in activity.required_skills.all()],
            "min_age": activity.min_age,
            "max_age": activity.max_age,
            "max_party_size": activity.max_party_size,
            "risk_disclosure": activity.risk_disclosure,
            "insured": activity.insured,
            "contact_phone": activity.contact_phone,
        }

    def _shift_lines(self) -> list[ShiftSpec]:
        specs = []
        tz = timezone.get_current_timezone()
        for n, line in enumerate(self.cleaned_data.get("shifts", "").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                day, hours, seats = line.split()
                begin, end = hours.split("-")
                date = datetime.date.fromisoformat(day)
                specs.append(
                    ShiftSpec(
                        starts_at=timezone.make_aware(
                            datetime.datetime.combine(date, datetime.time.fromisoformat(begin)), tz
                        ),
                        ends_at=timezone.make_aware(
                            datetime.datetime.combine(date, datetime.time.fromisoformat(end)), tz
                        ),
                        capacity=int(seats),
                    )
                )
            except ValueError:
                self.add_error(
                    "shifts",
                    _("Line %(n)s is not like 2026-12-05 09:00-11:30 10.") % {"n": n},
                )
        return specs

    def _recurrence(self) -> WeeklyRecurrence | None:
        d = self.cleaned_data
        keys = ("weekdays", "start", "until", "start_time", "end_time", "capacity")
        if not any(d.get(k) for k in keys):
            return None
        return WeeklyRecurrence(
            weekdays=list(d.get("weekdays") or []),
            start=d.get("start"),
            until=d.get("until"),
            start_time=d.get("start_time"),
            end_time=d.get("end_time"),
            capacity=d.get("capacity") or 0,
        )

    def to_data(self) -> ActivityIn | None:
        """The typed activity, or None when a shift line could not be read (errors added)."""
        shifts = self._shift_lines()
        if self.errors:
            return None
        d = self.cleaned_data
        return ActivityIn(
            title=d["title"],
            team=d["team"],
            region=d["region"],
            address=d["address"],
            latitude=d["latitude"],
            longitude=d["longitude"],
            description=d["description"],
            project=d.get("project"),
            category=d["category"],
            audience_region=d["audience_region"],
            required_skills=list(d["required_skills"]),
            min_age=d["min_age"],
            max_age=d["max_age"],
            max_party_size=d["max_party_size"],
            risk_disclosure=d["risk_disclosure"],
            insured=d["insured"],
            contact_phone=d["contact_phone"],
            shifts=shifts,
            recurrence=self._recurrence(),
        )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200)


class ProjectForm(forms.Form):
    name = forms.CharField(label=_("Project name"), max_length=80)
    team = forms.TypedChoiceField(label=_("Owning team"), coerce=int)
    brand = forms.ChoiceField(label=_("Brand"), required=False)
    category = forms.ChoiceField(label=_("Service category"), required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    goals = forms.CharField(
        label=_("Goals"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    goal_people = forms.IntegerField(label=_("People to help (goal)"), min_value=0, initial=0)

    def __init__(self, *args: Any, actor: Any, **kw: Any):
        super().__init__(*args, **kw)
        _set_choices(self, "team", [(t.pk, t.name) for t in teams_run_by(actor)])
        _set_choices(self, "brand", _choices(Brand))
        _set_choices(self, "category", _choices(ServiceCategory))

    def to_data(self) -> ProjectIn:
        d = self.cleaned_data
        return ProjectIn(
            name=d["name"],
            team=d["team"],
            brand=d["brand"],
            category=d["category"],
            description=d["description"],
            goals=d["goals"],
            goal_people=d["goal_people"],
        )
