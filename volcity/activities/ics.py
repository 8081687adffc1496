"""An iCalendar (RFC 5545) file for a shift, written by hand: one VEVENT a phone's calendar
can import. Lines end in CRLF and are folded at 75 octets (never inside a UTF-8 character);
text values escape backslash, semicolon, comma and newlines; times are in UTC."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.utils import timezone

from volcity.activities.models import Shift

MAX_OCTETS = 75
CRLF = "\r\n"
PRODID = "-//Volunteer City//Shifts 1.0//ZH"


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): ``\\`` ``;`` ``,`` escaped, newlines as ``\\n``."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def utc_stamp(moment: datetime.datetime) -> str:
    """A DATE-TIME in UTC form: ``20261201T013000Z``."""
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def fold(line: str) -> str:
    """Split a content line into physical lines of at most 75 octets (§3.1): each
    continuation starts with one space, and no UTF-8 character is cut in two."""
    out: list[str] = []
    current, size, limit = "", 0, MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, MAX_OCTETS
        current += char
        size += width
    out.append(current)
    return CRLF.join(out)


def _lines(props: Iterable[tuple[str, str]]) -> str:
    return "".join(fold(f"{name}:{value}") + CRLF for name, value in props)


def shift_ics(
    shift: Shift,
    *,
    url: str,
    host: str = "volcity",
    now: datetime.datetime | None = None,
) -> str:
    """The calendar file of ``shift`` (its activity loaded). ``url`` links back to the
    activity's page; ``host`` makes the UID globally unique."""
    activity = shift.activity
    stamp = utc_stamp(now or timezone.now())
    description = activity.description.strip()
    if activity.risk_disclosure.strip():
        description = f"{description}\n\n{activity.risk_disclosure.strip()}".strip()
    if activity.contact_phone:
        description = f"{description}\n\n{activity.contact_phone}".strip()
    event = [
        ("UID", f"shift-{shift.pk}@{host}"),
        ("DTSTAMP", stamp),
        ("DTSTART", utc_stamp(shift.starts_at)),
        ("DTEND", utc_stamp(shift.ends_at)),
        ("SUMMARY", escape_text(activity.title)),
        ("LOCATION", escape_text(activity.address)),
        # GEO is two floats separated by a semicolon: a structured value, not TEXT.
        ("GEO", f"{float(activity.latitude):.6f};{float(activity.longitude):.6f}"),
        ("DESCRIPTION", escape_text(description)),
        ("URL", url),
        ("STATUS", "CANCELLED" if shift.cancelled else "CONFIRMED"),
        ("TRANSP", "OPAQUE"),
    ]
    head = [
        ("VERSION", "2.0"),
        ("PRODID", PRODID),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
    ]
    return (
        _lines([("BEGIN", "VCALENDAR"), *head])
        + _lines([("BEGIN", "VEVENT"), *event, ("END", "VEVENT")])
        + _lines([("END", "VCALENDAR")])
    )


def ics_filename(shift: Shift) -> str:
    return f"shift-{shift.pk}-{timezone.localtime(shift.starts_at):%Y%m%d-%H%M}.ics"
