"""The pages: the clerk's counter, the review queue, the public notice board, a deed's page,
the household's statement, households and the catalogue; scoped to the village."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from volcity.virtue.models import DeedClaim
from volcity.virtue.services import resident_add
from volcity.virtue.tests.conftest import NOW
from volcity.virtue.tests.factories import approved, png_bytes, reported

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def login(user):
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def english(client):
    """Messages are asserted in English (the city's default is Chinese)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_a_clerk_records_reviewers_approve_the_notice_runs_and_points_post(
    v, client_as, people, time_machine, django_assert_max_num_queries
):
    clerk = client_as("virtue_clerk")
    page = clerk.get(reverse("virtue:counter"))
    assert page.status_code == 200 and "孝老爱亲" in page.content.decode()
    found = clerk.get(reverse("virtue:counter"), {"q": "王"})
    assert "H001" in found.content.decode()
    made = clerk.post(
        reverse("virtue:counter"),
        {
            "household": "H001",
            "item_code": "filial",
            "quantity": "1",
            "occurred_on": NOW.date().isoformat(),
            "description": "照顾孤寡老人",
            "photos": [SimpleUploadedFile("p.png", png_bytes(), content_type="image/png")],
        },
    )
    assert made.status_code == 302, made.content.decode()[:2000]
    claim = DeedClaim.objects.get()
    assert claim.photos.count() == 1

    for member in v.committee[:3]:
        reviewer = login(member)
        queue = reviewer.get(reverse("virtue:review_queue"))
        assert f"approve-{claim.pk}" in queue.content.decode()
        done = reviewer.post(
            reverse("virtue:claim_review", kwargs={"claim_id": claim.pk}), {"decision": "approve"}
        )
        assert done.status_code == 302
    claim.refresh_from_db()
    assert claim.status == "on_notice"

    board = Client().get(reverse("virtue:notice_board", kwargs={"region": v.bank.region_id}))
    text = board.content.decode()
    assert "王*" in text and "王守军" not in text and "照顾孤寡老人" not in text
    detail = clerk.get(reverse("virtue:claim_detail", kwargs={"claim_id": claim.pk}))
    photo_url = reverse("virtue:claim_photo", kwargs={"photo_id": claim.photos.get().pk})
    assert photo_url in detail.content.decode()
    assert clerk.get(photo_url)["Content-Type"] == "image/png"
    assert Client().get(photo_url).status_code == 302

    early = clerk.post(reverse("virtue:claim_post", kwargs={"claim_id": claim.pk}))
    assert early.status_code == 400 and 'data-testid="claim-error"' in early.content.decode()
    time_machine.move_to(NOW + 3 * DAY, tick=False)
    call_command("virtue_post_due", stdout=open("/dev/null", "w"))
    claim.refresh_from_db()
    assert claim.status == "posted"
    with django_assert_max_num_queries(12):
        statement = clerk.get(
            reverse("virtue:household_statement", kwargs={"household_id": claim.household_id})
        )
    assert 'data-testid="household-balance">105' in statement.content.decode()


def test_counter_refusals_show_beside_the_field(v, client_as):
    clerk = english(client_as("virtue_clerk"))
    response = clerk.post(
        reverse("virtue:counter"),
        {"household": "NOPE", "item_code": "filial", "quantity": "1", "occurred_on": "2026-11-20"},
    )
    assert response.status_code == 400
    assert "No household of this village has this number" in response.content.decode()
    fake = clerk.post(
        reverse("virtue:counter"),
        {
            "household": "H001",
            "item_code": "filial",
            "quantity": "1",
            "occurred_on": "2026-11-20",
            "photos": [SimpleUploadedFile("p.jpg", b"not an image", content_type="image/jpeg")],
        },
    )
    assert fake.status_code == 400 and "JPEG" in fake.content.decode()
    assert not DeedClaim.objects.exists()


def test_a_villager_objects_on_the_board_and_late_objections_are_refused(
    v, client_as, time_machine
):
    claim = approved(v, reported(v))
    url = reverse("virtue:notice_board", kwargs={"region": v.bank.region_id})
    villager = english(client_as("volunteer"))
    assert f"object-submit-{claim.pk}" in villager.get(url).content.decode()
    raise_url = reverse("virtue:objection_raise", kwargs={"claim_id": claim.pk})
    assert villager.post(raise_url, {"reason": "不属实"}).status_code == 302
    claim.refresh_from_db()
    assert claim.status == "objected"
    time_machine.move_to(NOW + 3 * DAY, tick=False)
    late = villager.post(raise_url, {"reason": "又一个"})
    assert late.status_code == 400 and "closed" in late.content.decode()
    outsider = client_as("resident").post(raise_url, {"reason": "外村"})
    assert outsider.status_code == 403


def test_a_resident_sees_their_own_household_only(v, make_user, client_as):
    member = make_user("resident", "village11")
    resident_add(
        actor=v.clerk, household=v.households[0], name="王小明", relation="child", user=member
    )
    client = login(member)
    mine = client.get(reverse("virtue:my_household"))
    assert mine.status_code == 302
    own = client.get(mine["Location"])
    assert own.status_code == 200 and "王守军" in own.content.decode()
    other = client.get(
        reverse("virtue:household_statement", kwargs={"household_id": v.households[1].pk})
    )
    assert other.status_code == 404
    assert client_as("resident").get(reverse("virtue:my_household")).status_code == 200


def test_another_village_clerk_sees_nothing(v, make_user):
    other = login(make_user("virtue_clerk", "village12"))
    claim = reported(v)
    assert other.get(reverse("virtue:counter")).status_code == 403
    assert (
        other.get(reverse("virtue:claim_detail", kwargs={"claim_id": claim.pk})).status_code == 404
    )
    assert (
        other.get(
            reverse("virtue:household_statement", kwargs={"household_id": v.households[0].pk})
        ).status_code
        == 404
    )


def test_lists_keep_a_query_budget(v, client_as, django_assert_max_num_queries):
    for _ in range(3):
        reported(v, item_code="clean")
    clerk = client_as("virtue_clerk")
    with django_assert_max_num_queries(14):
        assert clerk.get(reverse("virtue:counter")).status_code == 200
    with django_assert_max_num_queries(10):
        assert clerk.get(reverse("virtue:households")).status_code == 200
    reviewer = login(v.committee[0])
    with django_assert_max_num_queries(10):
        assert reviewer.get(reverse("virtue:review_queue")).status_code == 200
    with django_assert_max_num_queries(6):
        Client().get(reverse("virtue:notice_board", kwargs={"region": v.bank.region_id}))


def test_an_administrator_edits_a_draft_and_publishes_it(v, client_as):
    admin = english(client_as("village_admin"))
    assert admin.get(reverse("virtue:catalogue")).status_code == 200
    version_url = reverse("virtue:catalogue_version", kwargs={"version_id": v.version.pk})
    assert 'data-testid="draft-from"' in admin.get(version_url).content.decode()
    made = admin.post(reverse("virtue:catalogue_draft", kwargs={"version_id": v.version.pk}))
    assert made.status_code == 302
    draft_id = int(made["Location"].rstrip("/").split("/")[-1])
    added = admin.post(
        reverse("virtue:item_add", kwargs={"version_id": draft_id}),
        {
            "code": "river",
            "name": "河道巡护",
            "category": "environment",
            "points": "3",
            "unit": "each",
            "limit_period": "none",
        },
    )
    assert added.status_code == 302
    refused = admin.post(
        reverse("virtue:item_add", kwargs={"version_id": v.version.pk}),
        {
            "code": "x",
            "name": "x",
            "category": "other",
            "points": "1",
            "unit": "each",
            "limit_period": "none",
        },
    )
    assert refused.status_code == 400 and "never changed" in refused.content.decode()
    published = admin.post(
        reverse("virtue:catalogue_publish", kwargs={"version_id": draft_id}),
        {"effective_from": (NOW.date() + DAY).isoformat()},
    )
    assert published.status_code == 302
    settings_page = admin.post(
        reverse("virtue:bank_settings", kwargs={"region": v.bank.region_id}),
        {
            "name": "南马兰美德银行",
            "approvals_required": "5",
            "notice_days": "7",
            "base_allotment": "100",
            "ranking_top_n": "50",
            "active": "on",
        },
    )
    assert settings_page.status_code == 302
    v.bank.refresh_from_db()
    assert (v.bank.approvals_required, v.bank.notice_days) == (5, 7)
