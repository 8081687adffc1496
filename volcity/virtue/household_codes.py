"""The household's code for the points shop: ``VH1:<household id>:<signature>``.

The signature is an HMAC-SHA256 (key derived from ``SECRET_KEY`` with a purpose string) over
the household id, cut to 12 url-safe characters, so a code cannot be made up from a household
number. It does not expire: the household may print it. It only tells the clerk which
household stands at the counter; the clerk still sees the number and the head's name.

The QR encodes the counter's address with the code, so the clerk's phone camera opens the
counter with the household already found; a hand-held scanner that types what it reads works
too (the counter accepts the code alone or the whole address).
"""

from __future__ import annotations

import base64
import hmac
import re
from urllib.parse import quote, unquote

import segno
from django.http import HttpRequest
from django.urls import reverse
from django.utils.crypto import salted_hmac

PURPOSE = "volcity.virtue.shop.household-code"
PREFIX = "VH1"
FOUND = re.compile(r"VH1:(\d{1,12}):([A-Za-z0-9_-]{12})")


def _signature(household_id: int) -> str:
    mac = salted_hmac(PURPOSE, str(household_id), algorithm="sha256").digest()
    return base64.urlsafe_b64encode(mac[:9]).decode("ascii")


def household_code(household_id: int) -> str:
    return f"{PREFIX}:{household_id}:{_signature(household_id)}"


def household_code_parse(text: str) -> int | None:
    """The household id in ``text`` (a code, or an address holding one) if it is signed."""
    match = FOUND.search(unquote((text or "").strip()))
    if match is None:
        return None
    household_id = int(match.group(1))
    if not hmac.compare_digest(match.group(2), _signature(household_id)):
        return None
    return household_id


def household_code_url(request: HttpRequest, household_id: int) -> str:
    path = reverse("virtue:shop_counter")
    return request.build_absolute_uri(f"{path}?code={quote(household_code(household_id), ':')}")


def qr_svg(data: str, *, scale: int = 6) -> str:
    """``data`` as an inline SVG QR code that scales with its container."""
    qr = segno.make(data, error="m")
    return qr.svg_inline(scale=scale, border=2, omitsize=True, svgclass="qr", dark="#000")
