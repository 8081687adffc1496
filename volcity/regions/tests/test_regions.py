from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from hypothesis import given
from hypothesis import strategies as st

from volcity.regions.codes import descendant_range, is_within, level_of, prefix_of
from volcity.regions.models import Region
from volcity.regions.queries import region_ancestors, region_children, region_q


@given(st.from_regex(r"\A[1-8][0-9]{5}\Z"), st.integers(1, 999), st.integers(1, 999))
def test_a_village_code_lies_in_its_town_and_city_ranges(city6: str, town: int, village: int):
    code = f"{city6}{town:03d}{village:03d}"
    for prefix in (city6, f"{city6}{town:03d}", code):
        low, high = descendant_range(prefix)
        assert low <= code <= high
        assert is_within(code, prefix)
    other_town = f"{city6}{(town % 999) + 1:03d}"
    low, high = descendant_range(other_town)
    assert not (low <= code <= high)


def test_levels_and_prefixes_of_codes():
    assert level_of("370781000000") == 1
    assert level_of("370781001000") == 2
    assert level_of("370781001201") == 3
    assert prefix_of("370781001000", 2) == "370781001"


@pytest.mark.django_db
def test_tree_reads(city):
    assert list(region_children(city["town1"])) == [city["village11"], city["village12"]]
    assert region_ancestors(city["village12"]) == [city["city"], city["town1"], city["village12"]]
    qs = Region.objects.filter(region_q([city["town2"].path], field="code"))
    assert set(qs) == {city["town2"], city["village21"], city["village22"]}
    assert Region.objects.filter(region_q([], field="code")).count() == 0


@pytest.mark.django_db
def test_database_refuses_a_path_that_does_not_match_the_level(city):
    with pytest.raises(IntegrityError), transaction.atomic():
        Region.objects.create(
            code="370781001999",
            name="坏",
            level=3,
            kind="village",
            path="370781001",
            parent=city["town1"],
        )


@pytest.mark.django_db
def test_database_refuses_a_village_without_a_parent(city):
    with pytest.raises(IntegrityError), transaction.atomic():
        Region.objects.create(
            code="370781001998", name="孤", level=3, kind="village", path="370781001998"
        )


def test_prefix_for_a_typed_code():
    from volcity.regions.codes import prefix_for_code

    assert prefix_for_code("370781010000") == "370781010"
    assert prefix_for_code(" 370781000000 ") == "370781"
    assert prefix_for_code("370781010001") == "370781010001"
    assert prefix_for_code("370781010") == "370781010"
