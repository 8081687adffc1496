"""Schemas of the order-loop API."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Field, Schema

from volcity.dispatch.services.order_place import OrderIn as OrderData


class OrderIn(Schema):
    item: int
    region: str = Field(description="12-digit code of the village or community")
    address: str
    latitude: Decimal | None = Field(None, description="omit both to use the village's centre")
    longitude: Decimal | None = None
    wanted_from: datetime.datetime
    wanted_until: datetime.datetime
    contact_name: str
    contact_phone: str
    urgency: str = "normal"
    description: str = ""

    def to_data(self) -> OrderData:
        return OrderData(**self.model_dump())


class EventOut(Schema):
    action: str
    from_status: str
    to_status: str
    reason: str
    at: datetime.datetime


class OrderOut(Schema):
    number: str
    item: int
    item_name: str
    category: str
    region: str
    address: str
    latitude: Decimal
    longitude: Decimal
    wanted_from: datetime.datetime
    wanted_until: datetime.datetime
    urgency: str
    description: str
    contact_name: str
    contact_phone: str = Field(description="masked unless the caller may see it in full")
    channel: str
    status: str
    handling_region: str
    assigned_team: int | None
    assigned_volunteer: int | None
    accept_by: datetime.datetime | None
    escalated_at: datetime.datetime | None
    activity: int | None
    report: str
    hours: Decimal | None
    rating: int | None
    comment: str
    needs_follow_up: bool
    created_at: datetime.datetime
    history: list[EventOut] = Field(default_factory=list)


class OrderBrief(Schema):
    number: str
    item_name: str
    region: str
    urgency: str
    status: str
    created_at: datetime.datetime
    accept_by: datetime.datetime | None


class ReasonIn(Schema):
    reason: str


class NoteIn(Schema):
    note: str = ""


class DispatchIn(Schema):
    team: int | None = None
    volunteer: int | None = None


class TakeIn(Schema):
    team: int


class CompleteIn(Schema):
    report: str
    hours: Decimal
    photos: list[str] = Field(default_factory=list, description="base64 JPEG/PNG/WebP, at most 6")
    volunteer: int | None = Field(None, description="the team member who served (team orders)")


class RateIn(Schema):
    rating: int
    comment: str = ""


class ActivityIn(Schema):
    helpers: int = 3


class ItemOut(Schema):
    id: int
    name: str
    description: str


class CategoryOut(Schema):
    id: int
    region: str
    name: str
    active: bool
    items: list[ItemOut]


class CategoryIn(Schema):
    region: str
    name: str
    sort: int = 0


class CategoryPatch(Schema):
    name: str
    sort: int = 0
    active: bool = True


class ItemIn(Schema):
    name: str
    description: str = ""
    skills: list[str] = Field(default_factory=list, description="skill codes")
    teams: list[int] = Field(default_factory=list, description="ids of teams that provide it")
    sort: int = 0
    active: bool = True


class DutyIn(Schema):
    region: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    user: int | None = None
    team: int | None = None
    note: str = ""


class DutyOut(Schema):
    id: int
    region: str
    user: int | None
    team: int | None
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    note: str
