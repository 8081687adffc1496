"""Resident ID numbers (GB 11643-1999): normalise, validate, mask.

The address code is checked against every county code that has ever existed (the number keeps
the code it was issued with), not against the codes valid in the birth year.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from volcity.core.errors import DomainError

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARACTERS = "10X98765432"
EARLIEST_BIRTH_DATE = datetime.date(1900, 1, 1)

_FORMAT_RE = re.compile(r"[0-9]{17}[0-9X]")
_DIGITS17_RE = re.compile(r"[0-9]{17}")
# Hyphen-like characters users paste or type; NFKC already maps the full-width ones to "-".
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_STRIP_TABLE = str.maketrans("", "", _DASHES)


def _interpolate(message: Any, params: dict[str, Any]) -> str:
    return str(message) % params


# Keeps "%(name)s" messages lazy: translated when rendered, in the language active then.
_interpolate_lazy = lazy(_interpolate, str)


class InvalidIdNumber(DomainError):
    """The ID number was refused; ``code`` says which check failed."""

    code = "id_number_format"
    default_message = _("Enter an 18-character ID number: 17 digits followed by a digit or X.")

    def __init__(
        self, message: Any = None, *, code: str | None = None, field: str | None = "id_number"
    ) -> None:
        super().__init__(message, code=code, field=field)


@dataclass(frozen=True)
class IdNumberInfo:
    """What a valid ID number says about its holder."""

    number: str
    birth_date: datetime.date
    sex: str
    address_code: str

    def age_on(self, d: datetime.date) -> int:
        """Completed years on ``d`` (a 29 February birthday counts from 1 March)."""
        if d < self.birth_date:
            raise ValueError("date is before the birth date")
        before_birthday = (d.month, d.day) < (self.birth_date.month, self.birth_date.day)
        return d.year - self.birth_date.year - int(before_birthday)


def normalize_id_number(raw: str) -> str:
    """NFKC (full-width to ASCII), drop whitespace and hyphens, uppercase."""
    text = unicodedata.normalize("NFKC", raw)
    text = "".join(text.split()).translate(_STRIP_TABLE)
    return text.upper()


def id_check_character(first17: str) -> str:
    """The check character for the first 17 digits."""
    if not _DIGITS17_RE.fullmatch(first17):
        raise ValueError("expected exactly 17 ASCII digits")
    total = sum(int(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARACTERS[total % 11]


@lru_cache(maxsize=1)
def _location_codes() -> tuple[frozenset[str], frozenset[str]]:
    """(province prefixes, 6-digit codes) from python-stdnum's ``cn/loc`` database."""
    from stdnum import numdb

    provinces: set[str] = set()
    codes: set[str] = set()
    for _length, low, high, _props, children in numdb.get("cn/loc").prefixes:
        for prov in range(int(low), int(high) + 1):
            provinces.add(f"{prov:02d}")
            for _clen, clow, chigh, cprops, _grandchildren in children:
                if "county" not in cprops:
                    continue
                for county in range(int(clow), int(chigh) + 1):
                    codes.add(f"{prov:02d}{county:04d}")
    return frozenset(provinces), frozenset(codes)


def valid_address_codes() -> frozenset[str]:
    """Every 6-digit address code known to python-stdnum, current or abolished."""
    return _location_codes()[1]


def _valid_province_codes() -> frozenset[str]:
    return _location_codes()[0]


def _check_birth_date(number: str, today: datetime.date, field: str) -> datetime.date:
    try:
        birth = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise InvalidIdNumber(
            _("The birth date in the ID number (digits 7 to 14) is not a real date."),
            code="id_number_birth_date",
            field=field,
        ) from None
    if birth > today:
        raise InvalidIdNumber(
            _("The birth date in the ID number is in the future."),
            code="id_number_birth_date",
            field=field,
        )
    if birth < EARLIEST_BIRTH_DATE:
        raise InvalidIdNumber(
            _("The birth date in the ID number is before 1900."),
            code="id_number_birth_date",
            field=field,
        )
    return birth


def parse_id_number(
    raw: str, *, today: datetime.date | None = None, field: str = "id_number"
) -> IdNumberInfo:
    """Validate an ID number (format, region, birth date, checksum) and split it."""
    number = normalize_id_number(raw)
    if not _FORMAT_RE.fullmatch(number):
        raise InvalidIdNumber(code="id_number_format", field=field)

    address_code = number[:6]
    if address_code[:2] not in _valid_province_codes() or address_code not in valid_address_codes():
        raise InvalidIdNumber(
            _interpolate_lazy(
                _("The first six digits of the ID number (%(code)s) are not a known region code."),
                {"code": address_code},
            ),
            code="id_number_region",
            field=field,
        )

    birth_date = _check_birth_date(number, today or timezone.localdate(), field)

    expected = id_check_character(number[:17])
    if number[17] != expected:
        raise InvalidIdNumber(
            _interpolate_lazy(
                _("The ID number's check character is wrong: it must be %(expected)s."),
                {"expected": expected},
            ),
            code="id_number_checksum",
            field=field,
        )

    sex = "M" if int(number[16]) % 2 else "F"
    return IdNumberInfo(number=number, birth_date=birth_date, sex=sex, address_code=address_code)


def mask_id_number(number: str) -> str:
    """First 3 and last 4 characters kept, the rest as "*"; short input is masked entirely."""
    value = normalize_id_number(number)
    if len(value) < 15:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]
