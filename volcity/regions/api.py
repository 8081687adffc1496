"""Regions are public facts (names and codes of divisions): any signed-in client may read."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from volcity.core.pagination import keyset_page
from volcity.regions.models import Region
from volcity.regions.queries import region_get

router = Router(tags=["regions"])


class RegionOut(Schema):
    code: str
    name: str
    level: int
    kind: str
    parent: str | None
    path: str


class RegionPage(Schema):
    items: list[RegionOut]
    next: str | None


def _out(r: Region) -> RegionOut:
    return RegionOut(
        code=r.code, name=r.name, level=r.level, kind=r.kind, parent=r.parent_id, path=r.path
    )


@router.get("/", response=RegionPage)
def region_list(
    request: HttpRequest,
    parent: str | None = None,
    level: int | None = None,
    after: str | None = None,
    limit: int = 50,
) -> RegionPage:
    qs = Region.objects.all()
    if parent:
        qs = qs.filter(parent_id=parent)
    if level:
        qs = qs.filter(level=level)
    page = keyset_page(qs, key="code", after=after, limit=limit)
    return RegionPage(items=[_out(r) for r in page.items], next=page.next)


@router.get("/{code}", response=RegionOut)
def region_detail(request: HttpRequest, code: str) -> RegionOut:
    return _out(region_get(code))
