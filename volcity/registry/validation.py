"""Checking a volunteer's registration data: one function for the page, the API and the import.

``volunteer_clean`` collects every problem at once (a person fixing a form, or a row of a
roster, wants all of them), raising one ``DomainError`` whose ``fields`` name each field.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volcity.core.errors import DomainError
from volcity.core.privacy import IdNumberInfo, parse_id_number, parse_mobile
from volcity.registry.choices import AvailableTime, PoliticalStatus

ADULT_AGE = 18
# Read once: TextChoices.values builds a new list on every call, and a roster has many rows.
AVAILABLE_TIMES = frozenset(AvailableTime.values)
POLITICAL_STATUSES = frozenset(PoliticalStatus.values)


class RegistrationInvalid(DomainError):
    code = "registration_invalid"
    default_message = _("Some details are missing or wrong; see each field.")


@dataclass
class VolunteerIn:
    """What a person (or a roster row) gives to register. Strings as typed."""

    name: str
    id_number: str
    region: str
    phone: str = ""
    skills: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    available_times: list[str] = field(default_factory=list)
    political_status: str = PoliticalStatus.MASSES
    emergency_name: str = ""
    emergency_phone: str = ""
    guardian_name: str = ""
    guardian_phone: str = ""
    guardian_relation: str = ""


@dataclass(frozen=True)
class Lookups:
    """Code → id maps, read once per request or per import, not once per row."""

    villages: dict[str, int] | frozenset[str]
    skills: dict[str, int]
    categories: dict[str, int]

    @classmethod
    def load(cls) -> Lookups:
        from volcity.regions.models import Region
        from volcity.registry.models import ServiceCategory, Skill

        return cls(
            villages=frozenset(
                Region.objects.filter(level=Region.Level.VILLAGE).values_list("code", flat=True)
            ),
            skills=dict(Skill.objects.values_list("code", "id")),
            categories=dict(ServiceCategory.objects.values_list("code", "id")),
        )


@dataclass(frozen=True)
class VolunteerClean:
    name: str
    identity: IdNumberInfo
    region: str
    phone: str | None
    skill_ids: list[int]
    category_ids: list[int]
    available_times: list[str]
    political_status: str
    emergency_name: str
    emergency_phone: str
    guardian_name: str
    guardian_phone: str
    guardian_relation: str

    @property
    def is_minor(self) -> bool:
        return self.identity.age_on(timezone.localdate()) < ADULT_AGE


def _codes(values: Iterable[str], known: dict[str, int]) -> tuple[list[int], list[str]]:
    ids: list[int] = []
    unknown: list[str] = []
    for raw in values:
        code = raw.strip()
        if not code:
            continue
        if code in known:
            if known[code] not in ids:
                ids.append(known[code])
        else:
            unknown.append(code)
    return ids, unknown


def volunteer_clean(
    data: VolunteerIn,
    *,
    lookups: Lookups,
    phone_required: bool,
    today: datetime.date | None = None,
) -> VolunteerClean:
    errors: dict[str, list[Any]] = {}

    def refuse(name: str, message: Any) -> None:
        errors.setdefault(name, []).append(message)

    name = " ".join(data.name.split())
    if not name:
        refuse("name", _("Enter the volunteer's name."))
    elif len(name) > 40:
        refuse("name", _("The name is too long: at most 40 characters."))

    identity: IdNumberInfo | None = None
    if not data.id_number.strip():
        refuse("id_number", _("Enter the ID number: registration is by real name."))
    else:
        try:
            identity = parse_id_number(data.id_number, today=today)
        except DomainError as exc:
            refuse("id_number", exc.message)

    phone: str | None = None
    if data.phone.strip():
        try:
            phone = parse_mobile(data.phone)
        except DomainError as exc:
            refuse("phone", exc.message)
    elif phone_required:
        refuse("phone", _("Enter a mobile number: it is how you sign in and get notices."))

    region = data.region.strip()
    if not region:
        refuse("region", _("Choose the village or community where the volunteer lives."))
    elif region not in lookups.villages:
        refuse("region", _("This is not a village or community of the city."))

    skill_ids, unknown_skills = _codes(data.skills, lookups.skills)
    if unknown_skills:
        refuse("skills", _("Unknown skill: %(codes)s.") % {"codes": ", ".join(unknown_skills)})
    category_ids, unknown_cats = _codes(data.categories, lookups.categories)
    if unknown_cats:
        refuse(
            "categories",
            _("Unknown service category: %(codes)s.") % {"codes": ", ".join(unknown_cats)},
        )
    times = [t.strip() for t in data.available_times if t.strip()]
    bad_times = [t for t in times if t not in AVAILABLE_TIMES]
    if bad_times:
        refuse(
            "available_times",
            _("Unknown available time: %(codes)s.") % {"codes": ", ".join(bad_times)},
        )
    political = data.political_status.strip() or PoliticalStatus.MASSES
    if political not in POLITICAL_STATUSES:
        refuse("political_status", _("Choose a political status from the list."))

    emergency_phone = ""
    if data.emergency_phone.strip():
        try:
            emergency_phone = parse_mobile(data.emergency_phone, field="emergency_phone")
        except DomainError as exc:
            refuse("emergency_phone", exc.message)

    guardian_phone = ""
    if data.guardian_phone.strip():
        try:
            guardian_phone = parse_mobile(data.guardian_phone, field="guardian_phone")
        except DomainError as exc:
            refuse("guardian_phone", exc.message)
    guardian_name = " ".join(data.guardian_name.split())
    if identity is not None and identity.age_on(today or timezone.localdate()) < ADULT_AGE:
        if not guardian_name:
            refuse(
                "guardian_name",
                _("Under 18: enter the guardian's name; their consent is needed first."),
            )
        if not guardian_phone and "guardian_phone" not in errors:
            refuse("guardian_phone", _("Under 18: enter the guardian's mobile number."))
        minimum = settings.VOLCITY_MIN_VOLUNTEER_AGE
        if identity.age_on(today or timezone.localdate()) < minimum:
            refuse(
                "id_number",
                _("Volunteers register from age %(age)d; younger children serve with their family.")
                % {"age": minimum},
            )

    if errors:
        raise RegistrationInvalid(fields=errors)
    assert identity is not None  # noqa: S101 (no error means it parsed)
    return VolunteerClean(
        name=name,
        identity=identity,
        region=region,
        phone=phone,
        skill_ids=skill_ids,
        category_ids=category_ids,
        available_times=times,
        political_status=political,
        emergency_name=" ".join(data.emergency_name.split())[:40],
        emergency_phone=emergency_phone,
        guardian_name=guardian_name[:40],
        guardian_phone=guardian_phone,
        guardian_relation=data.guardian_relation.strip()[:20],
    )
