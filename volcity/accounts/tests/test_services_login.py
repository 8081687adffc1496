from __future__ import annotations

import pytest
import time_machine
from django.test import RequestFactory

from conftest import PASSWORD
from volcity.accounts.errors import LoginCodeInvalid, LoginCodeTooSoon, LoginFailed, LoginThrottled
from volcity.accounts.services import (
    api_token_authenticate,
    api_token_create,
    api_token_revoke,
    login_code_send,
    login_code_verify,
    login_password,
)
from volcity.accounts.sms import OutboxSmsBackend
from volcity.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def _login(identifier, password, ip="10.0.0.1"):
    return login_password(
        request=RequestFactory().post("/"), identifier=identifier, password=password, ip=ip
    )


def test_sign_in_by_username_or_mobile(people):
    v = people["volunteer"]
    assert _login(v.username, PASSWORD) == v
    assert _login(f"+86 {v.phone}", PASSWORD) == v
    assert AuditEntry.objects.filter(action="accounts.login.succeeded").count() == 2


def test_wrong_password_names_the_password_field(people):
    with pytest.raises(LoginFailed) as exc:
        _login(people["volunteer"].username, "wrong-password")
    assert list(exc.value.fields) == ["password"]


def test_throttled_after_repeated_failures_even_with_the_right_password(people, settings):
    settings.VOLCITY_LOGIN_MAX_FAILURES = 3
    v = people["volunteer"]
    for _ in range(3):
        with pytest.raises(LoginFailed):
            _login(v.username, "nope")
    with pytest.raises(LoginThrottled):
        _login(v.username, PASSWORD)


def test_sms_is_sent_only_after_the_code_is_committed(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        login_code_send(phone=people["volunteer"].phone)
    assert OutboxSmsBackend.outbox == []
    assert len(callbacks) == 1


def test_sms_code_flow_end_to_end(people, django_capture_on_commit_callbacks):
    v = people["volunteer"]
    with django_capture_on_commit_callbacks(execute=True):
        login_code_send(phone=v.phone)
    message = OutboxSmsBackend.outbox[-1]
    code = "".join(ch for ch in message.text if ch.isdigit())[:6]
    assert message.phone == v.phone
    assert login_code_verify(phone=v.phone, code=code) == v
    with pytest.raises(LoginCodeInvalid):
        login_code_verify(phone=v.phone, code=code)  # used once


def test_sms_code_expires(people, django_capture_on_commit_callbacks, settings):
    v = people["volunteer"]
    with time_machine.travel("2026-11-29 10:00 +0800", tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            login_code_send(phone=v.phone)
    code = "".join(ch for ch in OutboxSmsBackend.outbox[-1].text if ch.isdigit())[:6]
    with time_machine.travel("2026-11-29 10:06 +0800", tick=False):
        with pytest.raises(LoginCodeInvalid):
            login_code_verify(phone=v.phone, code=code)


def test_sms_code_wrong_guesses_run_out(people, django_capture_on_commit_callbacks, settings):
    settings.VOLCITY_OTP_MAX_ATTEMPTS = 2
    v = people["volunteer"]
    with django_capture_on_commit_callbacks(execute=True):
        login_code_send(phone=v.phone)
    code = "".join(ch for ch in OutboxSmsBackend.outbox[-1].text if ch.isdigit())[:6]
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(2):
        with pytest.raises(LoginCodeInvalid):
            login_code_verify(phone=v.phone, code=wrong)
    with pytest.raises(LoginCodeInvalid):
        login_code_verify(phone=v.phone, code=code)


def test_sms_code_not_resent_within_a_minute(people):
    login_code_send(phone=people["volunteer"].phone)
    with pytest.raises(LoginCodeTooSoon):
        login_code_send(phone=people["volunteer"].phone)


def test_unknown_number_gets_no_sms_and_no_hint(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        login_code_send(phone="13912345678")
    assert OutboxSmsBackend.outbox == []


def test_api_token_is_stored_hashed_and_revocable(people):
    v = people["volunteer"]
    token, key = api_token_create(user=v, name="手机App")
    assert key not in token.key_hash and token.prefix == key[3:11]
    assert api_token_authenticate(key) == v
    api_token_revoke(user=v, token_id=token.pk)
    assert api_token_authenticate(key) is None
    assert api_token_authenticate("vc_not-a-token") is None
