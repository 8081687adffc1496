"""Monthly totals, the quarter ranking, red and black lists and their publication."""

from __future__ import annotations

from typing import Any

import pytest

from volcity.audit.models import AuditEntry
from volcity.core.errors import DomainError
from volcity.virtue.queries_ratings import monthly_totals, quarter_ranking
from volcity.virtue.services.ratings import (
    list_entry_withdraw,
    lists_publish,
    rating_policy_update,
)
from volcity.virtue.tests.ratings_helpers import at, posted, third_quarter


@pytest.fixture
def q3(people: dict[str, Any], city: dict[str, Any], make_user: Any, time_machine: Any) -> Any:
    return third_quarter(people, city, make_user, time_machine)


def test_monthly_totals_count_deeds_by_the_month_they_were_posted(q3: Any) -> None:
    rows = {r.number: r for r in monthly_totals(q3.bank, 2026, 9)}
    assert (rows["H004"].earned, rows["H004"].deducted, rows["H004"].net) == (10, 10, 0)
    assert rows["H001"].net == 0  # every household is listed, with zeros
    assert len(rows) == 4


def test_a_deed_posted_just_after_local_midnight_counts_in_the_new_month(
    q3: Any, time_machine: Any
) -> None:
    posted(q3, time_machine, q3.households[1], "clean", at("2026-11-01", hour=0))
    assert {r.number: r.net for r in monthly_totals(q3.bank, 2026, 11)}["H002"] == 2
    assert {r.number: r.net for r in monthly_totals(q3.bank, 2026, 10)}["H002"] == 0


def test_quarter_ranking_orders_by_net_points_and_equal_points_share_a_rank(q3: Any) -> None:
    ranking = quarter_ranking(q3.bank, 2026, 3)
    assert [(r.number, r.net, r.rank) for r in ranking.rows] == [
        ("H002", 8, 1),
        ("H001", 7, 2),
        ("H003", 7, 2),
        ("H004", 0, 4),
    ]


def test_red_list_holds_the_top_n_and_anyone_tied_with_the_last_place(q3: Any) -> None:
    q3.bank.ranking_top_n = 2
    assert [r.number for r in quarter_ranking(q3.bank, 2026, 3).red] == ["H002", "H001", "H003"]
    q3.bank.ranking_top_n = 1
    assert [r.number for r in quarter_ranking(q3.bank, 2026, 3).red] == ["H002"]


def test_black_list_takes_deductions_at_or_beyond_the_threshold_with_categories(
    q3: Any,
) -> None:
    black = quarter_ranking(q3.bank, 2026, 3).black
    assert [(r.number, r.deducted, r.categories) for r in black] == [("H004", 10, ["public_order"])]
    rating_policy_update(
        actor=q3.admin,
        bank=q3.bank,
        black_list_threshold=11,
        aaa_min=90,
        aa_min=80,
        a_min=70,
        b_min=60,
    )
    assert quarter_ranking(q3.bank, 2026, 3).black == []


def test_a_household_on_the_black_list_is_not_praised(q3: Any) -> None:
    rating_policy_update(
        actor=q3.admin,
        bank=q3.bank,
        black_list_threshold=5,
        aaa_min=90,
        aa_min=80,
        a_min=70,
        b_min=60,
    )
    q3.bank.ranking_top_n = 50
    ranking = quarter_ranking(q3.bank, 2026, 3)
    assert "H004" in [r.number for r in ranking.black]
    assert "H004" not in [r.number for r in ranking.red]


def test_publishing_freezes_the_lists_and_is_refused_a_second_time(
    q3: Any, time_machine: Any
) -> None:
    publication = lists_publish(actor=q3.clerk, bank=q3.bank, year=2026, quarter=3)
    red = list(publication.entries.filter(kind="red").values_list("household_number", "rank"))
    assert red == [("H002", 1), ("H001", 2), ("H003", 2)]
    # A deed posted later in the quarter's window does not change the published list.
    posted(q3, time_machine, q3.households[3], "filial", at("2026-11-25"))
    assert (
        list(publication.entries.filter(kind="red").values_list("household_number", "rank")) == red
    )
    with pytest.raises(DomainError) as exc:
        lists_publish(actor=q3.clerk, bank=q3.bank, year=2026, quarter=3)
    assert exc.value.code == "already_published"
    assert AuditEntry.objects.filter(action="virtue.lists.published").count() == 1


def test_a_quarter_still_running_is_not_published(q3: Any) -> None:
    with pytest.raises(DomainError) as exc:
        lists_publish(actor=q3.clerk, bank=q3.bank, year=2026, quarter=4)
    assert exc.value.code == "quarter_not_over"


def test_the_committee_may_not_publish(q3: Any) -> None:
    with pytest.raises(DomainError) as exc:
        lists_publish(actor=q3.committee[0], bank=q3.bank, year=2026, quarter=3)
    assert exc.value.status == 403


def test_withdrawing_a_black_list_entry_needs_a_reason_and_is_audited(q3: Any) -> None:
    publication = lists_publish(actor=q3.clerk, bank=q3.bank, year=2026, quarter=3)
    entry = publication.entries.get(kind="black")
    with pytest.raises(DomainError) as exc:
        list_entry_withdraw(actor=q3.clerk, entry=entry, reason=" ")
    assert (exc.value.code, list(exc.value.fields)) == ("reason_required", ["reason"])
    list_entry_withdraw(actor=q3.clerk, entry=entry, reason="复核后撤销")
    entry.refresh_from_db()
    assert entry.withdrawn_at is not None and entry.deducted == 10
    assert AuditEntry.objects.filter(action="virtue.lists.entry_withdrawn").exists()
    red = publication.entries.filter(kind="red").first()
    assert red is not None
    with pytest.raises(DomainError) as exc:
        list_entry_withdraw(actor=q3.clerk, entry=red, reason="x")
    assert exc.value.code == "not_black_list"


def test_grade_thresholds_must_fall_from_aaa_to_b(q3: Any) -> None:
    with pytest.raises(DomainError) as exc:
        rating_policy_update(
            actor=q3.admin,
            bank=q3.bank,
            black_list_threshold=10,
            aaa_min=80,
            aa_min=80,
            a_min=70,
            b_min=60,
        )
    assert exc.value.code == "grades_out_of_order"
    with pytest.raises(DomainError) as exc:
        rating_policy_update(
            actor=q3.clerk,
            bank=q3.bank,
            black_list_threshold=10,
            aaa_min=95,
            aa_min=80,
            a_min=70,
            b_min=60,
        )
    assert exc.value.status == 403
