"""The civic credit rating, consent to share it with a partner bank, and the export."""

from __future__ import annotations

import datetime
import io
from typing import Any

import openpyxl
import pytest

from volcity.audit.models import AuditEntry
from volcity.core.errors import DomainError
from volcity.virtue.models import Resident
from volcity.virtue.models_ratings import BankSharingConsent, CreditRating, RatingExport
from volcity.virtue.services import household_register, resident_add
from volcity.virtue.services.credit import (
    consent_grant,
    consent_revoke,
    rating_export,
    rating_run,
    rating_score,
)
from volcity.virtue.services.ratings import lists_publish
from volcity.virtue.tests.factories import catalogue_publish_items, village
from volcity.virtue.tests.ratings_helpers import at, posted

BANK = "青州农商银行"
SEVERE_ITEMS: list[tuple[str, str, str, int, str, int | None, str]] = [
    ("filial", "孝老爱亲", "family", 5, "each", None, "none"),
    ("fireworks", "违规燃放", "public_order", -5, "each", None, "none"),
    ("neglect", "不赡养老人", "family", -20, "each", None, "none"),
]


@pytest.fixture
def rated(people: dict[str, Any], city: dict[str, Any], make_user: Any, time_machine: Any) -> Any:
    time_machine.move_to(at("2026-06-20"), tick=False)
    v = village(people, city, make_user)
    h1, h2 = v.households
    for n in range(4):
        posted(v, time_machine, h1, "filial", at(f"2026-07-{10 + n}"))  # +20 in Q3
    posted(v, time_machine, h2, "fireworks", at("2026-08-10"))  # -5
    time_machine.move_to(at("2026-11-20"), tick=False)
    v.people["member"] = people["resident"]
    return v


def test_score_follows_the_documented_rule() -> None:
    inputs = {
        "earned": 49,
        "deducted": 5,
        "severe": 1,
        "balance": 250,
        "red_lists": 1,
        "black_lists": 0,
    }
    score, parts = rating_score(inputs)
    assert parts == {
        "base": 60,
        "earned": 9,
        "balance": 10,
        "deducted": -2,
        "severe": -10,
        "red_lists": 5,
        "black_lists": 0,
    }
    assert score == 72
    worst = {
        "earned": 0,
        "deducted": 99,
        "severe": 5,
        "balance": 0,
        "red_lists": 0,
        "black_lists": 3,
    }
    assert rating_score(worst)[0] == 0


def test_a_rating_run_stores_one_explained_rating_per_household(rated: Any) -> None:
    lists_publish(actor=rated.clerk, bank=rated.bank, year=2026, quarter=3)
    assert rating_run(actor=rated.clerk, bank=rated.bank) == 2
    r1 = CreditRating.objects.get(household=rated.households[0])
    # 60 + 20 earned ÷ 5 = 4 + balance 120 ÷ 20 = 6 + one red list 5
    assert (r1.score, r1.grade) == (75, "A")
    assert r1.inputs["balance"] == 120 and r1.inputs["parts"]["red_lists"] == 5
    r2 = CreditRating.objects.get(household=rated.households[1])
    # 60 + balance 95 ÷ 20 = 4 − 5 ÷ 2 = 2
    assert (r2.score, r2.grade) == (62, "B")
    # A second run the same day recomputes, never duplicates.
    rating_run(actor=rated.clerk, bank=rated.bank)
    assert CreditRating.objects.filter(bank=rated.bank).count() == 2


def test_a_rating_as_of_a_past_day_uses_the_record_of_that_day(rated: Any) -> None:
    rating_run(actor=None, bank=rated.bank, as_of=datetime.date(2026, 7, 11))
    r1 = CreditRating.objects.get(household=rated.households[0])
    assert (r1.inputs["earned"], r1.inputs["balance"]) == (10, 110)


def test_severe_deductions_weigh_heavily(
    people: dict[str, Any], city: dict[str, Any], make_user: Any, time_machine: Any
) -> None:
    time_machine.move_to(at("2026-06-20"), tick=False)
    v = village(people, city, make_user, region="village12")
    time_machine.move_to(at("2026-06-21"), tick=False)
    catalogue_publish_items(v.admin, v.bank, items=SEVERE_ITEMS)  # version 2, with −20 items
    posted(v, time_machine, v.households[0], "neglect", at("2026-08-01"))
    time_machine.move_to(at("2026-11-20"), tick=False)
    rating_run(actor=v.clerk, bank=v.bank)
    r = CreditRating.objects.get(household=v.households[0])
    # 60 + 80 ÷ 20 = 4 − 20 ÷ 2 = 10 − one severe deduction 10
    assert (r.inputs["severe"], r.score, r.grade) == (1, 44, "C")


def test_a_rating_as_of_tomorrow_is_refused(rated: Any) -> None:
    with pytest.raises(DomainError) as exc:
        rating_run(actor=rated.clerk, bank=rated.bank, as_of=datetime.date(2026, 11, 21))
    assert (exc.value.code, list(exc.value.fields)) == ("as_of_in_future", ["as_of"])


def _book(f: Any) -> list[tuple[Any, ...]]:
    return list(openpyxl.load_workbook(io.BytesIO(f.read())).active.iter_rows(values_only=True))


def test_the_export_holds_only_households_that_consented_and_a_revoked_consent_drops_out(
    rated: Any,
) -> None:
    h1, h2 = rated.households
    rating_run(actor=rated.clerk, bank=rated.bank)
    head = Resident.objects.get(household=h1, relation="head")
    consent = consent_grant(
        actor=rated.clerk, household=h1, resident=head, partner=BANK, evidence="签字表 2026-001"
    )
    f, record = rating_export(actor=rated.clerk, bank=rated.bank, partner=BANK)
    rows = _book(f)
    assert [r[0] for r in rows[1:]] == ["H001"]
    assert rows[1][3:5] == (70, "A")  # 60 + 20 ÷ 5 + 120 ÷ 20
    assert (record.rows, record.household_ids) == (1, [h1.pk])
    consent_revoke(actor=rated.clerk, consent=consent, reason="户主本人要求撤回")
    f, record = rating_export(actor=rated.clerk, bank=rated.bank, partner=BANK)
    assert _book(f)[1:] == []
    assert RatingExport.objects.count() == 2
    assert AuditEntry.objects.filter(action="virtue.rating.exported").count() == 2
    assert h2.pk not in record.household_ids


def test_a_household_grants_and_revokes_its_own_consent(rated: Any) -> None:
    member = rated.people["member"]
    me = resident_add(
        actor=rated.clerk,
        household=rated.households[0],
        name="王小明",
        relation="child",
        user=member,
    )
    consent = consent_grant(actor=member, household=rated.households[0], resident=me, partner=BANK)
    with pytest.raises(DomainError) as exc:
        consent_grant(actor=member, household=rated.households[0], resident=me, partner=BANK)
    assert exc.value.code == "consent_exists"
    consent_revoke(actor=member, consent=consent)
    again = consent_grant(actor=member, household=rated.households[0], resident=me, partner=BANK)
    assert BankSharingConsent.objects.filter(household=rated.households[0]).count() == 2
    assert again.revoked_at is None


def test_nobody_else_records_a_households_consent(rated: Any) -> None:
    other = household_register(
        actor=rated.clerk, bank=rated.bank, number="H009", head_name="陈德胜"
    )
    head = Resident.objects.get(household=other, relation="head")
    with pytest.raises(DomainError) as exc:
        consent_grant(actor=rated.people["volunteer"], household=other, resident=head, partner=BANK)
    assert exc.value.status == 403
    wrong = Resident.objects.get(household=rated.households[0], relation="head")
    with pytest.raises(DomainError) as exc:
        consent_grant(actor=rated.clerk, household=other, resident=wrong, partner=BANK)
    assert exc.value.code == "resident_not_of_household"
    with pytest.raises(DomainError) as exc:
        consent_grant(actor=rated.clerk, household=other, resident=head, partner="某某银行")
    assert (exc.value.code, list(exc.value.fields)) == ("unknown_partner", ["partner"])


def test_the_clerk_gives_a_reason_to_revoke(rated: Any) -> None:
    head = Resident.objects.get(household=rated.households[0], relation="head")
    consent = consent_grant(
        actor=rated.clerk, household=rated.households[0], resident=head, partner=BANK
    )
    with pytest.raises(DomainError) as exc:
        consent_revoke(actor=rated.clerk, consent=consent, reason="")
    assert exc.value.code == "reason_required"
    consent_revoke(actor=rated.clerk, consent=consent, reason="本人电话要求")
    with pytest.raises(DomainError) as exc:
        consent_revoke(actor=rated.clerk, consent=consent, reason="再次")
    assert exc.value.code == "consent_revoked"


def test_the_cron_command_rates_every_open_bank(rated: Any) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("virtue_rating_run", "--as-of", "2026-11-01", stdout=out)
    assert out.getvalue().strip() == "virtue: 2 households rated in 1 banks"
    assert set(CreditRating.objects.values_list("as_of", flat=True)) == {datetime.date(2026, 11, 1)}
