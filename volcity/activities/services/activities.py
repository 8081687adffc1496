"""Activities and their shifts: create (shifts listed or repeated weekly), update, publish,
open or close recruitment, cancel (signed-up volunteers are told by SMS), finish; add and
cancel single shifts.

Who: the organising team's leaders and the administrators of the region where the activity
takes place (``can_run_team_work``). Every change is audited; status changes go through
``transition_apply``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from volcity.accounts.roles import ADMIN_ROLES
from volcity.accounts.scope import scope_for
from volcity.accounts.sms import sms_send
from volcity.activities.errors import InsuranceRequired, NotAllowed
from volcity.activities.errors_activities import (
    ActivityClosed,
    ActivityInvalid,
    CapacityBelowTaken,
    NoShifts,
    TooManyShifts,
)
from volcity.activities.models import Activity, Project, Shift, Signup
from volcity.activities.permissions import can_manage_activity, can_run_team_work
from volcity.activities.recurrence import (
    MAX_CAPACITY,
    MAX_SHIFTS,
    ShiftSpec,
    WeeklyRecurrence,
    recurrence_expand,
)
from volcity.audit.services import audit_record
from volcity.core.lifecycle import transition_apply
from volcity.core.models import StatusEvent
from volcity.regions.models import Region
from volcity.registry.models import ServiceCategory, Skill, Team

# Mainland China's extent (with a small margin): a point outside is a typing mistake.
CHINA_LAT = (Decimal("3.8"), Decimal("53.6"))
CHINA_LNG = (Decimal("73.5"), Decimal("135.1"))
MAX_AGE = 120
MAX_PARTY = 10
MAX_SHIFT_HOURS = 24


@dataclass
class ActivityIn:
    """An activity as typed. ``shifts`` and ``recurrence`` add shifts (both may be given)."""

    title: str
    team: int
    region: str
    address: str
    latitude: Decimal | float | str | None
    longitude: Decimal | float | str | None
    description: str = ""
    project: int | None = None
    category: str = ""
    audience_region: str = ""
    required_skills: list[str] = field(default_factory=list)
    min_age: int | None = None
    max_age: int | None = None
    max_party_size: int = 1
    risk_disclosure: str = ""
    insured: bool = False
    contact_phone: str = ""
    checkin_radius_m: int | None = None
    shifts: list[ShiftSpec] = field(default_factory=list)
    recurrence: WeeklyRecurrence | None = None


class _Errors:
    def __init__(self) -> None:
        self.fields: dict[str, list[Any]] = {}

    def __call__(self, name: str, message: Any) -> None:
        self.fields.setdefault(name, []).append(message)

    def raise_if_any(self) -> None:
        if self.fields:
            raise ActivityInvalid(fields=self.fields)


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _coordinates(data: ActivityIn, refuse: _Errors) -> tuple[Decimal | None, Decimal | None]:
    lat, lng = _decimal(data.latitude), _decimal(data.longitude)
    if lat is None:
        refuse("latitude", _("Enter the latitude as a number, e.g. 36.6965."))
    elif not CHINA_LAT[0] <= lat <= CHINA_LAT[1]:
        refuse("latitude", _("The latitude is outside China (3.8 to 53.6 degrees north)."))
    if lng is None:
        refuse("longitude", _("Enter the longitude as a number, e.g. 118.4798."))
    elif not CHINA_LNG[0] <= lng <= CHINA_LNG[1]:
        refuse("longitude", _("The longitude is outside China (73.5 to 135.1 degrees east)."))
    if lat is not None:
        lat = lat.quantize(Decimal("0.000001"))
    if lng is not None:
        lng = lng.quantize(Decimal("0.000001"))
    return lat, lng


def _region_in_scope(actor: Any, region: Region, team: Team | None) -> bool:
    """Administrators work in their regions; a team's leaders within their team's region."""
    if scope_for(actor, ADMIN_ROLES).covers_region(region.code):
        return True
    return (
        team is not None
        and can_run_team_work(actor, team.pk, team.region_id)
        and region.code.startswith(team.region.path)
    )


def shifts_check(
    specs: Iterable[ShiftSpec], refuse: _Errors, *, name: str = "shifts"
) -> list[ShiftSpec]:
    """Each listed shift: ends after it starts, within a day, in the future, sane capacity."""
    now = timezone.now()
    good = []
    for n, spec in enumerate(specs, start=1):
        problems: list[Any] = []
        if spec.starts_at is None or spec.ends_at is None:
            problems.append(_("enter its start and end"))
        else:
            if timezone.is_naive(spec.starts_at) or timezone.is_naive(spec.ends_at):
                problems.append(_("give the times with their time zone"))
            elif spec.ends_at <= spec.starts_at:
                problems.append(_("it must end after it starts"))
            elif spec.ends_at - spec.starts_at > datetime.timedelta(hours=MAX_SHIFT_HOURS):
                problems.append(_("a shift lasts at most 24 hours"))
            elif spec.starts_at <= now:
                problems.append(_("it starts in the past"))
        if not isinstance(spec.capacity, int) or not 1 <= spec.capacity <= MAX_CAPACITY:
            problems.append(
                _("its capacity must be between 1 and %(most)s") % {"most": MAX_CAPACITY}
            )
        for problem in problems:
            refuse(name, _("Shift %(n)s: %(problem)s.") % {"n": n, "problem": problem})
        if not problems:
            good.append(spec)
    return good


def _clean(actor: Any, data: ActivityIn, *, team: Team | None) -> dict[str, Any]:
    """The activity's column values, or ActivityInvalid naming every field at fault."""
    refuse = _Errors()
    title = " ".join((data.title or "").split())
    if not title:
        refuse("title", _("Enter the activity's title."))
    elif len(title) > 80:
        refuse("title", _("The title is too long: at most 80 characters."))
    address = " ".join((data.address or "").split())
    if not address:
        refuse("address", _("Enter the address where volunteers meet."))
    elif len(address) > 120:
        refuse("address", _("The address is too long: at most 120 characters."))
    lat, lng = _coordinates(data, refuse)
    if team is None:
        refuse("team", _("Choose the organising team."))
    elif team.status != Team.Status.ACTIVE:
        refuse("team", _("The team is not active."))
    region = Region.objects.filter(pk=(data.region or "").strip()).first()
    if region is None:
        refuse("region", _("Choose the region where the activity takes place."))
    elif team is not None and not _region_in_scope(actor, region, team):
        refuse("region", _("This region is outside the places you or your team work in."))
    audience = None
    if data.audience_region:
        audience = Region.objects.filter(pk=data.audience_region.strip()).first()
        if audience is None:
            refuse("audience_region", _("Choose a region of the city, or leave it empty."))
    project = None
    if data.project:
        project = Project.objects.filter(pk=data.project).first()
        if project is None:
            refuse("project", _("No such project."))
        elif team is not None and project.team_id != team.pk:
            refuse("project", _("The project belongs to another team."))
        elif project.status != Project.Status.ACTIVE:
            refuse("project", _("The project is closed."))
    category = None
    if data.category:
        category = ServiceCategory.objects.filter(code=data.category).first()
        if category is None:
            refuse("category", _("Choose a service category from the list."))
    skill_codes = [c for c in data.required_skills if c]
    skills = list(Skill.objects.filter(code__in=skill_codes))
    unknown = sorted(set(skill_codes) - {s.code for s in skills})
    if unknown:
        refuse(
            "required_skills",
            _("Unknown skill: %(codes)s.") % {"codes": ", ".join(unknown)},
        )
    for name in ("min_age", "max_age"):
        value = getattr(data, name)
        if value is not None and not 0 <= value <= MAX_AGE:
            refuse(name, _("Enter an age between 0 and %(most)s.") % {"most": MAX_AGE})
    if (
        data.min_age is not None
        and data.max_age is not None
        and 0 <= data.min_age <= MAX_AGE
        and data.max_age < data.min_age
    ):
        refuse("max_age", _("The maximum age is below the minimum age."))
    if not 1 <= (data.max_party_size or 0) <= MAX_PARTY:
        refuse(
            "max_party_size",
            _("A party is 1 to %(most)s people (1: no family members).") % {"most": MAX_PARTY},
        )
    phone = (data.contact_phone or "").strip()
    if len(phone) > 20:
        refuse("contact_phone", _("The contact phone is too long: at most 20 characters."))
    radius = data.checkin_radius_m
    if radius is not None and not 10 <= radius <= 50_000:
        refuse("checkin_radius_m", _("The check-in radius must be 10 to 50,000 metres."))
    refuse.raise_if_any()
    values: dict[str, Any] = {
        "title": title,
        "description": (data.description or "").strip(),
        "region": region,
        "address": address,
        "latitude": lat,
        "longitude": lng,
        "audience_region": audience,
        "project": project,
        "category": category,
        "min_age": data.min_age,
        "max_age": data.max_age,
        "max_party_size": data.max_party_size,
        "risk_disclosure": (data.risk_disclosure or "").strip(),
        "insured": bool(data.insured),
        "contact_phone": phone,
    }
    if radius is not None:
        values["checkin_radius_m"] = radius
    values["_skills"] = skills
    return values


def _new_shifts(data: ActivityIn, *, existing: int = 0) -> list[ShiftSpec]:
    refuse = _Errors()
    specs = shifts_check(data.shifts, refuse)
    refuse.raise_if_any()
    if data.recurrence is not None:
        specs += recurrence_expand(data.recurrence, limit=max(0, MAX_SHIFTS - len(specs)))
        # A repeat made of past dates only is a typing mistake too.
        now = timezone.now()
        if any(s.starts_at <= now for s in specs):
            raise ActivityInvalid(
                fields={"start": [_("The repeat starts in the past: choose a later first date.")]}
            )
    if existing + len(specs) > MAX_SHIFTS:
        raise TooManyShifts(
            _("An activity has at most %(limit)s shifts.") % {"limit": MAX_SHIFTS},
            field="shifts",
        )
    return specs


def _team(team_id: Any) -> Team | None:
    if not team_id:
        return None
    return Team.objects.select_related("region").filter(pk=team_id).first()


def activity_create(*, actor: Any, data: ActivityIn) -> Activity:
    """A draft activity with its shifts, in one transaction."""
    team = _team(data.team)
    values = _clean(actor, data, team=team)
    assert team is not None  # noqa: S101  (_clean refused otherwise)
    if not can_run_team_work(actor, team.pk, values["region"].code):
        raise NotAllowed(field="team")
    specs = _new_shifts(data)
    skills = values.pop("_skills")
    with transaction.atomic():
        activity = Activity.objects.create(
            team=team,
            lead=actor,
            created_by=actor,
            status=Activity.Status.DRAFT,
            recurrence=data.recurrence.as_json() if data.recurrence else {},
            **values,
        )
        activity.required_skills.set(skills)
        Shift.objects.bulk_create(
            [
                Shift(
                    activity=activity, starts_at=s.starts_at, ends_at=s.ends_at, capacity=s.capacity
                )
                for s in specs
            ]
        )
        audit_record(
            "activities.activity.created",
            obj=activity,
            actor=actor,
            changes={"title": activity.title, "team": team.pk, "shifts": len(specs)},
        )
    return activity


def _require_manager(actor: Any, activity: Activity) -> None:
    if not can_manage_activity(actor, activity):
        raise NotAllowed()


def _require_open(activity: Activity) -> None:
    if activity.status in (Activity.Status.CANCELLED, Activity.Status.FINISHED):
        raise ActivityClosed()


def activity_update(*, actor: Any, activity: Activity, data: ActivityIn) -> Activity:
    """Change the details; ``data.shifts`` / ``data.recurrence`` add shifts. The team stays.

    A published activity with risks stays insured (the database refuses it otherwise)."""
    _require_manager(actor, activity)
    _require_open(activity)
    if data.team and int(data.team) != activity.team_id:
        raise ActivityInvalid(
            fields={"team": [_("The organising team of an activity cannot change.")]}
        )
    team = _team(activity.team_id)
    values = _clean(actor, data, team=team)
    if not can_run_team_work(actor, activity.team_id, values["region"].code):
        raise NotAllowed(field="region")
    skills = values.pop("_skills")
    with transaction.atomic():
        locked = Activity.objects.select_for_update().get(pk=activity.pk)
        _require_open(locked)
        if (
            locked.status == Activity.Status.PUBLISHED
            and values["risk_disclosure"]
            and not values["insured"]
        ):
            raise InsuranceRequired(field="insured")
        existing = Shift.objects.filter(activity=locked).count()
        specs = _new_shifts(data, existing=existing)
        changed = {}
        for key, value in values.items():
            old = getattr(locked, key)
            if old != value:
                changed[key] = str(value.pk if hasattr(value, "pk") else value)
            setattr(locked, key, value)
        if data.recurrence is not None:
            locked.recurrence = data.recurrence.as_json()
        locked.save()
        locked.required_skills.set(skills)
        Shift.objects.bulk_create(
            [
                Shift(
                    activity=locked, starts_at=s.starts_at, ends_at=s.ends_at, capacity=s.capacity
                )
                for s in specs
            ]
        )
        audit_record(
            "activities.activity.updated",
            obj=locked,
            actor=actor,
            changes={"fields": changed, "shifts_added": len(specs)},
        )
    return locked


def activity_publish(*, actor: Any, activity: Activity) -> Activity:
    """Open the activity to volunteers: it needs a shift, and insurance when it has risks."""
    _require_manager(actor, activity)
    with transaction.atomic():
        locked = Activity.objects.select_for_update().get(pk=activity.pk)
        if locked.risk_disclosure.strip() and not locked.insured:
            raise InsuranceRequired(field="insured")
        if not Shift.objects.filter(activity=locked, cancelled=False).exists():
            raise NoShifts(field="shifts")
        return transition_apply(locked, "publish", actor=actor)


def activity_finish(*, actor: Any, activity: Activity) -> Activity:
    _require_manager(actor, activity)
    return transition_apply(activity, "finish", actor=actor)


def activity_set_recruiting(*, actor: Any, activity: Activity, open: bool) -> Activity:  # noqa: A002
    """Open or close recruitment (sign-ups) without changing anything else."""
    _require_manager(actor, activity)
    _require_open(activity)
    with transaction.atomic():
        locked = Activity.objects.select_for_update().get(pk=activity.pk)
        if locked.recruiting != open:
            locked.recruiting = open
            locked.save(update_fields=["recruiting"])
            audit_record(
                "activities.activity.recruiting_set",
                obj=locked,
                actor=actor,
                changes={"recruiting": open},
            )
    return locked


def _release_signups(shifts: list[Shift], actor: Any, reason: str) -> list[tuple[str, str]]:
    """Cancel the open sign-ups of these shifts (history kept as status events); return the
    (phone, shift start) of the people to tell."""
    now = timezone.now()
    signups = list(
        Signup.objects.select_for_update()
        .filter(shift__in=shifts, status__in=Signup.ACTIVE)
        .select_related("volunteer__user", "shift")
        .order_by("pk")
    )
    actor_user = actor if getattr(actor, "is_authenticated", False) else None
    StatusEvent.objects.bulk_create(
        [
            StatusEvent(
                object_type=Signup._meta.label_lower,
                object_id=str(s.pk),
                action="remove",
                from_status=s.status,
                to_status=Signup.Status.CANCELLED,
                actor=actor_user,
                reason=reason,
                at=now,
            )
            for s in signups
        ]
    )
    Signup.objects.filter(pk__in=[s.pk for s in signups]).update(
        status=Signup.Status.CANCELLED, cancelled_at=now
    )
    Shift.objects.filter(pk__in=[s.pk for s in shifts]).update(
        cancelled=True, seats_taken=0, seats_waiting=0
    )
    to_tell = []
    for s in signups:
        phone = s.volunteer.user.phone
        if phone:
            when = timezone.localtime(s.shift.starts_at).strftime("%m-%d %H:%M")
            to_tell.append((phone, when))
    return to_tell


def _notify(title: str, reason: str, to_tell: list[tuple[str, str]]) -> None:
    def send() -> None:
        for phone, when in to_tell:
            sms_send(
                phone,
                gettext(
                    "Volunteer City: the activity %(title)s (%(when)s) is cancelled: %(reason)s"
                )
                % {"title": title, "when": when, "reason": reason},
            )

    transaction.on_commit(send)


def activity_cancel(*, actor: Any, activity: Activity, reason: str) -> Activity:
    """Cancel the activity and its coming shifts; everyone signed up gets an SMS after commit."""
    _require_manager(actor, activity)
    reason = (reason or "").strip()
    with transaction.atomic():
        transition_apply(activity, "cancel", actor=actor, reason=reason)
        shifts = list(
            Shift.objects.select_for_update().filter(
                activity=activity, cancelled=False, ends_at__gt=timezone.now()
            )
        )
        to_tell = _release_signups(shifts, actor, reason)
        _notify(activity.title, reason, to_tell)
    return activity


def shift_add(
    *,
    actor: Any,
    activity: Activity,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    capacity: int,
) -> Shift:
    _require_manager(actor, activity)
    _require_open(activity)
    refuse = _Errors()
    shifts_check([ShiftSpec(starts_at, ends_at, capacity)], refuse, name="starts_at")
    if refuse.fields:
        raise ActivityInvalid(fields=refuse.fields)
    with transaction.atomic():
        locked = Activity.objects.select_for_update().get(pk=activity.pk)
        _require_open(locked)
        if Shift.objects.filter(activity=locked).count() >= MAX_SHIFTS:
            raise TooManyShifts(
                _("An activity has at most %(limit)s shifts.") % {"limit": MAX_SHIFTS},
                field="starts_at",
            )
        shift = Shift.objects.create(
            activity=locked, starts_at=starts_at, ends_at=ends_at, capacity=capacity
        )
        audit_record(
            "activities.shift.added",
            obj=shift,
            actor=actor,
            region_id=locked.region_id,
            changes={"activity": locked.pk, "capacity": capacity},
        )
    return shift


def shift_set_capacity(*, actor: Any, shift: Shift, capacity: int) -> Shift:
    """Change a shift's seats; never below the seats already taken."""
    activity = shift.activity
    _require_manager(actor, activity)
    _require_open(activity)
    if not isinstance(capacity, int) or not 1 <= capacity <= MAX_CAPACITY:
        raise ActivityInvalid(
            fields={
                "capacity": [
                    _("The capacity must be between 1 and %(most)s.") % {"most": MAX_CAPACITY}
                ]
            }
        )
    with transaction.atomic():
        locked = Shift.objects.select_for_update().get(pk=shift.pk)
        if capacity < locked.seats_taken:
            raise CapacityBelowTaken(
                _("%(taken)s seats are already taken: the capacity cannot be lower than that.")
                % {"taken": locked.seats_taken},
                field="capacity",
            )
        old = locked.capacity
        locked.capacity = capacity
        locked.save(update_fields=["capacity"])
        audit_record(
            "activities.shift.capacity_set",
            obj=locked,
            actor=actor,
            region_id=activity.region_id,
            changes={"capacity": [old, capacity]},
        )
    return locked


def shift_cancel(*, actor: Any, shift: Shift, reason: str) -> Shift:
    """Cancel one shift; its signed-up volunteers get an SMS after commit."""
    activity = shift.activity
    _require_manager(actor, activity)
    reason = (reason or "").strip()
    if not reason:
        raise ActivityInvalid(fields={"reason": [_("Give a reason for this change.")]})
    with transaction.atomic():
        locked = Shift.objects.select_for_update().get(pk=shift.pk)
        if locked.cancelled:
            return locked
        to_tell = _release_signups([locked], actor, reason)
        locked.refresh_from_db()
        audit_record(
            "activities.shift.cancelled",
            obj=locked,
            actor=actor,
            region_id=activity.region_id,
            changes={"reason": reason, "told": len(to_tell)},
        )
        _notify(activity.title, reason, to_tell)
    return locked
