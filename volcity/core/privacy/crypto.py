"""Field encryption (AES-256-GCM) and keyed hashing (HMAC-SHA256) with a key from settings.

``settings.VOLCITY_DATA_KEY`` (at least 16 characters) is stretched with HKDF-SHA256 into two
independent keys, one per purpose, so a leaked digest key never decrypts anything.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from volcity.core.errors import DomainError

from .idnumber import IdNumberInfo, mask_id_number, normalize_id_number

MIN_KEY_LENGTH = 16
FORMAT_VERSION = "v1"
NONCE_SIZE = 12
_HKDF_SALT = b"volcity.core.privacy"
_ENCRYPTION_INFO = b"volcity/field-encryption/aes-256-gcm/v1"
_HASH_INFO = b"volcity/keyed-hash/hmac-sha256/v1"
_AAD = b"volcity:" + FORMAT_VERSION.encode("ascii")


class DecryptionFailed(DomainError):
    """A token could not be decrypted: wrong key, tampered, or unknown version."""

    code = "decryption_failed"
    status = 500
    default_message = _("Stored data could not be decrypted.")


@dataclass(frozen=True)
class SealedIdNumber:
    """What is stored for an ID number: ciphertext, keyed digest (unique), and masked form."""

    ciphertext: str
    digest: str
    masked: str


def _derive(secret: str, info: bytes) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=_HKDF_SALT, info=info)
    return hkdf.derive(secret.encode("utf-8"))


@lru_cache(maxsize=8)
def _derived_keys(secret: str) -> tuple[bytes, bytes]:
    """(encryption key, hashing key) for one settings key."""
    return _derive(secret, _ENCRYPTION_INFO), _derive(secret, _HASH_INFO)


def _keys() -> tuple[bytes, bytes]:
    secret: Any = getattr(settings, "VOLCITY_DATA_KEY", None)
    if not isinstance(secret, str) or len(secret) < MIN_KEY_LENGTH:
        raise ImproperlyConfigured(
            f"VOLCITY_DATA_KEY must be a string of at least {MIN_KEY_LENGTH} characters."
        )
    return _derived_keys(secret)


def encrypt_text(plain: str) -> str:
    """ "v1:" + urlsafe base64 of (random nonce + ciphertext + tag)."""
    enc_key, _hash_key = _keys()
    nonce = os.urandom(NONCE_SIZE)
    sealed = AESGCM(enc_key).encrypt(nonce, plain.encode("utf-8"), _AAD)
    return FORMAT_VERSION + ":" + base64.urlsafe_b64encode(nonce + sealed).decode("ascii")


def decrypt_text(token: str) -> str:
    """Inverse of :func:`encrypt_text`; DecryptionFailed on any failure."""
    enc_key, _hash_key = _keys()
    version, sep, body = token.partition(":")
    if not sep or version != FORMAT_VERSION:
        raise DecryptionFailed()
    try:
        raw = base64.b64decode(body.encode("ascii"), altchars=b"-_", validate=True)
        if len(raw) < NONCE_SIZE + 16:
            raise DecryptionFailed()
        plain = AESGCM(enc_key).decrypt(raw[:NONCE_SIZE], raw[NONCE_SIZE:], _AAD)
        return plain.decode("utf-8")
    except (UnicodeError, binascii.Error, InvalidTag):
        raise DecryptionFailed() from None


def keyed_hash(value: str) -> str:
    """HMAC-SHA256 of ``value`` as 64 hex characters (stable for one key)."""
    _enc_key, hash_key = _keys()
    return hmac.new(hash_key, value.encode("utf-8"), hashlib.sha256).hexdigest()


def seal_id_number(info_or_number: IdNumberInfo | str) -> SealedIdNumber:
    """Encrypt, hash and mask an ID number (parsed, or an already-validated string)."""
    if isinstance(info_or_number, IdNumberInfo):
        number = info_or_number.number
    else:
        number = normalize_id_number(info_or_number)
    return SealedIdNumber(
        ciphertext=encrypt_text(number),
        digest=keyed_hash(number),
        masked=mask_id_number(number),
    )
