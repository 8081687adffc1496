"""Schemas of the registry's JSON API, and the functions that fill them.

Personal data leaves the API only as the viewer may see it:

* ``SELF``: the person themselves. Everything in full except the ID number (always masked).
* ``STAFF``: administrators and team leaders who may see the record. Names in full; phones
  and the ID number masked.
* ``PUBLIC``: a caller who is not signed in (the answer to an anonymous registration). Names,
  phones and the ID number masked.
"""

from __future__ import annotations

import datetime
from enum import Enum
from typing import Any

from django.utils import timezone
from ninja import Schema
from pydantic import Field

from volcity.core.privacy import mask_name, mask_phone
from volcity.registry.choices import PoliticalStatus
from volcity.registry.models import Membership, PartyRegistration, Team, Volunteer
from volcity.registry.services import TeamIn as TeamData
from volcity.registry.validation import VolunteerIn as VolunteerData


class Viewer(Enum):
    SELF = "self"
    STAFF = "staff"
    PUBLIC = "public"


# ---------------------------------------------------------------- input


class VolunteerIn(Schema):
    """A volunteer's details as typed. The ID number is checked (GB 11643) and never changes
    after registration."""

    name: str
    id_number: str
    region: str = Field(description="12-digit code of the village or community of residence")
    phone: str = ""
    skills: list[str] = Field(default_factory=list, description="skill codes (GET /skills)")
    categories: list[str] = Field(
        default_factory=list, description="service category codes (GET /categories)"
    )
    available_times: list[str] = Field(default_factory=list)
    political_status: str = PoliticalStatus.MASSES.value
    emergency_name: str = ""
    emergency_phone: str = ""
    guardian_name: str = ""
    guardian_phone: str = ""
    guardian_relation: str = ""

    def to_data(self) -> VolunteerData:
        values = self.model_dump(include=set(VolunteerIn.model_fields))
        return VolunteerData(**values)


class VolunteerRegisterIn(VolunteerIn):
    myself: bool = Field(
        default=False,
        alias="self",
        description="true: the signed-in caller registers their own account",
    )
    password: str | None = Field(
        default=None,
        description="only without signing in: the password of the new account",
    )


class VolunteerPatchIn(Schema):
    """Only the fields given change. An ID number, if given, must be the registered one."""

    name: str | None = None
    id_number: str | None = None
    region: str | None = None
    phone: str | None = None
    skills: list[str] | None = None
    categories: list[str] | None = None
    available_times: list[str] | None = None
    political_status: str | None = None
    emergency_name: str | None = None
    emergency_phone: str | None = None
    guardian_name: str | None = None
    guardian_phone: str | None = None
    guardian_relation: str | None = None

    def changes(self) -> dict[str, Any]:
        return {k: v for k, v in self.model_dump(exclude_unset=True).items() if v is not None}


class ReasonIn(Schema):
    reason: str


class NoteIn(Schema):
    note: str = ""


class TeamIn(Schema):
    name: str
    type: str
    level: str
    region: str = Field(description="code of the region the team belongs to (same level)")
    parent: int | None = None
    categories: list[str] = Field(default_factory=list)
    description: str = ""
    contact_phone: str = ""

    def to_data(self) -> TeamData:
        return TeamData(**self.model_dump())


class InvitationIn(Schema):
    number: str = Field(description="the volunteer number of the person invited")
    note: str = ""


class TransferIn(Schema):
    team: int = Field(description="id of the team the member moves to")


class LeaderIn(Schema):
    leader: bool = True


class PartyRegistrationIn(Schema):
    community: str = Field(description="12-digit code of the home community or village")
    employer: str
    service_post: str


# ---------------------------------------------------------------- output


class CatalogueOut(Schema):
    code: str
    name: str


class VolunteerOut(Schema):
    id: int
    number: str
    name: str
    id_number: str = Field(description="always masked")
    phone: str = Field(description="masked unless the caller is the person")
    region: str
    region_name: str
    status: str
    skills: list[str]
    categories: list[str]
    available_times: list[str]
    political_status: str
    star_level: int
    age: int | None
    sex: str
    emergency_name: str
    emergency_phone: str
    guardian_name: str
    guardian_phone: str
    guardian_relation: str
    guardian_consent_at: datetime.datetime | None
    registered_at: datetime.datetime


class VolunteerPage(Schema):
    items: list[VolunteerOut]
    next: str | None


class VolunteerBrief(Schema):
    id: int
    number: str
    name: str
    phone: str


class MembershipOut(Schema):
    id: int
    team: int
    team_name: str
    volunteer: VolunteerBrief
    status: str
    is_leader: bool
    note: str
    created_at: datetime.datetime
    joined_at: datetime.datetime | None
    ended_at: datetime.datetime | None
    transferred_to: int | None


class MembershipPage(Schema):
    items: list[MembershipOut]
    next: str | None


class LeaderOut(Schema):
    number: str
    name: str


class TeamOut(Schema):
    id: int
    name: str
    type: str
    level: str
    parent: int | None
    region: str
    region_name: str
    categories: list[str]
    status: str
    description: str
    contact_phone: str
    member_count: int
    created_at: datetime.datetime
    leaders: list[LeaderOut] | None = Field(
        default=None, description="on the detail only; names masked unless you run the team"
    )


class TeamPage(Schema):
    items: list[TeamOut]
    next: str | None


class PartyRegistrationOut(Schema):
    id: int
    volunteer: VolunteerBrief
    community: str
    community_name: str
    employer: str
    service_post: str
    registered_at: datetime.datetime
    active: bool


class PartyRegistrationPage(Schema):
    items: list[PartyRegistrationOut]
    next: str | None


# ---------------------------------------------------------------- filling


def age_on(birth: datetime.date | None, today: datetime.date) -> int | None:
    if birth is None:
        return None
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def _name(name: str, viewer: Viewer) -> str:
    return mask_name(name) if viewer is Viewer.PUBLIC and name else name


def _phone(phone: str | None, viewer: Viewer) -> str:
    if not phone:
        return ""
    return phone if viewer is Viewer.SELF else mask_phone(phone)


def volunteer_out(volunteer: Volunteer, viewer: Viewer) -> VolunteerOut:
    """``volunteer`` with ``user`` and ``region`` selected and ``skills``/``categories``
    prefetched (lists stay at a fixed number of queries)."""
    user = volunteer.user
    return VolunteerOut(
        id=volunteer.pk,
        number=volunteer.number,
        name=_name(user.display_name, viewer),
        id_number=user.id_number_masked,
        phone=_phone(user.phone, viewer),
        region=volunteer.region_id,
        region_name=volunteer.region.name,
        status=volunteer.status,
        skills=[s.code for s in volunteer.skills.all()],
        categories=[c.code for c in volunteer.categories.all()],
        available_times=list(volunteer.available_times or []),
        political_status=volunteer.political_status,
        star_level=volunteer.star_level,
        age=age_on(user.birth_date, timezone.localdate()),
        sex=user.sex,
        emergency_name=_name(volunteer.emergency_name, viewer),
        emergency_phone=_phone(volunteer.emergency_phone, viewer),
        guardian_name=_name(volunteer.guardian_name, viewer),
        guardian_phone=_phone(volunteer.guardian_phone, viewer),
        guardian_relation=volunteer.guardian_relation,
        guardian_consent_at=volunteer.guardian_consent_at,
        registered_at=volunteer.registered_at,
    )


def volunteer_brief(volunteer: Volunteer, viewer: Viewer) -> VolunteerBrief:
    user = volunteer.user
    return VolunteerBrief(
        id=volunteer.pk,
        number=volunteer.number,
        name=_name(user.display_name, viewer),
        phone=_phone(user.phone, viewer),
    )


def viewer_of(actor: Any, volunteer: Volunteer) -> Viewer:
    """Whoever may read a volunteer's record is the person or staff of their scope."""
    return Viewer.SELF if getattr(actor, "pk", None) == volunteer.user_id else Viewer.STAFF


def membership_out(membership: Membership, actor: Any) -> MembershipOut:
    volunteer = membership.volunteer
    return MembershipOut(
        id=membership.pk,
        team=membership.team_id,
        team_name=membership.team.name,
        volunteer=volunteer_brief(volunteer, viewer_of(actor, volunteer)),
        status=membership.status,
        is_leader=membership.is_leader,
        note=membership.note,
        created_at=membership.created_at,
        joined_at=membership.joined_at,
        ended_at=membership.ended_at,
        transferred_to=membership.transferred_to_id,
    )


def team_out(team: Team, leaders: list[LeaderOut] | None = None) -> TeamOut:
    """``team`` with ``region`` selected and ``categories`` prefetched."""
    return TeamOut(
        id=team.pk,
        name=team.name,
        type=team.type,
        level=team.level,
        parent=team.parent_id,
        region=team.region_id,
        region_name=team.region.name,
        categories=[c.code for c in team.categories.all()],
        status=team.status,
        description=team.description,
        contact_phone=team.contact_phone,
        member_count=team.member_count,
        created_at=team.created_at,
        leaders=leaders,
    )


def party_registration_out(registration: PartyRegistration, actor: Any) -> PartyRegistrationOut:
    volunteer = registration.volunteer
    return PartyRegistrationOut(
        id=registration.pk,
        volunteer=volunteer_brief(volunteer, viewer_of(actor, volunteer)),
        community=registration.community_id,
        community_name=registration.community.name,
        employer=registration.employer,
        service_post=registration.service_post,
        registered_at=registration.registered_at,
        active=registration.active,
    )
