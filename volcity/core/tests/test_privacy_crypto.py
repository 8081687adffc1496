"""Field encryption and keyed hashing with the key from settings."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import ImproperlyConfigured
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from pytest_django import Settings

from volcity.core.privacy import (
    DecryptionFailed,
    SealedIdNumber,
    decrypt_text,
    encrypt_text,
    keyed_hash,
    parse_id_number,
    seal_id_number,
)

KEY = "test-data-key-aaaaaaaaaaaaaaaa"
OTHER_KEY = "test-data-key-bbbbbbbbbbbbbbbb"
NUMBER = "37078119800101118X"  # a valid number (Qingzhou, 1980-01-01, female)
# the settings fixture is set once per test; every hypothesis example may share it
shared_fixture = hypothesis_settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def data_key(settings: Settings) -> Settings:
    settings.VOLCITY_DATA_KEY = KEY
    return settings


@shared_fixture
@given(st.text())
def test_encrypt_decrypt_round_trips_any_text(data_key: Settings, plain: str) -> None:
    token = encrypt_text(plain)
    assert token.startswith("v1:")
    assert token.isascii()
    assert decrypt_text(token) == plain


@shared_fixture
@given(st.text())
def test_two_encryptions_of_the_same_text_differ(data_key: Settings, plain: str) -> None:
    assert encrypt_text(plain) != encrypt_text(plain)


@shared_fixture
@given(st.text())
def test_keyed_hash_is_stable_hex(data_key: Settings, value: str) -> None:
    digest = keyed_hash(value)
    assert digest == keyed_hash(value)
    assert len(digest) == 64
    assert int(digest, 16) >= 0


def test_keyed_hash_differs_with_another_key(data_key: Settings) -> None:
    first = keyed_hash(NUMBER)
    data_key.VOLCITY_DATA_KEY = OTHER_KEY
    assert keyed_hash(NUMBER) != first
    data_key.VOLCITY_DATA_KEY = KEY
    assert keyed_hash(NUMBER) == first


def test_keyed_hash_differs_for_different_values(data_key: Settings) -> None:
    assert keyed_hash(NUMBER) != keyed_hash("370781198001011231")


def test_decrypt_with_another_key_fails(data_key: Settings) -> None:
    token = encrypt_text("secret")
    data_key.VOLCITY_DATA_KEY = OTHER_KEY
    with pytest.raises(DecryptionFailed) as excinfo:
        decrypt_text(token)
    assert excinfo.value.code == "decryption_failed"


def _flip(token: str, index: int) -> str:
    replacement = "A" if token[index] != "A" else "B"
    return token[:index] + replacement + token[index + 1 :]


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: _flip(t, 5),  # nonce
        lambda t: _flip(t, len(t) // 2),  # ciphertext
        lambda t: _flip(t, -3),  # tag
        lambda t: "v2:" + t[3:],
        lambda t: t[3:],
        lambda t: t[:20],
        lambda t: t + "!",
        lambda t: t.replace("v1:", "v1:é"),
        lambda t: "",
    ],
)
def test_tampered_or_unknown_tokens_fail(data_key: Settings, mangle: Callable[[str], str]) -> None:
    with pytest.raises(DecryptionFailed):
        decrypt_text(mangle(encrypt_text("a resident's ID number")))


def test_encryption_and_hash_keys_are_independent(data_key: Settings) -> None:
    # the hash of a text must not be derivable from, nor equal to, anything in its token
    token = encrypt_text(NUMBER)
    assert keyed_hash(NUMBER) not in token


@pytest.mark.parametrize("bad", [None, "", "too-short", 12345678901234567])
def test_missing_or_short_key_is_a_configuration_error(settings: Settings, bad: object) -> None:
    if bad is None:
        del settings.VOLCITY_DATA_KEY
    else:
        settings.VOLCITY_DATA_KEY = bad
    with pytest.raises(ImproperlyConfigured):
        encrypt_text("x")


def test_seal_id_number_from_string_or_parsed_info(data_key: Settings) -> None:
    from_string = seal_id_number(NUMBER)
    info = parse_id_number(NUMBER)
    from_info = seal_id_number(info)
    assert isinstance(from_string, SealedIdNumber)
    assert from_string.digest == from_info.digest == keyed_hash(NUMBER)
    assert from_string.masked == from_info.masked == "370***********118X"
    assert decrypt_text(from_string.ciphertext) == NUMBER
    assert decrypt_text(from_info.ciphertext) == NUMBER
    assert NUMBER not in from_string.ciphertext


def test_seal_normalises_a_lowercase_string(data_key: Settings) -> None:
    assert seal_id_number(NUMBER.lower()).digest == seal_id_number(NUMBER).digest
