"""Party members' double registration with their home community; skills and categories."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from volcity.accounts.permissions import is_admin
from volcity.core.api_auth import api_user
from volcity.core.errors import NotFound, PermissionDenied
from volcity.core.pagination import keyset_page
from volcity.regions.models import Region
from volcity.registry.api._common import own_volunteer
from volcity.registry.models import PartyRegistration, ServiceCategory, Skill
from volcity.registry.queries import party_registrations_for
from volcity.registry.schemas import (
    CatalogueOut,
    PartyRegistrationIn,
    PartyRegistrationOut,
    PartyRegistrationPage,
    party_registration_out,
)
from volcity.registry.services import party_register

router = Router(tags=["registry"])


@router.post("/party-registration", response=PartyRegistrationOut)
def party_register_api(request: HttpRequest, payload: PartyRegistrationIn) -> PartyRegistrationOut:
    """The caller, a Party member, registers with the community where they live and picks a
    service post. Registering again updates the registration."""
    actor = api_user(request)
    volunteer = own_volunteer(actor)
    community = Region.objects.filter(pk=payload.community.strip()).first()
    if community is None:
        raise NotFound(field="community")
    registration = party_register(
        volunteer=volunteer,
        community=community,
        employer=payload.employer,
        service_post=payload.service_post,
        actor=actor,
    )
    fresh = PartyRegistration.objects.select_related("volunteer__user", "community").get(
        pk=registration.pk
    )
    return party_registration_out(fresh, actor)


@router.get("/party-registrations", response=PartyRegistrationPage)
def party_registration_list(
    request: HttpRequest, employer: str = "", after: int | None = None, limit: int = 50
) -> PartyRegistrationPage:
    """Registrations in the administrator's regions, for the quarterly report to employers;
    `employer` narrows to one employer (exact name)."""
    actor = api_user(request)
    if not is_admin(actor):
        raise PermissionDenied()
    qs = party_registrations_for(actor, employer=employer.strip())
    page = keyset_page(qs, after=None if after is None else str(after), limit=limit)
    return PartyRegistrationPage(
        items=[party_registration_out(r, actor) for r in page.items], next=page.next
    )


@router.get("/skills", response=list[CatalogueOut], auth=None)
def skill_list(request: HttpRequest) -> list[CatalogueOut]:
    """Skill codes and names in the request's language (public: the registration form)."""
    return [CatalogueOut(code=s.code, name=s.label) for s in Skill.objects.all()]


@router.get("/categories", response=list[CatalogueOut], auth=None)
def category_list(request: HttpRequest) -> list[CatalogueOut]:
    """Service category codes and names in the request's language (public)."""
    return [CatalogueOut(code=c.code, name=c.label) for c in ServiceCategory.objects.all()]
