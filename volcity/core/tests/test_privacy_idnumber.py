"""Resident ID number validation, normalisation and masking."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric

from volcity.core.privacy import (
    IdNumberInfo,
    InvalidIdNumber,
    id_check_character,
    mask_id_number,
    normalize_id_number,
    parse_id_number,
    valid_address_codes,
)

TODAY = datetime.date(2025, 6, 1)
QINGZHOU = "370781"


def make_number(address_code: str, birth: datetime.date, sequence: int) -> str:
    first17 = f"{address_code}{birth:%Y%m%d}{sequence:03d}"
    return first17 + id_check_character(first17)


def refusal_code(raw: str, today: datetime.date = TODAY) -> str:
    with pytest.raises(InvalidIdNumber) as excinfo:
        parse_id_number(raw, today=today)
    return excinfo.value.code


address_codes = st.sampled_from(sorted(valid_address_codes())) | st.just(QINGZHOU)
birth_dates = st.dates(min_value=datetime.date(1900, 1, 1), max_value=TODAY)
sequences = st.integers(min_value=0, max_value=999)
valid_numbers = st.builds(make_number, address_codes, birth_dates, sequences)


@given(address_codes, birth_dates, sequences)
def test_any_valid_generated_number_parses_into_its_parts(
    code: str, birth: datetime.date, sequence: int
) -> None:
    number = make_number(code, birth, sequence)
    info = parse_id_number(number, today=TODAY)
    assert info == IdNumberInfo(
        number=number,
        birth_date=birth,
        sex="M" if sequence % 2 else "F",
        address_code=code,
    )


@given(valid_numbers)
def test_check_character_agrees_with_stdnum(number: str) -> None:
    assert ric.calc_check_digit(number) == number[17]


@given(valid_numbers, st.sampled_from("0123456789X"))
def test_changed_check_character_is_refused_as_checksum(number: str, check: str) -> None:
    if check == number[17]:
        return
    assert refusal_code(number[:17] + check) == "id_number_checksum"


def test_qingzhou_resident_born_1950_is_accepted() -> None:
    number = make_number(QINGZHOU, datetime.date(1950, 3, 15), 123)
    assert not ric.is_valid(number)  # stdnum's verdict is wrong here; ours is not
    info = parse_id_number(number, today=TODAY)
    assert info.address_code == QINGZHOU
    assert info.birth_date == datetime.date(1950, 3, 15)
    assert info.age_on(TODAY) == 75


def test_birth_date_tomorrow_is_refused() -> None:
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    number = make_number(QINGZHOU, tomorrow, 1)
    with pytest.raises(InvalidIdNumber) as excinfo:
        parse_id_number(number)
    assert excinfo.value.code == "id_number_birth_date"


def test_birth_date_today_is_accepted() -> None:
    assert parse_id_number(make_number(QINGZHOU, TODAY, 2), today=TODAY).birth_date == TODAY


@pytest.mark.parametrize(
    "date_digits", ["19900230", "19900229", "19901301", "19900001", "18991231"]
)
def test_impossible_or_too_early_birth_date_is_refused(date_digits: str) -> None:
    first17 = QINGZHOU + date_digits + "123"
    assert refusal_code(first17 + id_check_character(first17)) == "id_number_birth_date"


def test_leap_day_birth_is_accepted_and_ages_on_first_of_march() -> None:
    info = parse_id_number(make_number(QINGZHOU, datetime.date(2012, 2, 29), 5), today=TODAY)
    assert info.age_on(datetime.date(2026, 2, 28)) == 13
    assert info.age_on(datetime.date(2026, 3, 1)) == 14


@pytest.mark.parametrize("code", ["999999", "379999", "000000"])
def test_unknown_address_code_is_refused_as_region(code: str) -> None:
    first17 = code + "19800101123"
    assert refusal_code(first17 + id_check_character(first17)) == "id_number_region"


@pytest.mark.parametrize(
    "raw",
    ["", "37078119800101123", "3707811980010112345", "37078119800101123Y", "X70781198001011234"],
)
def test_malformed_number_is_refused_as_format(raw: str) -> None:
    assert refusal_code(raw) == "id_number_format"


def test_checks_run_in_order_format_region_date_checksum() -> None:
    # unknown region and impossible date and wrong check character: region wins
    assert refusal_code("999999199002301230") == "id_number_region"
    # impossible date and wrong check character: date wins
    first17 = QINGZHOU + "19900230123"
    wrong = "0" if id_check_character(first17) != "0" else "1"
    assert refusal_code(first17 + wrong) == "id_number_birth_date"


def test_refusal_names_the_callers_field() -> None:
    with pytest.raises(InvalidIdNumber) as excinfo:
        parse_id_number("123", today=TODAY, field="guardian_id_number")
    assert list(excinfo.value.fields) == ["guardian_id_number"]
    assert excinfo.value.as_dict()["code"] == "id_number_format"


def test_refusal_defaults_to_id_number_field() -> None:
    with pytest.raises(InvalidIdNumber) as excinfo:
        parse_id_number("999999198001011234", today=TODAY)
    assert list(excinfo.value.fields) == ["id_number"]
    assert "999999" in excinfo.value.as_dict()["message"]


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in text)


@given(valid_numbers)
def test_spaced_lowercase_and_fullwidth_forms_parse_to_the_same_number(number: str) -> None:
    lower = number.lower()
    variants = [
        f" {number[:6]} {number[6:14]}\u3000{number[14:]} ",
        f"{number[:6]}-{number[6:14]}-{number[14:]}",
        lower,
        _fullwidth(lower),
        _fullwidth(number),
    ]
    for raw in variants:
        assert normalize_id_number(raw) == number
        assert parse_id_number(raw, today=TODAY).number == number


def test_normalize_uppercases_x() -> None:
    assert normalize_id_number("37078119800101123x") == "37078119800101123X"


@given(valid_numbers)
def test_mask_keeps_at_most_seven_original_characters(number: str) -> None:
    masked = mask_id_number(number)
    assert len(masked) == 18
    assert masked == number[:3] + "*" * 11 + number[-4:]
    assert sum(c != "*" for c in masked) <= 7
    assert sum(a == b for a, b in zip(masked, number, strict=True)) <= 7


@given(st.text(alphabet="0123456789Xx -", max_size=30))
def test_mask_never_shows_more_than_seven_characters_of_anything(raw: str) -> None:
    assert sum(c != "*" for c in mask_id_number(raw)) <= 7


def test_mask_example() -> None:
    assert mask_id_number("37078119800101123X") == "370***********123X"


def test_valid_address_codes_are_six_digits_and_include_abolished_ones() -> None:
    codes = valid_address_codes()
    assert all(len(c) == 6 and c.isdigit() for c in codes)
    assert {QINGZHOU, "110103"} <= codes  # 110103 (Chongwen district) was abolished in 2010
    assert "999999" not in codes
    assert valid_address_codes() is codes


def test_id_check_character_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="17"):
        id_check_character("1234")


def test_age_on_a_date_before_birth_is_an_error() -> None:
    info = parse_id_number(make_number(QINGZHOU, datetime.date(2000, 1, 1), 1), today=TODAY)
    with pytest.raises(ValueError, match="before the birth date"):
        info.age_on(datetime.date(1999, 12, 31))
