"""The whole life of a deed: reported, reviewed, on notice, objected to, posted."""

from __future__ import annotations

import datetime

import pytest

from volcity.audit.models import AuditEntry
from volcity.core.errors import DomainError
from volcity.core.lifecycle import status_history
from volcity.ledger.models import Posting
from volcity.ledger.queries import balance_of, statement
from volcity.virtue.models import DeedClaim, Objection
from volcity.virtue.services import (
    claim_post,
    claim_review,
    claims_post_due,
    objection_raise,
    objection_resolve,
)
from volcity.virtue.tests.conftest import NOW
from volcity.virtue.tests.factories import approved, reported

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def balance(household):
    household.refresh_from_db()
    return balance_of(household.account_id)


def test_a_new_household_starts_with_the_base_allotment(v):
    household = v.households[0]
    assert balance(household) == 100
    rows = statement(household.account).items
    assert [(r.amount, r.key) for r in rows] == [(100, f"virtue:base:{household.pk}")]
    assert balance_of(v.bank.issuing_account_id) == -200


def test_a_deed_is_approved_put_on_notice_and_posted_after_the_notice(v, time_machine):
    claim = reported(v)
    assert (claim.status, claim.points) == ("submitted", 5)
    claim = claim_review(reviewer=v.committee[0], claim=claim, approve=True)
    claim = claim_review(reviewer=v.committee[1], claim=claim, approve=True)
    assert claim.status == "submitted" and claim.approvals == 2
    claim = claim_review(reviewer=v.committee[2], claim=claim, approve=True)
    assert claim.status == "on_notice"
    assert claim.notice_until == NOW + 3 * DAY

    assert claims_post_due().posted == 0  # the notice still runs
    time_machine.move_to(NOW + 3 * DAY, tick=False)
    run = claims_post_due()
    assert (run.posted, run.held) == (1, 0)
    claim.refresh_from_db()
    assert claim.status == "posted" and claim.posted_transaction is not None
    assert claim.posted_transaction.key == f"virtue:claim:{claim.pk}"
    assert balance(v.households[0]) == 105
    assert [e.action for e in status_history(claim)] == ["approve", "notice", "post"]
    assert claims_post_due().posted == 0  # nothing is posted twice
    assert Posting.objects.filter(transaction__key=f"virtue:claim:{claim.pk}").count() == 2
    assert AuditEntry.objects.filter(action="virtue.claim.reported").count() == 1
    assert AuditEntry.objects.filter(action="virtue.deedclaim.post").count() == 1


def test_posting_without_approval_is_refused(v):
    claim = reported(v)
    with pytest.raises(DomainError) as refused:
        claim_post(actor=v.clerk, claim=claim)
    assert refused.value.code == "not_approved"


def test_posting_while_the_notice_runs_is_refused(v):
    claim = approved(v, reported(v))
    with pytest.raises(DomainError) as refused:
        claim_post(actor=v.clerk, claim=claim)
    assert refused.value.code == "notice_running"


def test_a_second_posting_of_the_same_claim_is_refused(v, time_machine):
    claim = approved(v, reported(v))
    time_machine.move_to(NOW + 4 * DAY, tick=False)
    claim_post(actor=v.clerk, claim=claim)
    with pytest.raises(DomainError) as refused:
        claim_post(actor=v.clerk, claim=claim)
    assert refused.value.code == "already_posted"
    assert balance(v.households[0]) == 105


def test_a_reviewer_rejects_with_a_reason_and_nothing_posts(v, time_machine):
    claim = reported(v)
    with pytest.raises(DomainError) as no_reason:
        claim_review(reviewer=v.committee[0], claim=claim, approve=False)
    assert no_reason.value.code == "reason_required"
    claim = claim_review(reviewer=v.committee[0], claim=claim, approve=False, reason="不属实")
    assert claim.status == "rejected" and claim.decision_reason == "不属实"
    with pytest.raises(DomainError) as late:
        claim_review(reviewer=v.committee[1], claim=claim, approve=True)
    assert late.value.code == "not_submitted"
    time_machine.move_to(NOW + 9 * DAY, tick=False)
    assert claims_post_due().posted == 0
    with pytest.raises(DomainError) as refused:
        claim_post(actor=v.clerk, claim=claim)
    assert refused.value.code == "claim_rejected"


def test_reviewers_outside_the_group_and_of_their_own_claims_are_refused(v, make_user, people):
    claim = reported(v, actor=v.committee[0] if False else v.clerk)
    outsider = make_user("virtue_committee", "village12")
    with pytest.raises(DomainError) as other_village:
        claim_review(reviewer=outsider, claim=claim, approve=True)
    assert other_village.value.code == "not_in_review_group"
    with pytest.raises(DomainError) as clerk:
        claim_review(reviewer=v.clerk, claim=claim, approve=True)
    assert clerk.value.code == "not_in_review_group"
    claim_review(reviewer=v.committee[0], claim=claim, approve=True)
    with pytest.raises(DomainError) as twice:
        claim_review(reviewer=v.committee[0], claim=claim, approve=True)
    assert twice.value.code == "already_reviewed"


def test_nobody_reviews_a_deed_they_reported(v, make_user):
    from volcity.accounts.models import RoleGrant

    member = v.committee[0]
    RoleGrant.objects.create(user=member, role="virtue_clerk", region=v.bank.region)
    from volcity.accounts.scope import clear_scope_cache

    clear_scope_cache(member)
    claim = reported(v, actor=member)
    with pytest.raises(DomainError) as own:
        claim_review(reviewer=member, claim=claim, approve=True)
    assert own.value.code == "own_claim"


def test_an_objection_holds_the_claim_until_it_is_resolved(v, people, time_machine):
    claim = approved(v, reported(v))
    villager = people["volunteer"]  # lives in village 11
    objection = objection_raise(user=villager, claim=claim, reason="那天他不在村里")
    claim.refresh_from_db()
    assert claim.status == "objected"
    time_machine.move_to(NOW + 5 * DAY, tick=False)
    assert claims_post_due().posted == 0
    with pytest.raises(DomainError) as refused:
        claim_post(actor=v.clerk, claim=claim)
    assert refused.value.code == "objection_open"
    with pytest.raises(DomainError) as no_reason:
        objection_resolve(actor=v.committee[0], objection=objection, uphold=False, reason="")
    assert no_reason.value.code == "reason_required"
    objection_resolve(actor=v.committee[0], objection=objection, uphold=False, reason="已核实属实")
    claim.refresh_from_db()
    assert claim.status == "on_notice"
    assert claims_post_due().posted == 1
    assert balance(v.households[0]) == 105
    with pytest.raises(DomainError) as closed:
        objection_resolve(actor=v.clerk, objection=objection, uphold=True, reason="再议")
    assert closed.value.code == "objection_closed"


def test_an_upheld_objection_rejects_the_claim(v, people, time_machine):
    claim = approved(v, reported(v))
    first = objection_raise(user=people["volunteer"], claim=claim, reason="不属实")
    second = objection_raise(user=people["station_keeper"], claim=claim, reason="重复申报")
    objection_resolve(actor=v.clerk, objection=first, uphold=True, reason="经核实不属实")
    claim.refresh_from_db()
    second.refresh_from_db()
    assert claim.status == "rejected" and second.status == Objection.Status.UPHELD
    time_machine.move_to(NOW + 5 * DAY, tick=False)
    assert claims_post_due().posted == 0
    assert balance(v.households[0]) == 100


def test_an_objection_after_the_notice_closed_is_refused(v, people, time_machine):
    claim = approved(v, reported(v))
    time_machine.move_to(NOW + 3 * DAY, tick=False)
    with pytest.raises(DomainError) as late:
        objection_raise(user=people["volunteer"], claim=claim, reason="太晚了")
    assert late.value.code == "notice_closed"
    assert not Objection.objects.exists()


def test_only_people_of_the_village_may_object(v, people):
    claim = approved(v, reported(v))
    with pytest.raises(DomainError) as outsider:
        objection_raise(user=people["resident"], claim=claim, reason="外村人")  # village 12
    assert outsider.value.code == "not_a_villager"
    with pytest.raises(DomainError) as submitted:
        objection_raise(user=people["volunteer"], claim=reported(v), reason="尚未公示")
    assert submitted.value.code == "not_on_notice"


def test_a_bad_deed_takes_points_away(v, time_machine):
    claim = approved(v, reported(v, item_code="fireworks"))
    assert claim.points == -5
    time_machine.move_to(NOW + 3 * DAY, tick=False)
    claims_post_due()
    assert balance(v.households[0]) == 95


def test_a_deduction_larger_than_the_balance_is_held_until_it_can_post(
    people, city, make_user, time_machine
):
    from volcity.virtue.tests.factories import village

    v = village(people, city, make_user, base_allotment=3)
    claim = approved(v, reported(v, item_code="fireworks"))
    time_machine.move_to(NOW + 3 * DAY, tick=False)
    run = claims_post_due()
    assert (run.posted, run.held) == (0, 1)
    claim.refresh_from_db()
    assert claim.status == "on_notice" and claim.held and claim.hold_reason
    assert balance(v.households[0]) == 3
    good = approved(v, reported(v, item_code="filial"))
    time_machine.move_to(NOW + 7 * DAY, tick=False)
    run = claims_post_due()
    assert (run.posted, run.held) == (2, 0)
    claim.refresh_from_db()
    assert claim.status == "posted" and not claim.held
    good.refresh_from_db()
    assert balance(v.households[0]) == 3 + 5 - 5


def test_balances_always_equal_the_postings(v, time_machine):
    from django.db.models import Sum

    for code in ("filial", "clean", "litter", "neighbour"):
        approved(v, reported(v, item_code=code, household=v.households[1]))
    time_machine.move_to(NOW + 3 * DAY, tick=False)
    claims_post_due()
    for household in v.households:
        household.refresh_from_db()
        summed = Posting.objects.filter(account_id=household.account_id).aggregate(s=Sum("amount"))
        assert balance(household) == summed["s"]
    assert balance(v.households[1]) == 100 + 5 + 2 - 2 + 3
    total = Posting.objects.aggregate(s=Sum("amount"))["s"]
    assert total == 0
    posted = DeedClaim.objects.filter(status="posted").aggregate(s=Sum("points"))["s"]
    assert balance_of(v.bank.issuing_account_id) == -(200 + posted)


def test_person_accounts_take_the_points_of_a_named_resident(people, city, make_user, time_machine):
    from volcity.virtue.services import claim_report, resident_add
    from volcity.virtue.tests.factories import village

    v = village(people, city, make_user, person_accounts=True)
    household = v.households[0]
    child = resident_add(actor=v.clerk, household=household, name="王小明", relation="child")
    assert child.account is not None
    claim = claim_report(
        actor=v.clerk,
        household=household,
        item_code="clean",
        occurred_on=NOW.date(),
        resident=child,
    )
    approved(v, claim)
    time_machine.move_to(NOW + 3 * DAY, tick=False)
    claims_post_due()
    assert balance_of(child.account_id or 0) == 2
    assert balance(household) == 100
