"""Mobile numbers and names: normalisation, validation, masking."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from volcity.core.privacy import InvalidPhone, mask_name, mask_phone, normalize_phone, parse_mobile

mobiles = st.from_regex(r"\A1[3-9][0-9]{9}\Z")


@given(mobiles)
def test_mobile_numbers_parse_to_themselves(phone: str) -> None:
    assert parse_mobile(phone) == phone


@given(mobiles)
def test_country_prefixes_and_separators_are_removed(phone: str) -> None:
    variants = [
        f"+86 {phone}",
        f"0086{phone}",
        f"86{phone}",
        f"+86-{phone[:3]}-{phone[3:7]}-{phone[7:]}",
        f"({phone[:3]}) {phone[3:7]} {phone[7:]}",
        "".join(chr(ord(c) + 0xFEE0) for c in phone),
        f"\uff0b\uff18\uff16\u3000{phone}",  # full-width "+86" and space
    ]
    for raw in variants:
        assert normalize_phone(raw) == phone
        assert parse_mobile(raw) == phone


def test_prefix_is_kept_when_the_rest_is_not_eleven_digits() -> None:
    assert normalize_phone("8612345") == "8612345"


@pytest.mark.parametrize(
    "raw",
    [
        "0536-3221234",  # Qingzhou landline
        "05363221234",
        "3221234",
        "138123456789",  # 12 digits
        "1381234567",  # 10 digits
        "21381234567",
        "23812345678",
        "12812345678",  # second digit 2 is not a mobile range
        "1381234567a",
        "",
        "+1 138 1234 5678",
    ],
)
def test_non_mobile_numbers_are_refused(raw: str) -> None:
    with pytest.raises(InvalidPhone) as excinfo:
        parse_mobile(raw)
    assert excinfo.value.code == "phone_invalid"
    assert list(excinfo.value.fields) == ["phone"]


@given(st.from_regex(r"\A2[0-9]{10}\Z"))
def test_numbers_starting_with_2_are_refused(raw: str) -> None:
    with pytest.raises(InvalidPhone):
        parse_mobile(raw)


def test_refusal_names_the_callers_field() -> None:
    with pytest.raises(InvalidPhone) as excinfo:
        parse_mobile("12345", field="guardian_phone")
    assert list(excinfo.value.fields) == ["guardian_phone"]


def test_mask_phone_example() -> None:
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("+86 138 1234 5678") == "138****5678"


@given(mobiles)
def test_masked_mobile_keeps_first_three_and_last_four(phone: str) -> None:
    masked = mask_phone(phone)
    assert masked == phone[:3] + "****" + phone[-4:]
    assert sum(a == b for a, b in zip(masked, phone, strict=True)) <= 7


@pytest.mark.parametrize(
    ("raw", "masked"),
    [("05363221234", "053****1234"), ("3221234", "*****34"), ("12", "**"), ("", "")],
)
def test_mask_phone_other_lengths(raw: str, masked: str) -> None:
    assert mask_phone(raw) == masked


@given(st.text(alphabet="0123456789", max_size=20).filter(lambda s: len(s) != 11))
def test_mask_phone_shows_at_most_two_characters_unless_eleven(raw: str) -> None:
    assert sum(c != "*" for c in mask_phone(raw)) <= 2


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三", "张*"),
        ("王小明", "王*"),
        ("欧阳娜娜", "欧阳*"),
        ("诸葛孔明", "诸葛*"),
        ("司马相如", "司马*"),
        ("欧阳锋", "欧*"),
        ("张欧阳明", "张*"),
        ("买买提·艾力", "买*"),
        ("李", "李*"),
        (" 赵六 ", "赵*"),
        ("", ""),
    ],
)
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


@given(st.text(min_size=1).filter(lambda s: s.strip()))
def test_masked_name_shows_at_most_two_characters(name: str) -> None:
    masked = mask_name(name)
    assert masked.endswith("*")
    assert len(masked) <= 3
