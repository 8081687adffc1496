"""Creating accounts and keeping their real-name identity."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from volcity.accounts.errors import (
    DuplicateIdNumber,
    DuplicatePhone,
    DuplicateUsername,
    RevealNotAllowed,
)
from volcity.accounts.models import User
from volcity.accounts.permissions import can_reveal_personal_data
from volcity.audit.services import audit_record
from volcity.core.errors import DomainError
from volcity.core.privacy import decrypt_text, parse_id_number, parse_mobile, seal_id_number
from volcity.regions.models import Region


def user_create(
    *,
    username: str,
    display_name: str,
    phone: str = "",
    password: str | None = None,
    home_region: Region | None = None,
    id_number: str = "",
) -> User:
    """An account. ``password`` None leaves it unusable: such a person signs in by SMS code,
    or is a staff-managed account of someone without a phone."""
    username = username.strip()
    if not username:
        raise DomainError(_("Enter a username."), code="required", field="username")
    display_name = display_name.strip()
    if not display_name:
        raise DomainError(_("Enter the person's name."), code="required", field="display_name")
    mobile = parse_mobile(phone) if phone.strip() else None
    user = User(username=username, display_name=display_name, phone=mobile, home_region=home_region)
    if password is not None:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise DomainError(
                " ".join(str(m) for m in exc.messages), code="password_weak", field="password"
            ) from None
        user.set_password(password)
    else:
        user.set_unusable_password()
    if id_number.strip():
        _apply_id_number(user, id_number)
    with transaction.atomic():
        _check_unique(user)
        try:
            user.save()
        except IntegrityError:
            _check_unique(user)
            raise
        audit_record(
            "accounts.user.created",
            obj=user,
            changes={"username": username, "phone": user.phone and mask(user.phone)},
        )
    return user


def mask(phone: str) -> str:
    from volcity.core.privacy import mask_phone

    return mask_phone(phone)


def _apply_id_number(user: User, raw: str) -> None:
    info = parse_id_number(raw)
    sealed = seal_id_number(info)
    user.id_number_cipher = sealed.ciphertext
    user.id_number_digest = sealed.digest
    user.id_number_masked = sealed.masked
    user.birth_date = info.birth_date
    user.sex = info.sex


def _check_unique(user: User) -> None:
    others = User.objects.exclude(pk=user.pk) if user.pk else User.objects.all()
    if others.filter(username=user.username).exists():
        raise DuplicateUsername(field="username")
    if user.phone and others.filter(phone=user.phone).exists():
        raise DuplicatePhone(field="phone")
    if user.id_number_digest and others.filter(id_number_digest=user.id_number_digest).exists():
        raise DuplicateIdNumber(field="id_number")


def user_set_id_number(*, user: User, raw: str) -> User:
    """Record or correct the person's ID number (validated, encrypted, unique)."""
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        before = locked.id_number_masked
        _apply_id_number(locked, raw)
        _check_unique(locked)
        locked.save(
            update_fields=[
                "id_number_cipher",
                "id_number_digest",
                "id_number_masked",
                "birth_date",
                "sex",
            ]
        )
        for name in (
            "id_number_cipher",
            "id_number_digest",
            "id_number_masked",
            "birth_date",
            "sex",
        ):
            setattr(user, name, getattr(locked, name))
        audit_record(
            "accounts.id_number.set",
            obj=locked,
            changes={"id_number": [before, locked.id_number_masked]},
        )
    return locked


def user_reveal_id_number(*, actor: Any, user: User, reason: str) -> str:
    """The full ID number, for an actor allowed to see it; every reveal is audited."""
    if not can_reveal_personal_data(actor, user):
        raise RevealNotAllowed()
    if not reason.strip():
        raise DomainError(_("Say why you need the full number."), code="required", field="reason")
    if not user.id_number_cipher:
        raise DomainError(
            _("No ID number is recorded for this person."), code="no_id_number", status=404
        )
    with transaction.atomic():
        audit_record(
            "accounts.id_number.revealed",
            obj=user,
            actor=actor,
            changes={"reason": reason.strip()[:200]},
        )
    return decrypt_text(user.id_number_cipher)


def user_set_language(*, user: User, language: str) -> User:
    codes = {code for code, _name in settings.LANGUAGES}
    if language not in codes:
        raise DomainError(_("Choose a language from the list."), code="invalid", field="language")
    if user.language != language:
        with transaction.atomic():
            User.objects.filter(pk=user.pk).update(language=language)
            user.language = language
            audit_record("accounts.language.changed", obj=user, changes={"language": language})
    return user
