"""Schemas of the activities API (brands, projects, activities, shifts) and their filling."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from ninja import Schema
from pydantic import Field

from volcity.activities.models import Activity, Brand, HourTotal, Project
from volcity.activities.queries_activities import ActivityDetail, ShiftView
from volcity.activities.recurrence import ShiftSpec, WeeklyRecurrence
from volcity.activities.services.activities import ActivityIn as ActivityData
from volcity.activities.services.projects import ProjectIn as ProjectData

# ---------------------------------------------------------------- input


class ShiftIn(Schema):
    starts_at: datetime.datetime = Field(description="with its offset, e.g. 2026-12-01T09:00+08:00")
    ends_at: datetime.datetime
    capacity: int

    def to_spec(self) -> ShiftSpec:
        return ShiftSpec(starts_at=self.starts_at, ends_at=self.ends_at, capacity=self.capacity)


class RecurrenceIn(Schema):
    """Weekly: every chosen weekday from ``start`` to ``until`` (inclusive), city time."""

    weekdays: list[int] = Field(description="0 Monday … 6 Sunday")
    start: datetime.date
    until: datetime.date
    start_time: datetime.time
    end_time: datetime.time
    capacity: int

    def to_rule(self) -> WeeklyRecurrence:
        return WeeklyRecurrence(**self.model_dump())


class ActivityIn(Schema):
    title: str
    team: int = Field(description="id of the organising team")
    region: str = Field(description="12-digit code of the region where it takes place")
    address: str
    latitude: Decimal
    longitude: Decimal
    description: str = ""
    project: int | None = None
    category: str = Field(default="", description="service category code")
    audience_region: str = Field(
        default="", description="open only to residents of this region; empty: the whole city"
    )
    required_skills: list[str] = Field(default_factory=list, description="skill codes")
    min_age: int | None = None
    max_age: int | None = None
    max_party_size: int = 1
    risk_disclosure: str = ""
    insured: bool = False
    contact_phone: str = ""
    checkin_radius_m: int | None = None
    shifts: list[ShiftIn] = Field(default_factory=list, description="shifts to add")
    recurrence: RecurrenceIn | None = Field(default=None, description="or repeat weekly")

    def to_data(self) -> ActivityData:
        values: dict[str, Any] = self.model_dump(exclude={"shifts", "recurrence"})
        return ActivityData(
            **values,
            shifts=[s.to_spec() for s in self.shifts],
            recurrence=self.recurrence.to_rule() if self.recurrence else None,
        )


class ReasonIn(Schema):
    reason: str


class RecruitingIn(Schema):
    open: bool


class ProjectIn(Schema):
    name: str
    team: int
    brand: str = Field(default="", description="brand code (GET /brands)")
    region: str = Field(default="", description="empty: the team's region")
    category: str = ""
    description: str = ""
    goals: str = ""
    goal_people: int = 0

    def to_data(self) -> ProjectData:
        return ProjectData(**self.model_dump())


# ---------------------------------------------------------------- output


class BrandOut(Schema):
    code: str
    name: str
    name_en: str
    description: str


class HoursOut(Schema):
    minutes_approved: int
    records_approved: int
    minutes_pending: int
    records_pending: int


class ProjectOut(Schema):
    id: int
    name: str
    brand: str | None
    team: int
    team_name: str
    region: str
    region_name: str
    category: str | None
    status: str
    description: str
    goals: str
    goal_people: int
    people_helped: int
    wishes_fulfilled: int
    hours: HoursOut


class ProjectPage(Schema):
    items: list[ProjectOut]
    next: str | None


class ShiftOut(Schema):
    id: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    capacity: int
    seats_taken: int
    seats_left: int
    seats_waiting: int
    cancelled: bool


class ActivityBrief(Schema):
    id: int
    title: str
    status: str
    recruiting: bool
    team: int
    team_name: str
    region: str
    region_name: str
    address: str
    next_start: datetime.datetime | None
    seats_left: int


class ActivityPage(Schema):
    items: list[ActivityBrief]
    next: str | None


class ActivityOut(Schema):
    id: int
    title: str
    description: str
    status: str
    recruiting: bool
    team: int
    team_name: str
    project: int | None
    category: str | None
    region: str
    region_name: str
    address: str
    latitude: Decimal
    longitude: Decimal
    audience_region: str | None
    required_skills: list[str]
    min_age: int | None
    max_age: int | None
    max_party_size: int
    risk_disclosure: str
    insured: bool
    contact_phone: str
    recurrence: dict[str, Any]
    shifts: list[ShiftOut]


# ---------------------------------------------------------------- filling


def brand_out(brand: Brand) -> BrandOut:
    return BrandOut(
        code=brand.code, name=brand.name, name_en=brand.name_en, description=brand.description
    )


def hours_out(total: HourTotal | None) -> HoursOut:
    if total is None:
        return HoursOut(
            minutes_approved=0, records_approved=0, minutes_pending=0, records_pending=0
        )
    return HoursOut(
        minutes_approved=total.minutes_approved,
        records_approved=total.records_approved,
        minutes_pending=total.minutes_pending,
        records_pending=total.records_pending,
    )


def project_out(project: Project, total: HourTotal | None) -> ProjectOut:
    """``project`` with brand, team, region and category selected."""
    return ProjectOut(
        id=project.pk,
        name=project.name,
        brand=project.brand.code if project.brand else None,
        team=project.team_id,
        team_name=project.team.name,
        region=project.region_id,
        region_name=project.region.name,
        category=project.category.code if project.category else None,
        status=project.status,
        description=project.description,
        goals=project.goals,
        goal_people=project.goal_people,
        people_helped=project.people_helped,
        wishes_fulfilled=project.wishes_fulfilled,
        hours=hours_out(total),
    )


def activity_brief(activity: Activity) -> ActivityBrief:
    """``activity`` annotated by ``with_next_shift``, team and region selected."""
    return ActivityBrief(
        id=activity.pk,
        title=activity.title,
        status=activity.status,
        recruiting=activity.recruiting,
        team=activity.team_id,
        team_name=activity.team.name,
        region=activity.region_id,
        region_name=activity.region.name,
        address=activity.address,
        next_start=getattr(activity, "next_start", None),
        seats_left=getattr(activity, "seats_left", 0) or 0,
    )


def shift_out(s: ShiftView) -> ShiftOut:
    return ShiftOut(
        id=s.id,
        starts_at=s.starts_at,
        ends_at=s.ends_at,
        capacity=s.capacity,
        seats_taken=s.seats_taken,
        seats_left=s.seats_left,
        seats_waiting=s.seats_waiting,
        cancelled=s.cancelled,
    )


def activity_out(detail: ActivityDetail) -> ActivityOut:
    a = detail.activity
    return ActivityOut(
        id=a.pk,
        title=a.title,
        description=a.description,
        status=a.status,
        recruiting=a.recruiting,
        team=a.team_id,
        team_name=a.team.name,
        project=a.project_id,
        category=a.category.code if a.category else None,
        region=a.region_id,
        region_name=a.region.name,
        address=a.address,
        latitude=a.latitude,
        longitude=a.longitude,
        audience_region=a.audience_region_id,
        required_skills=[s.code for s in detail.skills],
        min_age=a.min_age,
        max_age=a.max_age,
        max_party_size=a.max_party_size,
        risk_disclosure=a.risk_disclosure,
        insured=a.insured,
        contact_phone=a.contact_phone,
        recurrence=a.recurrence or {},
        shifts=[shift_out(s) for s in detail.shifts],
    )
