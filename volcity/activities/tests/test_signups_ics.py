"""The shift's iCalendar file, read back by a strict reader written here from RFC 5545
(the ``icalendar`` package is not a dependency of the project): CRLF line ends, physical lines
of at most 75 octets, folding that never cuts a UTF-8 character, unfolding and unescaping that
give back the original text, one VEVENT with the required properties."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest

from volcity.activities.ics import escape_text, fold, shift_ics
from volcity.activities.tests.factories_signups import world

pytestmark = pytest.mark.django_db

NAME = re.compile(r"^[A-Z][A-Z0-9-]*$")


def read_ics(data: bytes) -> list[tuple[str, str]]:
    """Content lines of ``data`` as (NAME, raw value), after checking the physical layout."""
    assert data.endswith(b"\r\n")
    physical = data.split(b"\r\n")[:-1]
    for line in physical:
        assert b"\n" not in line and b"\r" not in line, line
        assert len(line) <= 75, (len(line), line)
        line.decode("utf-8")  # each physical line is whole UTF-8: no character was cut
    text = data.decode("utf-8")
    unfolded = re.sub(r"\r\n[ \t]", "", text)
    lines = []
    for content in unfolded.split("\r\n")[:-1]:
        name, sep, value = content.partition(":")
        assert sep, content
        assert NAME.match(name.split(";")[0]), name
        lines.append((name, value))
    return lines


def unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        c = value[i]
        if c == "\\":
            nxt = value[i + 1]
            assert nxt in "\\;,nN", value
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
            continue
        assert c not in ";,", value  # unescaped separators are not allowed in TEXT
        out.append(c)
        i += 1
    return "".join(out)


def _event(lines: list[tuple[str, str]]) -> dict[str, str]:
    names = [n for n, _v in lines]
    assert names[0:1] == ["BEGIN"] and lines[0][1] == "VCALENDAR"
    assert lines[-1] == ("END", "VCALENDAR")
    start = lines.index(("BEGIN", "VEVENT"))
    end = lines.index(("END", "VEVENT"))
    head = dict(lines[1:start])
    assert head["VERSION"] == "2.0"
    assert head["PRODID"]
    props = dict(lines[start + 1 : end])
    assert len(props) == end - start - 1, "each property once"
    return props


def test_ics_round_trips_a_long_chinese_text_with_separators(people: Any, city: Any) -> None:
    description = "陪伴老人；打扫卫生，读报\\聊天\n第二行：" + "志愿服务" * 40
    w = world(
        people,
        city,
        title="敬老院, 周末; 活动",
        description=description,
        address="青州市王府街道偶园街1号，敬老院二楼",
        contact_phone="0536-3261234",
    )
    now = datetime.datetime(2026, 11, 1, 2, 3, 4, tzinfo=datetime.UTC)
    data = shift_ics(
        w.shift, url="https://volcity.example/activities/shifts/1/signup/", now=now
    ).encode()
    props = _event(read_ics(data))
    assert props["UID"] == f"shift-{w.shift.pk}@volcity"
    assert props["DTSTAMP"] == "20261101T020304Z"
    start = datetime.datetime.strptime(props["DTSTART"], "%Y%m%dT%H%M%SZ").replace(
        tzinfo=datetime.UTC
    )
    end = datetime.datetime.strptime(props["DTEND"], "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.UTC)
    assert (start, end) == (w.shift.starts_at, w.shift.ends_at)
    assert unescape(props["SUMMARY"]) == "敬老院, 周末; 活动"
    assert unescape(props["LOCATION"]) == "青州市王府街道偶园街1号，敬老院二楼"
    assert unescape(props["DESCRIPTION"]).startswith(description)
    assert "0536-3261234" in unescape(props["DESCRIPTION"])
    lat, lng = props["GEO"].split(";")
    assert (float(lat), float(lng)) == (36.6965, 118.4798)
    assert props["URL"] == "https://volcity.example/activities/shifts/1/signup/"
    assert props["STATUS"] == "CONFIRMED"


def test_cancelled_shift_says_so(people: Any, city: Any) -> None:
    w = world(people, city)
    w.shift.cancelled = True
    props = _event(read_ics(shift_ics(w.shift, url="https://x.example/").encode()))
    assert props["STATUS"] == "CANCELLED"


def test_risks_are_part_of_the_description(people: Any, city: Any) -> None:
    w = world(people, city, risk_disclosure="水边作业", insured=True)
    props = _event(read_ics(shift_ics(w.shift, url="https://x.example/").encode()))
    assert "水边作业" in unescape(props["DESCRIPTION"])


@pytest.mark.parametrize(
    "text",
    ["a" * 200, "汉" * 100, "a" + "汉" * 100, "ab" + "😀" * 40, ""],
)
def test_folding_keeps_lines_short_and_characters_whole(text: str) -> None:
    folded = fold(f"DESCRIPTION:{text}")
    data = (folded + "\r\n").encode()
    for line in data.split(b"\r\n")[:-1]:
        assert len(line) <= 75
        line.decode("utf-8")
    assert re.sub(r"\r\n ", "", folded) == f"DESCRIPTION:{text}"


def test_escaping_covers_backslash_semicolon_comma_and_newlines() -> None:
    assert escape_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"
    assert unescape(escape_text("x;y,z\\w\nv")) == "x;y,z\\w\nv"
