"""Earning hour credits: one approved hour is one hour credit, in the approval's transaction;
corrections adjust them; the cap holds, with the rest recorded as over the cap."""

from __future__ import annotations

import pytest
from django.db import transaction

from volcity.activities.services.corrections import correction_accept, correction_request
from volcity.activities.services.records import record_approve, record_decline
from volcity.activities.tests.factories_records import entered
from volcity.audit.models import AuditEntry
from volcity.ledger.models import LedgerTransaction
from volcity.timebank.models import TimeCredit
from volcity.timebank.services import credits_earn_for_record
from volcity.timebank.services.accounts import ISSUED, volunteer_account_code
from volcity.timebank.tests.factories import (
    approved,
    assert_balances_equal_postings,
    balance,
    postings_sum,
)

pytestmark = pytest.mark.django_db


def test_an_approved_record_earns_one_minute_of_credit_per_minute_served(s):
    record = approved(s, minutes=150)
    assert balance(s.volunteer) == 150
    credit = TimeCredit.objects.get(record=record)
    assert (credit.kind, credit.minutes, credit.credited, credit.over_cap) == (
        "approval",
        150,
        150,
        0,
    )
    assert credit.key == f"timebank:record:{record.pk}"
    assert credit.transaction is not None and credit.transaction.key == credit.key
    assert postings_sum(ISSUED) == -150
    assert AuditEntry.objects.filter(action="timebank.credit.earned").count() == 1
    assert_balances_equal_postings()


def test_the_credit_is_written_in_the_approvals_transaction_and_rolls_back_with_it(s):
    record = entered(s, minutes=90)
    with pytest.raises(RuntimeError), transaction.atomic():
        record_approve(actor=s.leader, record=record)
        assert balance(s.volunteer) == 90  # seen inside the same transaction
        raise RuntimeError("the approval fails after the credit")
    record.refresh_from_db()
    assert record.status == "pending"
    assert balance(s.volunteer) == 0
    assert not TimeCredit.objects.exists()
    assert not LedgerTransaction.objects.filter(key__startswith="timebank:").exists()


def test_pending_and_declined_records_earn_nothing(s):
    entered(s, minutes=60)
    record_decline(actor=s.leader, record=entered(s, minutes=60), reason="没有签到")
    assert balance(s.volunteer) == 0 and not TimeCredit.objects.exists()


def test_the_same_event_credited_twice_counts_once(s):
    record = approved(s, minutes=60)
    again = credits_earn_for_record(record=record, minutes=60, key=f"timebank:record:{record.pk}")
    assert again == TimeCredit.objects.get()
    assert balance(s.volunteer) == 60
    assert LedgerTransaction.objects.filter(key__startswith="timebank:").count() == 1


def test_a_correction_raising_the_minutes_credits_the_difference(s):
    record = approved(s, minutes=120)
    correction = correction_request(volunteer=s.volunteer, record=record, minutes=180, reason="漏")
    correction_accept(actor=s.admin, correction=correction)
    assert balance(s.volunteer) == 180
    credit = TimeCredit.objects.get(key=f"timebank:correction:{correction.pk}")
    assert (credit.kind, credit.minutes, credit.credited) == ("correction", 60, 60)
    assert_balances_equal_postings()


def test_a_correction_lowering_the_minutes_takes_the_difference_back(s):
    record = approved(s, minutes=180)
    correction = correction_request(volunteer=s.volunteer, record=record, minutes=60, reason="多")
    correction_accept(actor=s.admin, correction=correction)
    assert balance(s.volunteer) == 60
    credit = TimeCredit.objects.get(key=f"timebank:correction:{correction.pk}")
    assert (credit.minutes, credit.credited, credit.not_taken_back) == (-120, -120, 0)
    assert credit.transaction is not None and credit.transaction.kind == "timebank.take_back"
    assert AuditEntry.objects.filter(action="timebank.credit.taken_back").count() == 1
    assert_balances_equal_postings()


def test_a_decrease_takes_back_only_what_is_left_and_records_the_rest(s, people):
    from volcity.timebank.services import spend_confirm_in_person, spend_request

    record = approved(s, minutes=180)
    spend = spend_request(
        actor=people["village_admin"],
        volunteer=s.volunteer,
        service="home_help",
        minutes=150,
        service_date=record.served_on,
    )
    spend_confirm_in_person(actor=people["village_admin"], spend=spend)
    assert balance(s.volunteer) == 30
    correction = correction_request(volunteer=s.volunteer, record=record, minutes=60, reason="多")
    correction_accept(actor=s.admin, correction=correction)
    credit = TimeCredit.objects.get(key=f"timebank:correction:{correction.pk}")
    assert (credit.minutes, credit.credited, credit.not_taken_back) == (-120, -30, 90)
    assert balance(s.volunteer) == 0
    assert_balances_equal_postings()


def test_a_declined_record_reinstated_by_a_correction_earns_its_minutes(s):
    record = entered(s, minutes=120)
    record_decline(actor=s.leader, record=record, reason="没有签到")
    correction = correction_request(volunteer=s.volunteer, record=record, minutes=90, reason="有")
    correction_accept(actor=s.admin, correction=correction)
    assert balance(s.volunteer) == 90
    assert TimeCredit.objects.get().key == f"timebank:correction:{correction.pk}"


def test_the_balance_never_passes_the_cap_and_the_rest_is_recorded_over_the_cap(s, settings):
    settings.VOLCITY_TIMEBANK_CAP_HOURS = 3
    approved(s, minutes=120)
    second = approved(s, minutes=120)
    third = approved(s, minutes=60)
    assert balance(s.volunteer) == 180
    credit = TimeCredit.objects.get(record=second)
    assert (credit.minutes, credit.credited, credit.over_cap, credit.cap_minutes) == (
        120,
        60,
        60,
        180,
    )
    full = TimeCredit.objects.get(record=third)
    assert (full.credited, full.over_cap, full.transaction) == (0, 60, None)
    assert_balances_equal_postings()


def test_lowering_a_record_that_was_partly_over_the_cap_takes_back_only_what_was_credited(
    s, settings
):
    settings.VOLCITY_TIMEBANK_CAP_HOURS = 3
    approved(s, minutes=120)
    second = approved(s, minutes=120)  # 60 credited, 60 over the cap
    correction = correction_request(volunteer=s.volunteer, record=second, minutes=60, reason="多")
    correction_accept(actor=s.admin, correction=correction)
    assert balance(s.volunteer) == 180  # the 60 removed had never been credited
    credit = TimeCredit.objects.get(key=f"timebank:correction:{correction.pk}")
    assert (credit.minutes, credit.credited) == (-60, 0)


def test_with_the_time_bank_off_nothing_is_credited(s, settings):
    settings.VOLCITY_TIMEBANK_ENABLED = False
    record = approved(s, minutes=120)
    assert record.status == "approved"
    assert balance(s.volunteer) == 0 and not TimeCredit.objects.exists()


def test_the_volunteers_account_counts_hour_credits_and_may_not_go_negative(s):
    from volcity.ledger.models import Account

    approved(s, minutes=60)
    account = Account.objects.get(code=volunteer_account_code(s.volunteer.pk))
    assert (account.unit, account.allow_negative, account.region_id) == (
        "hour_credits",
        False,
        s.volunteer.region_id,
    )
    assert Account.objects.get(code=ISSUED).allow_negative
