"""Party members' double registration with their home community (在职党员双报到)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from volcity.audit.services import audit_record
from volcity.core.errors import DomainError
from volcity.regions.models import Region
from volcity.registry.choices import PARTY_STATUSES
from volcity.registry.errors import NotAPartyMember
from volcity.registry.models import PartyRegistration, Volunteer


def party_register(
    *, volunteer: Volunteer, community: Region, employer: str, service_post: str, actor: Any
) -> PartyRegistration:
    """The member (or an administrator for them) registers with the community they live in."""
    if volunteer.political_status not in PARTY_STATUSES:
        raise NotAPartyMember(field="political_status")
    errors: dict[str, list[Any]] = {}
    if community.level != Region.Level.VILLAGE:
        errors["community"] = [_("Choose the community or village where you live.")]
    if not employer.strip():
        errors["employer"] = [_("Enter your employer: the report goes to it every quarter.")]
    if not service_post.strip():
        errors["service_post"] = [_("Choose a service post in the community.")]
    if errors:
        raise DomainError(
            _("Some details are missing or wrong; see each field."),
            code="party_registration_invalid",
            fields=errors,
        )
    with transaction.atomic():
        registration, _created = PartyRegistration.objects.update_or_create(
            volunteer=volunteer,
            defaults={
                "community": community,
                "employer": employer.strip()[:80],
                "service_post": service_post.strip()[:60],
                "active": True,
            },
        )
        audit_record(
            "registry.party.registered",
            obj=registration,
            actor=actor,
            region_id=community.code,
            changes={"employer": registration.employer, "post": registration.service_post},
        )
    return registration
