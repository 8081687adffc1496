"""Mainland mobile numbers and names: normalise, validate, mask for public lists."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django.utils.translation import gettext_lazy as _

from volcity.core.errors import DomainError

_MOBILE_RE = re.compile(r"1[3-9][0-9]{9}")
_ELEVEN_DIGITS_RE = re.compile(r"[0-9]{11}")
_SEPARATORS = str.maketrans("", "", "-()")
_COUNTRY_PREFIXES = ("+86", "0086", "86")

COMPOUND_SURNAMES = frozenset(
    {
        "欧阳",
        "司马",
        "诸葛",
        "上官",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "令狐",
        "长孙",
        "宇文",
        "司徒",
        "夏侯",
    }
)


class InvalidPhone(DomainError):
    """The phone number is not a mainland mobile number."""

    code = "phone_invalid"
    default_message = _("Enter a mainland mobile number: 11 digits starting with 1.")

    def __init__(
        self, message: Any = None, *, code: str | None = None, field: str | None = "phone"
    ) -> None:
        super().__init__(message, code=code, field=field)


def normalize_phone(raw: str) -> str:
    """NFKC, drop spaces/hyphens/parentheses, drop a +86/0086/86 prefix before 11 digits."""
    text = unicodedata.normalize("NFKC", raw)
    text = "".join(text.split()).translate(_SEPARATORS)
    for prefix in _COUNTRY_PREFIXES:
        rest = text.removeprefix(prefix)
        if rest != text and _ELEVEN_DIGITS_RE.fullmatch(rest):
            return rest
    return text


def parse_mobile(raw: str, *, field: str = "phone") -> str:
    """The normalised mobile number, or InvalidPhone naming ``field``."""
    phone = normalize_phone(raw)
    if not _MOBILE_RE.fullmatch(phone):
        raise InvalidPhone(field=field)
    return phone


def mask_phone(phone: str) -> str:
    """ "138****5678"; anything not 11 characters shows only its last 2 (none if that short)."""
    value = normalize_phone(phone)
    if len(value) == 11:
        return value[:3] + "****" + value[-4:]
    if len(value) <= 2:
        return "*" * len(value)
    return "*" * (len(value) - 2) + value[-2:]


def mask_name(name: str) -> str:
    """Surname + "*" ("张*", "欧阳*" for a 4+ character name with a compound surname)."""
    value = name.strip()
    if not value:
        return ""
    if len(value) >= 4 and value[:2] in COMPOUND_SURNAMES:
        return value[:2] + "*"
    return value[0] + "*"
