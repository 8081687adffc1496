"""Family members of a volunteer. Any relative may be registered; one may receive services
paid with the volunteer's credits only when aged 60 or over on the day of the service
(``age_on``). Only the volunteer registers and removes them; a removed member is kept for
the spends that name them, but can no longer be chosen."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from volcity.audit.services import audit_record
from volcity.core.privacy import mask_name
from volcity.registry.models import Volunteer
from volcity.timebank.errors import FamilyInvalid, NotYourFamily, TooManyFamilyMembers
from volcity.timebank.models import FamilyMember

MAX_MEMBERS = 10
ELDER_AGE = 60


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    """Whole years of age on ``day`` (someone born on 29 February turns a year older on
    1 March in common years)."""
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def is_elder_on(member: FamilyMember, day: datetime.date) -> bool:
    return age_on(member.birth_date, day) >= ELDER_AGE


def _own(actor: Any, volunteer: Volunteer) -> None:
    if getattr(actor, "pk", None) is None or volunteer.user_id != actor.pk:
        raise NotYourFamily()


def family_member_add(
    *,
    actor: Any,
    volunteer: Volunteer,
    name: str,
    relation: str,
    birth_date: datetime.date | None,
) -> FamilyMember:
    """The volunteer registers a relative (name, relation, date of birth)."""
    _own(actor, volunteer)
    name = (name or "").strip()
    if not name or len(name) > 40:
        raise FamilyInvalid(field="name")
    if relation not in FamilyMember.Relation.values:
        raise FamilyInvalid(field="relation")
    today = timezone.localdate()
    if birth_date is None or birth_date > today or birth_date.year < 1900:
        raise FamilyInvalid(field="birth_date")
    with transaction.atomic():
        Volunteer.objects.select_for_update().filter(pk=volunteer.pk).first()
        count = FamilyMember.objects.filter(volunteer=volunteer, removed_at__isnull=True).count()
        if count >= MAX_MEMBERS:
            raise TooManyFamilyMembers(
                TooManyFamilyMembers.default_message % {"n": MAX_MEMBERS}, field="name"
            )
        member = FamilyMember.objects.create(
            volunteer=volunteer, name=name, relation=relation, birth_date=birth_date
        )
        audit_record(
            "timebank.family.added",
            obj=member,
            actor=actor,
            region_id=volunteer.region_id,
            changes={"name": mask_name(name), "relation": relation},
        )
    return member


def family_member_remove(*, actor: Any, member: FamilyMember) -> FamilyMember:
    """The volunteer removes a relative; pending spends for them stay until cancelled."""
    volunteer = Volunteer.objects.get(pk=member.volunteer_id)
    _own(actor, volunteer)
    with transaction.atomic():
        locked = FamilyMember.objects.select_for_update().get(pk=member.pk)
        if locked.removed_at is not None:
            return locked
        locked.removed_at = timezone.now()
        locked.save(update_fields=["removed_at"])
        audit_record(
            "timebank.family.removed",
            obj=locked,
            actor=actor,
            region_id=volunteer.region_id,
            changes={"name": mask_name(locked.name)},
        )
    return locked
