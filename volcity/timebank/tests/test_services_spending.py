"""Spending hour credits on services: staff record, the volunteer consents, one ledger
transaction debits; every refusal with its code and field, and nothing written."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from volcity.activities.tests.factories import new_volunteer
from volcity.audit.models import AuditEntry
from volcity.core.errors import NotFound, PermissionDenied
from volcity.core.lifecycle import ReasonRequired, TransitionNotAllowed
from volcity.ledger.models import LedgerTransaction
from volcity.timebank.errors import (
    BeneficiaryUnder60,
    MinutesInvalid,
    NotEnoughCredits,
    NotYourFamily,
    NotYourSpend,
    ServiceNotAllowed,
    TimeBankOff,
)
from volcity.timebank.models import TimeSpend
from volcity.timebank.queries import volunteer_by_number_for
from volcity.timebank.services import (
    family_member_remove,
    spend_cancel,
    spend_confirm,
    spend_confirm_in_person,
    spend_request,
)
from volcity.timebank.services.accounts import SPENT
from volcity.timebank.tests.factories import (
    approved,
    assert_balances_equal_postings,
    balance,
    postings_sum,
    relative,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 20)  # the frozen clock's day
SIXTY_TOMORROW = datetime.date(1966, 11, 21)  # 59 today, 60 from tomorrow


@pytest.fixture
def staff(people):
    return people["village_admin"]


@pytest.fixture
def funded(s):
    approved(s, minutes=240)
    return s


def ask(staff, volunteer, **kw):
    values = {
        "actor": staff,
        "volunteer": volunteer,
        "service": "hospital_escort",
        "minutes": 120,
        "service_date": TODAY,
    }
    values.update(kw)
    return spend_request(**values)


def test_a_spend_waits_for_consent_then_one_transaction_debits_the_credits(funded, staff):
    s = funded
    spend = ask(staff, s.volunteer)
    assert spend.status == "pending" and balance(s.volunteer) == 240
    done = spend_confirm(actor=s.volunteer.user, spend=spend)
    assert (done.status, done.confirmed_how, done.confirmed_by) == (
        "confirmed",
        "phone",
        s.volunteer.user,
    )
    assert done.transaction is not None and done.transaction.key == f"timebank:spend:{spend.pk}"
    assert balance(s.volunteer) == 120 and postings_sum(SPENT) == 120
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"timebank.spend.requested", "timebank.timespend.confirm"} <= actions
    assert_balances_equal_postings()


def test_staff_mark_consent_given_in_person(funded, people):
    keeper = people["station_keeper"]  # a Lei Feng station keeper of village 11
    spend = ask(keeper, funded.volunteer, service="home_help", minutes=60)
    done = spend_confirm_in_person(actor=keeper, spend=spend)
    assert (done.status, done.confirmed_how) == ("confirmed", "in_person")
    assert balance(funded.volunteer) == 180


def test_only_the_volunteer_confirms_on_their_phone(funded, staff, people):
    spend = ask(staff, funded.volunteer)
    with pytest.raises(NotYourSpend):
        spend_confirm(actor=staff, spend=spend)
    with pytest.raises(PermissionDenied):
        spend_confirm_in_person(actor=people["other_town_admin"], spend=spend)
    assert TimeSpend.objects.get().status == "pending"


@pytest.mark.parametrize("minutes", [0, -30])
def test_zero_or_negative_minutes_are_refused(funded, staff, minutes):
    with pytest.raises(MinutesInvalid) as e:
        ask(staff, funded.volunteer, minutes=minutes)
    assert (e.value.code, list(e.value.fields)) == ("minutes_invalid", ["minutes"])
    assert not TimeSpend.objects.exists()


def test_more_minutes_than_the_balance_are_refused(funded, staff):
    with translation.override("en"), pytest.raises(NotEnoughCredits) as e:
        ask(staff, funded.volunteer, minutes=241)
    assert (e.value.code, list(e.value.fields), e.value.status) == (
        "not_enough_credits",
        ["minutes"],
        409,
    )
    assert "4 hours are available" in str(e.value.message)
    assert not TimeSpend.objects.exists()


def test_pending_spends_set_credits_aside(funded, staff):
    ask(staff, funded.volunteer, minutes=180)
    with pytest.raises(NotEnoughCredits):
        ask(staff, funded.volunteer, minutes=61)
    ask(staff, funded.volunteer, minutes=60)


def test_there_is_no_cash_option(funded, staff):
    for service in ("cash", "withdrawal", ""):
        with pytest.raises(ServiceNotAllowed) as e:
            ask(staff, funded.volunteer, service=service)
        assert e.value.fields.keys() == {"service"}
    assert "cash" not in TimeSpend.Service.values


def test_a_family_member_is_served_only_from_the_day_they_turn_60(funded, staff):
    mother = relative(funded.volunteer, born=SIXTY_TOMORROW)
    with translation.override("en"):
        with pytest.raises(BeneficiaryUnder60) as e:
            ask(staff, funded.volunteer, beneficiary=mother, service_date=TODAY)
        message = str(e.value.message)
    assert (e.value.code, list(e.value.fields)) == ("beneficiary_under_60", ["beneficiary"])
    assert "aged 60 or over on the day of the service" in message
    tomorrow = TODAY + datetime.timedelta(days=1)
    spend = ask(staff, funded.volunteer, beneficiary=mother, service_date=tomorrow)
    assert spend.beneficiary == mother


def test_a_family_member_removed_after_the_request_is_refused_at_confirmation(funded, staff):
    mother = relative(funded.volunteer, born=datetime.date(1950, 3, 1))
    spend = ask(staff, funded.volunteer, beneficiary=mother)
    family_member_remove(actor=funded.volunteer.user, member=mother)
    with pytest.raises(NotYourFamily):
        spend_confirm(actor=funded.volunteer.user, spend=spend)
    assert balance(funded.volunteer) == 240


def test_a_family_member_of_another_volunteer_is_refused(funded, staff, city):
    other = new_volunteer(city["village11"].code)
    stranger = relative(other, born=datetime.date(1950, 1, 1), name="李大爷")
    with pytest.raises(NotYourFamily) as e:
        ask(staff, funded.volunteer, beneficiary=stranger)
    assert (e.value.code, list(e.value.fields)) == ("not_your_family", ["beneficiary"])


def test_staff_of_another_region_may_not_record_a_spend(funded, people):
    with pytest.raises(PermissionDenied):
        ask(people["other_town_admin"], funded.volunteer)
    with pytest.raises(NotFound):
        volunteer_by_number_for(people["other_town_admin"], funded.volunteer.number)
    assert volunteer_by_number_for(people["dispatcher"], funded.volunteer.number)


def test_a_spend_is_cancelled_before_confirmation_and_not_after(funded, staff):
    spend = ask(staff, funded.volunteer)
    with pytest.raises(ReasonRequired):
        spend_cancel(actor=staff, spend=spend, reason="")
    cancelled = spend_cancel(actor=funded.volunteer.user, spend=spend, reason="不需要了")
    assert cancelled.status == "cancelled" and balance(funded.volunteer) == 240
    with pytest.raises(TransitionNotAllowed):
        spend_confirm(actor=funded.volunteer.user, spend=spend)
    other = ask(staff, funded.volunteer, minutes=60)
    spend_confirm(actor=funded.volunteer.user, spend=other)
    with pytest.raises(TransitionNotAllowed):
        spend_cancel(actor=staff, spend=other, reason="晚了")
    assert balance(funded.volunteer) == 180
    assert LedgerTransaction.objects.filter(kind="timebank.spend").count() == 1


def test_a_balance_spent_meanwhile_is_refused_at_confirmation(funded, staff, settings):
    first = ask(staff, funded.volunteer, minutes=200)
    spend_confirm(actor=funded.volunteer.user, spend=first)
    # a pending spend made before the balance fell cannot overdraw it
    second = TimeSpend.objects.create(
        volunteer=funded.volunteer,
        region_id=funded.volunteer.region_id,
        service="meals",
        service_date=TODAY,
        minutes=60,
        requested_by=staff,
    )
    with pytest.raises(NotEnoughCredits):
        spend_confirm(actor=funded.volunteer.user, spend=second)
    assert balance(funded.volunteer) == 40
    assert_balances_equal_postings()


def test_with_the_time_bank_off_nothing_is_spent(funded, staff, settings):
    settings.VOLCITY_TIMEBANK_ENABLED = False
    with pytest.raises(TimeBankOff):
        ask(staff, funded.volunteer)
