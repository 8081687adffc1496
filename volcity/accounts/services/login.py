"""Signing in: password (with throttling) and one-time SMS codes."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from volcity.accounts.errors import (
    LoginCodeInvalid,
    LoginCodeTooSoon,
    LoginFailed,
    LoginThrottled,
)
from volcity.accounts.models import LoginCode, User
from volcity.accounts.sms import sms_send
from volcity.audit.services import audit_record
from volcity.core.privacy import keyed_hash, parse_mobile


def _keys(identifier: str, ip: str | None) -> list[str]:
    ident = hashlib.sha256(identifier.strip().lower().encode()).hexdigest()[:32]
    keys = [f"login-fail:id:{ident}"]
    if ip:
        keys.append(f"login-fail:ip:{ip}")
    return keys


def _throttled(identifier: str, ip: str | None) -> bool:
    limit = settings.VOLCITY_LOGIN_MAX_FAILURES
    # An address gets more room than one account: many people share a village office's line.
    counts = cache.get_many(_keys(identifier, ip))
    ident_key, *ip_key = _keys(identifier, ip)
    if counts.get(ident_key, 0) >= limit:
        return True
    return bool(ip_key and counts.get(ip_key[0], 0) >= limit * 4)


def _note_failure(identifier: str, ip: str | None) -> None:
    window = settings.VOLCITY_LOGIN_WINDOW_SECONDS
    for key in _keys(identifier, ip):
        if cache.add(key, 1, timeout=window):
            continue
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=window)


def login_password(*, request: Any, identifier: str, password: str, ip: str | None) -> User:
    """The user for this username or mobile number and password, or a clear refusal."""
    if _throttled(identifier, ip):
        audit_record("accounts.login.throttled", changes={"identifier": identifier[:3] + "…"})
        raise LoginThrottled()
    user = authenticate(request, username=identifier, password=password)
    if user is None or not isinstance(user, User):
        _note_failure(identifier, ip)
        audit_record("accounts.login.failed", changes={"identifier": identifier[:3] + "…"})
        raise LoginFailed(field="password")
    cache.delete(_keys(identifier, ip)[0])
    audit_record("accounts.login.succeeded", obj=user, actor=user, changes={"method": "password"})
    return user


def _hash_code(phone: str, code: str) -> str:
    return keyed_hash(f"login-code:{phone}:{code}")


def login_code_send(*, phone: str) -> None:
    """Send a 6-digit code to a registered mobile. Unknown numbers get the same answer,
    so the form does not tell strangers who has an account."""
    mobile = parse_mobile(phone)
    now = timezone.now()
    with transaction.atomic():
        recent = (
            LoginCode.objects.select_for_update()
            .filter(phone=mobile, used_at__isnull=True)
            .order_by("-created_at")
            .first()
        )
        wait = timedelta(seconds=settings.VOLCITY_OTP_RESEND_SECONDS)
        if recent is not None and recent.created_at > now - wait:
            raise LoginCodeTooSoon(field="phone")
        if not User.objects.filter(phone=mobile, is_active=True).exists():
            return
        code = f"{secrets.randbelow(1_000_000):06d}"
        LoginCode.objects.create(
            phone=mobile,
            code_hash=_hash_code(mobile, code),
            expires_at=now + timedelta(seconds=settings.VOLCITY_OTP_TTL_SECONDS),
        )
        text = gettext("Volunteer City login code: %(code)s. Valid for %(minutes)d minutes.") % {
            "code": code,
            "minutes": settings.VOLCITY_OTP_TTL_SECONDS // 60,
        }
        transaction.on_commit(lambda: sms_send(mobile, text))


def login_code_verify(*, phone: str, code: str) -> User:
    mobile = parse_mobile(phone)
    now = timezone.now()
    with transaction.atomic():
        login_code = (
            LoginCode.objects.select_for_update()
            .filter(phone=mobile, used_at__isnull=True, expires_at__gt=now)
            .order_by("-created_at")
            .first()
        )
        if login_code is None or login_code.attempts >= settings.VOLCITY_OTP_MAX_ATTEMPTS:
            raise LoginCodeInvalid(field="code")
        matched = hmac.compare_digest(login_code.code_hash, _hash_code(mobile, code.strip()))
        if matched:
            login_code.used_at = now
            login_code.save(update_fields=["used_at"])
        else:
            # Counted and committed before refusing, so guessing runs out of attempts.
            login_code.attempts += 1
            login_code.save(update_fields=["attempts"])
    if not matched:
        raise LoginCodeInvalid(field="code")
    user = User.objects.filter(phone=mobile, is_active=True).first()
    if user is None:
        raise LoginCodeInvalid(field="code")
    audit_record("accounts.login.succeeded", obj=user, actor=user, changes={"method": "sms"})
    return user
