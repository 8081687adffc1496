"""Registering volunteers, correcting their details, guardian consent, deletion."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volcity.accounts.models import User
from volcity.accounts.roles import Role
from volcity.accounts.services import role_assign, user_create
from volcity.audit.services import audit_record
from volcity.core.errors import DomainError
from volcity.core.lifecycle import transition_apply
from volcity.core.privacy import mask_phone
from volcity.core.sequences import sequence_take
from volcity.regions.models import Region
from volcity.registry.errors import AlreadyVolunteer, NotAllowed
from volcity.registry.models import Volunteer
from volcity.registry.permissions import can_manage_volunteers_in
from volcity.registry.validation import Lookups, VolunteerClean, VolunteerIn, volunteer_clean

NUMBER_SEQUENCE = "volunteer_number"


def volunteer_number_format(n: int) -> str:
    """The public volunteer number: the city's code and an 8-digit serial, e.g. 37078100012345."""
    return f"{settings.VOLCITY_CITY_CODE}{n:08d}"


def _status_for(clean: VolunteerClean) -> str:
    return Volunteer.Status.PENDING_CONSENT if clean.is_minor else Volunteer.Status.ACTIVE


def _apply_profile(volunteer: Volunteer, clean: VolunteerClean) -> None:
    volunteer.region_id = clean.region
    volunteer.available_times = clean.available_times
    volunteer.political_status = clean.political_status
    volunteer.emergency_name = clean.emergency_name
    volunteer.emergency_phone = clean.emergency_phone
    volunteer.guardian_name = clean.guardian_name
    volunteer.guardian_phone = clean.guardian_phone
    volunteer.guardian_relation = clean.guardian_relation


def volunteer_register(
    *,
    data: VolunteerIn,
    password: str | None = None,
    account: User | None = None,
    actor: Any = None,
) -> Volunteer:
    """Register a volunteer by real name.

    By the person: ``account`` is their signed-in account (or None, and ``password`` makes a
    new one); a phone is required. By staff (``actor`` an administrator of the region) for
    someone without a phone: no phone or password needed, the account is staff-managed.
    Under 18 the registration waits for guardian consent before it is active.
    """
    by_staff = actor is not None and account is None and password is None
    clean = volunteer_clean(data, lookups=Lookups.load(), phone_required=not by_staff)
    if by_staff and not can_manage_volunteers_in(actor, clean.region):
        raise NotAllowed(_("You may register volunteers only in your own regions."), field="region")
    region = Region.objects.get(pk=clean.region)
    with transaction.atomic():
        number = volunteer_number_format(sequence_take(NUMBER_SEQUENCE))
        if account is not None:
            if Volunteer.objects.filter(user=account).exists():
                raise AlreadyVolunteer()
            user = _attach_identity(account, clean, region)
        else:
            # The volunteer number is also the account's username.
            user = user_create(
                username=number,
                display_name=clean.name,
                phone=clean.phone or "",
                password=password,
                home_region=region,
                id_number=clean.identity.number,
            )
        volunteer = Volunteer(
            user=user,
            number=number,
            status=_status_for(clean),
            registered_by=actor if by_staff else user,
        )
        _apply_profile(volunteer, clean)
        volunteer.save()
        volunteer.skills.set(clean.skill_ids)
        volunteer.categories.set(clean.category_ids)
        role_assign(user=user, role=Role.VOLUNTEER, region=region, because="registered")
        audit_record(
            "registry.volunteer.registered",
            obj=volunteer,
            actor=actor or user,
            changes={
                "number": number,
                "by_staff": by_staff,
                "status": volunteer.status,
                "phone": mask_phone(clean.phone) if clean.phone else "",
            },
        )
    return volunteer


def _attach_identity(account: User, clean: VolunteerClean, region: Region) -> User:
    """A signed-in account becomes a volunteer: its real-name identity is checked or set."""
    from volcity.accounts.services import user_set_id_number

    if account.id_number_digest:
        from volcity.core.privacy import keyed_hash

        if account.id_number_digest != keyed_hash(clean.identity.number):
            raise DomainError(
                _("This ID number differs from the one already on your account."),
                code="id_number_mismatch",
                field="id_number",
            )
    else:
        account = user_set_id_number(user=account, raw=clean.identity.number)
    changes: dict[str, Any] = {"display_name": clean.name, "home_region": region}
    if clean.phone and clean.phone != account.phone:
        from volcity.accounts.errors import DuplicatePhone

        if User.objects.exclude(pk=account.pk).filter(phone=clean.phone).exists():
            raise DuplicatePhone(field="phone")
        changes["phone"] = clean.phone
    User.objects.filter(pk=account.pk).update(**changes)
    for name, value in changes.items():
        setattr(account, name, value)
    return account


def volunteer_update(*, actor: Any, volunteer: Volunteer, data: VolunteerIn) -> Volunteer:
    """The person corrects their own details, or an administrator of their region does.
    The ID number cannot change here (it is the registration itself)."""
    by_person = actor.pk == volunteer.user_id
    if not by_person and not can_manage_volunteers_in(actor, volunteer.region_id):
        raise NotAllowed()
    clean = volunteer_clean(data, lookups=Lookups.load(), phone_required=bool(volunteer.user.phone))
    if not by_person and not can_manage_volunteers_in(actor, clean.region):
        raise NotAllowed(_("You may move volunteers only within your own regions."), field="region")
    from volcity.core.privacy import keyed_hash

    if volunteer.user.id_number_digest != keyed_hash(clean.identity.number):
        raise DomainError(
            _("The ID number cannot be changed here; ask your administrator."),
            code="id_number_locked",
            field="id_number",
        )
    with transaction.atomic():
        locked = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
        before = {"region": locked.region_id, "political_status": locked.political_status}
        _apply_profile(locked, clean)
        locked.save()
        locked.skills.set(clean.skill_ids)
        locked.categories.set(clean.category_ids)
        user = locked.user
        if clean.phone != user.phone and clean.phone:
            from volcity.accounts.errors import DuplicatePhone

            if User.objects.exclude(pk=user.pk).filter(phone=clean.phone).exists():
                raise DuplicatePhone(field="phone")
        User.objects.filter(pk=user.pk).update(
            display_name=clean.name, phone=clean.phone or user.phone, home_region_id=clean.region
        )
        audit_record(
            "registry.volunteer.updated",
            obj=locked,
            actor=actor,
            changes={
                "before": before,
                "after": {"region": clean.region, "political_status": clean.political_status},
            },
        )
    return locked


def volunteer_record_consent(*, actor: Any, volunteer: Volunteer, note: str = "") -> Volunteer:
    """An administrator records the guardian's consent (seen on paper or in person)."""
    if not can_manage_volunteers_in(actor, volunteer.region_id):
        raise NotAllowed()
    with transaction.atomic():
        Volunteer.objects.filter(pk=volunteer.pk).update(
            guardian_consent_at=timezone.now(), guardian_consent_by=actor
        )
        volunteer.guardian_consent_at = timezone.now()
        volunteer.guardian_consent_by = actor
        transition_apply(
            volunteer,
            "consent",
            actor=actor,
            reason=note,
            extra_fields=["guardian_consent_at", "guardian_consent_by"],
        )
    return volunteer


def volunteer_suspend(*, actor: Any, volunteer: Volunteer, reason: str) -> Volunteer:
    if not can_manage_volunteers_in(actor, volunteer.region_id):
        raise NotAllowed()
    return transition_apply(volunteer, "suspend", actor=actor, reason=reason)


def volunteer_reinstate(*, actor: Any, volunteer: Volunteer) -> Volunteer:
    if not can_manage_volunteers_in(actor, volunteer.region_id):
        raise NotAllowed()
    return transition_apply(volunteer, "reinstate", actor=actor)


ANONYMOUS_NAME = "已注销志愿者"


def volunteer_delete(*, actor: Any, volunteer: Volunteer) -> Volunteer:
    """The person deletes their data. What identifies them is erased; what counts service
    (the volunteer row, its region, memberships, hours) stays, anonymised, for statistics."""
    if actor.pk != volunteer.user_id:
        raise NotAllowed(_("Only the person may delete their own registration."))
    with transaction.atomic():
        locked = Volunteer.objects.select_for_update().select_related("user").get(pk=volunteer.pk)
        user = locked.user
        birth_year = user.birth_date.replace(month=1, day=1) if user.birth_date else None
        user.username = f"deleted-{locked.pk}"
        user.display_name = ANONYMOUS_NAME
        user.phone = None
        user.email = ""
        user.first_name = user.last_name = ""
        user.id_number_cipher = ""
        user.id_number_digest = None
        user.id_number_masked = ""
        user.birth_date = birth_year  # the year alone, for age statistics
        user.is_active = False
        user.set_unusable_password()
        user.save()
        user.api_tokens.all().delete()
        for field in (
            "emergency_name",
            "emergency_phone",
            "guardian_name",
            "guardian_phone",
            "guardian_relation",
        ):
            setattr(locked, field, "")
        locked.available_times = []
        locked.home_latitude = locked.home_longitude = None
        locked.deleted_at = timezone.now()
        locked.skills.clear()
        transition_apply(
            locked,
            "delete",
            actor=actor,
            reason="anonymised at the person's request",
            extra_fields=[
                "emergency_name",
                "emergency_phone",
                "guardian_name",
                "guardian_phone",
                "guardian_relation",
                "available_times",
                "home_latitude",
                "home_longitude",
                "deleted_at",
            ],
        )
    return locked


def volunteer_star_set(*, volunteer_id: int, level: int) -> None:
    """Keep the volunteer's star level as service delivery computes it from approved hours.

    The star is a figure derived there (``activities.services.totals``); the registry stores
    it so that searches filter by it. Never lowered: a star once earned stays.
    """
    Volunteer.objects.filter(pk=volunteer_id, star_level__lt=level).update(star_level=level)
