"""API bearer tokens: created with a name, shown once, stored as a hash, revocable."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volcity.accounts.models import ApiToken, User
from volcity.audit.services import audit_record
from volcity.core.errors import DomainError, NotFound

# ``last_used_at`` is written at most this often per token (the first use always): it tells
# the owner whether a token is in use, which needs no finer grain, and a phone making calls in
# a burst then costs no write (and no commit) per call.
LAST_USED_EVERY = timedelta(minutes=5)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    name = name.strip()
    if not name:
        raise DomainError(_("Give the token a name, such as the app it is for."), field="name")
    key = "vc_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name[:60],
            prefix=key[3:11],
            key_hash=_hash(key),
            expires_at=timezone.now() + timedelta(days=settings.VOLCITY_API_TOKEN_DAYS),
        )
        audit_record("accounts.token.created", obj=user, actor=user, changes={"name": name})
    return token, key


def api_token_revoke(*, user: User, token_id: int) -> None:
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().filter(pk=token_id, user=user).first()
        if token is None:
            raise NotFound(field="token")
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            audit_record(
                "accounts.token.revoked", obj=user, actor=user, changes={"name": token.name}
            )


def api_token_authenticate(key: str) -> User | None:
    now = timezone.now()
    # The user whole (the caller of every API view); of the token, what is used here.
    found = (
        ApiToken.objects.select_related("user")
        .only("last_used_at", "user")
        .filter(key_hash=_hash(key), revoked_at__isnull=True, expires_at__gt=now)
    )
    token = next(iter(found[:1]), None)  # key_hash is unique: no ordering needed
    if token is None or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
