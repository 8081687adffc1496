"""API: brands, projects, activities and their shifts (mounted at /api/v1/activities)."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from volcity.accounts.scope import scope_for
from volcity.activities.models import HourTotal
from volcity.activities.queries_activities import (
    STAFF,
    ManageFilter,
    OpenFilter,
    activities_open_for,
    activity_detail,
    activity_get_for,
    activity_list_for,
    activity_managed_get,
    brands_all,
    project_get_for,
    project_list_for,
    project_totals,
)
from volcity.activities.queries_activities import (
    hour_totals as _hour_totals,
)
from volcity.activities.schemas_activities import (
    ActivityIn,
    ActivityOut,
    ActivityPage,
    BrandOut,
    ProjectIn,
    ProjectOut,
    ProjectPage,
    ReasonIn,
    RecruitingIn,
    ShiftIn,
    ShiftOut,
    activity_brief,
    activity_out,
    brand_out,
    project_out,
    shift_out,
)
from volcity.activities.services.activities import (
    activity_cancel,
    activity_create,
    activity_publish,
    activity_set_recruiting,
    activity_update,
    shift_add,
)
from volcity.activities.services.projects import project_create
from volcity.core.api_auth import api_user
from volcity.core.errors import PermissionDenied
from volcity.core.pagination import MAX_LIMIT, keyset_page

router = Router(tags=["activities"])


def _out(actor: Any, activity_id: int) -> ActivityOut:
    return activity_out(activity_detail(activity_get_for(actor, activity_id)))


@router.get("/activities", response=ActivityPage)
def activity_list(
    request: HttpRequest,
    manage: bool = False,
    category: str = "",
    region: str = "",
    date: datetime.date | None = None,
    status: str = "",
    team: int | None = None,
    after: int | None = None,
    limit: int = 50,
) -> ActivityPage:
    """Without `manage`: what the caller may sign up for (published, recruiting, a shift to
    come, open to where they live), nearest first. With `manage=1`: the activities of the
    teams the caller leads and the regions they administer, newest first, keyset pages."""
    actor = api_user(request)
    if not manage:
        found = activities_open_for(
            actor,
            OpenFilter(category=category, region=region, date=date),
            limit=max(1, min(limit, MAX_LIMIT)),
        )
        return ActivityPage(items=[activity_brief(a) for a in found], next=None)
    if scope_for(actor, STAFF).empty:
        raise PermissionDenied()
    qs = activity_list_for(actor, ManageFilter(status=status, team=team))
    page = keyset_page(
        qs, after=None if after is None else str(after), limit=limit, descending=True
    )
    return ActivityPage(items=[activity_brief(a) for a in page.items], next=page.next)


@router.post("/activities", response={201: ActivityOut})
def activity_add(request: HttpRequest, payload: ActivityIn) -> Status[ActivityOut]:
    """A draft activity with its shifts (listed, or repeated weekly, at most 200)."""
    actor = api_user(request)
    activity = activity_create(actor=actor, data=payload.to_data())
    return Status(201, _out(actor, activity.pk))


@router.get("/activities/{activity_id}", response=ActivityOut)
def activity_read(request: HttpRequest, activity_id: int) -> ActivityOut:
    return _out(api_user(request), activity_id)


@router.put("/activities/{activity_id}", response=ActivityOut)
def activity_change(request: HttpRequest, activity_id: int, payload: ActivityIn) -> ActivityOut:
    """Replace the details; `shifts` / `recurrence` add shifts (existing ones stay)."""
    actor = api_user(request)
    activity = activity_managed_get(actor, activity_id)
    activity_update(actor=actor, activity=activity, data=payload.to_data())
    return _out(actor, activity_id)


@router.post("/activities/{activity_id}/publish", response=ActivityOut)
def activity_publish_api(request: HttpRequest, activity_id: int) -> ActivityOut:
    actor = api_user(request)
    activity_publish(actor=actor, activity=activity_managed_get(actor, activity_id))
    return _out(actor, activity_id)


@router.post("/activities/{activity_id}/cancel", response=ActivityOut)
def activity_cancel_api(request: HttpRequest, activity_id: int, payload: ReasonIn) -> ActivityOut:
    """Cancel; everyone signed up for a coming shift is told by SMS."""
    actor = api_user(request)
    activity = activity_managed_get(actor, activity_id)
    activity_cancel(actor=actor, activity=activity, reason=payload.reason)
    return _out(actor, activity_id)


@router.post("/activities/{activity_id}/recruiting", response=ActivityOut)
def activity_recruiting_api(
    request: HttpRequest, activity_id: int, payload: RecruitingIn
) -> ActivityOut:
    actor = api_user(request)
    activity = activity_managed_get(actor, activity_id)
    activity_set_recruiting(actor=actor, activity=activity, open=payload.open)
    return _out(actor, activity_id)


@router.post("/activities/{activity_id}/shifts", response={201: ShiftOut})
def activity_shift_add(
    request: HttpRequest, activity_id: int, payload: ShiftIn
) -> Status[ShiftOut]:
    actor = api_user(request)
    activity = activity_managed_get(actor, activity_id)
    shift = shift_add(
        actor=actor,
        activity=activity,
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        capacity=payload.capacity,
    )
    detail = activity_detail(activity)
    return Status(201, shift_out(next(s for s in detail.shifts if s.id == shift.pk)))


@router.get("/projects", response=ProjectPage)
def project_list(
    request: HttpRequest,
    brand: str = "",
    status: str = "",
    after: int | None = None,
    limit: int = 50,
) -> ProjectPage:
    """Active projects of the city (and the closed ones the caller runs), with hour totals."""
    qs = project_list_for(api_user(request), brand=brand, status=status)
    page = keyset_page(qs, after=None if after is None else str(after), limit=limit)
    totals = project_totals(page.items)
    return ProjectPage(items=[project_out(p, totals.get(p.pk)) for p in page.items], next=page.next)


@router.post("/projects", response={201: ProjectOut})
def project_add(request: HttpRequest, payload: ProjectIn) -> Status[ProjectOut]:
    """A project of a team, by its leaders or the region's administrators."""
    actor = api_user(request)
    project = project_create(actor=actor, data=payload.to_data())
    return Status(201, project_out(project_get_for(actor, project.pk), None))


@router.get("/projects/{project_id}", response=ProjectOut)
def project_read(request: HttpRequest, project_id: int) -> ProjectOut:
    project = project_get_for(api_user(request), project_id)
    total = _hour_totals(HourTotal.Kind.PROJECT, [project.pk]).get(project.pk)
    return project_out(project, total)


@router.get("/brands", response=list[BrandOut])
def brand_list(request: HttpRequest) -> list[BrandOut]:
    return [brand_out(b) for b in brands_all()]
