"""The codes a check-in is made with.

* A shift's **rotating code**, shown as a QR on the staff's screen: an HMAC-SHA256 (key derived
  from ``SECRET_KEY`` with a purpose string) over the shift id and the time window
  ``unix time // VOLCITY_CHECKIN_CODE_SECONDS``, cut to a short url-safe token. A code is good
  in its window and the one after, so a scan just before the change still works; a photo of
  the screen passed round stops working within two windows.
* A volunteer's **personal code**, shown on their phone for a kiosk to scan: their volunteer
  number and the time it was issued, signed with ``django.core.signing`` under its own salt;
  good for five minutes, and the phone page fetches a fresh one before then.

QR images are inline SVG made with ``segno`` (no image files, no outside service).
"""

from __future__ import annotations

import base64
import datetime
import hmac
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.core import signing
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

SHIFT_CODE_PURPOSE = "volcity.activities.checkin.shift-code"
VOLUNTEER_CODE_SALT = "volcity.activities.checkin.volunteer-code"
VOLUNTEER_CODE_SECONDS = 5 * 60
# How often the phone page asks for a fresh personal code (well before it expires).
VOLUNTEER_CODE_REFRESH_SECONDS = 60
SHIFT_CODE_BYTES = 9  # 72 bits: 12 url-safe characters


def _window_seconds() -> int:
    return int(settings.VOLCITY_CHECKIN_CODE_SECONDS)


def code_window(now: datetime.datetime | None = None) -> int:
    """The number of the time window ``now`` falls in."""
    moment = now or timezone.now()
    return int(moment.timestamp()) // _window_seconds()


def _shift_token(shift_id: int, window: int) -> str:
    mac = salted_hmac(SHIFT_CODE_PURPOSE, f"{shift_id}:{window}", algorithm="sha256").digest()
    return base64.urlsafe_b64encode(mac[:SHIFT_CODE_BYTES]).decode("ascii")


def shift_code(shift_id: int, *, now: datetime.datetime | None = None) -> str:
    """The shift's code for the current window."""
    return _shift_token(shift_id, code_window(now))


def shift_code_valid(shift_id: int, code: str, *, now: datetime.datetime | None = None) -> bool:
    """Whether ``code`` is the shift's code of the current or the previous window."""
    given = (code or "").strip()
    if len(given) != len(_shift_token(shift_id, 0)):
        return False
    window = code_window(now)
    # Compare with both windows every time (constant work whichever matches).
    current = hmac.compare_digest(given, _shift_token(shift_id, window))
    previous = hmac.compare_digest(given, _shift_token(shift_id, window - 1))
    return current or previous


def shift_code_seconds_left(*, now: datetime.datetime | None = None) -> int:
    """Seconds until the next window starts (and the screen shows a new code)."""
    moment = now or timezone.now()
    seconds = _window_seconds()
    return max(1, seconds - int(moment.timestamp()) % seconds)


def volunteer_code(number: str) -> str:
    """A signed, timestamped token of the volunteer number, for a kiosk to scan."""
    return signing.TimestampSigner(salt=VOLUNTEER_CODE_SALT).sign(number)


def volunteer_code_number(code: str) -> str | None:
    """The volunteer number in a personal code still in date, or None."""
    try:
        return signing.TimestampSigner(salt=VOLUNTEER_CODE_SALT).unsign(
            (code or "").strip(), max_age=VOLUNTEER_CODE_SECONDS
        )
    except signing.BadSignature:  # also SignatureExpired
        return None


def qr_svg(data: str, *, scale: int = 8) -> str:
    """``data`` as a QR code: an inline SVG element that scales with its container."""
    qr = segno.make(data, error="m")
    return qr.svg_inline(scale=scale, border=2, omitsize=True, svgclass="qr", dark="#000")


def shift_scan_url(request: HttpRequest, shift_id: int, code: str) -> str:
    """The absolute address the shift's QR encodes: the phone page, with the code."""
    path = reverse("activities:checkin_scan", kwargs={"shift_id": shift_id})
    return request.build_absolute_uri(f"{path}?{urlencode({'c': code})}")
