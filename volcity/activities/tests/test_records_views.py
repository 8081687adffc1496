"""The pages of service records: the volunteer's hours and corrections, the staff's lists."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from volcity.activities.models import RecordCorrection, ServiceRecord
from volcity.activities.services.corrections import correction_request
from volcity.activities.services.records import record_approve
from volcity.activities.tests.factories import shift_make, volunteer_for
from volcity.activities.tests.factories_records import NOW, entered, stage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def s(people, city):
    st = stage(people, city)
    st.volunteer = volunteer_for(people["volunteer"], city["village11"].code)
    return st


def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_a_volunteer_sees_hours_stars_progress_and_records_on_one_page(
    s, client_as, settings, django_assert_max_num_queries
):
    settings.VOLCITY_STAR_THRESHOLDS = [1, 2, 3, 4, 5]
    record_approve(actor=s.leader, record=entered(s, minutes=90))
    waiting = entered(s, minutes=30)
    correction_request(volunteer=s.volunteer, record=waiting, minutes=40, reason="改")
    client = english(client_as("volunteer"))
    with django_assert_max_num_queries(12):
        page = client.get(reverse("activities:my_hours"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "1.5 hours" in html and "0.5 more hours" in html
    assert '<progress id="star-progress" max="100" value="50"' in html
    assert "Star 1, earned on 2026-11-20" in html
    assert "A correction waits for review." in html
    assert html.count('data-testid="ask-correction"') == 1
    # The records are rows of one card (a card per row lost its padding inside a .list).
    assert 'data-testid="my-records"' in html and '<li class="card"' not in html


def test_someone_not_registered_is_sent_to_register(client_as):
    response = client_as("resident").get(reverse("activities:my_hours"))
    assert response.status_code == 302 and response["Location"] == reverse("registry:register")


def test_a_volunteer_asks_for_a_correction_and_is_told_what_is_missing(s, client_as):
    record = entered(s, minutes=120)
    client = english(client_as("volunteer"))
    url = reverse("activities:correction_new", args=[record.pk])
    assert client.get(url).status_code == 200
    refused = client.post(url, {"hours": "3", "reason": ""})
    assert refused.status_code == 400 and b'data-field="reason"' in refused.content
    too_long = client.post(url, {"hours": "30", "reason": "多"})
    assert too_long.status_code == 400 and b'data-field="hours"' in too_long.content
    assert not RecordCorrection.objects.exists()
    sent = client.post(url, {"hours": "2.5", "reason": "签退晚了"})
    assert sent.status_code == 302
    assert RecordCorrection.objects.get().minutes == 150


def test_nobody_opens_the_correction_form_of_someone_elses_record(s, client_as, city):
    record = entered(s)
    assert (
        client_as("village_admin")
        .get(reverse("activities:correction_new", args=[record.pk]))
        .status_code
        == 404
    )


def test_staff_see_pending_records_with_flags_and_approve_them_in_bulk(
    s, client_as, django_assert_max_num_queries
):
    records = [entered(s, minutes=60 + n) for n in range(4)]
    ServiceRecord.objects.filter(pk=records[0].pk).update(flagged=True, flag_reason="自动签退")
    client = english(client_as("town_admin"))
    with django_assert_max_num_queries(12):
        page = client.get(reverse("activities:record_list"))
    html = page.content.decode()
    assert page.status_code == 200 and html.count('name="record"') == 4
    assert f'class="row-error" title="自动签退" data-testid="row-{records[0].pk}"' in html
    done = client.post(
        reverse("activities:record_bulk_approve"),
        {"record": [records[0].pk, records[1].pk], "query": "status=pending"},
    )
    assert done.status_code == 302 and done["Location"].endswith("?status=pending")
    assert ServiceRecord.objects.filter(status="approved").count() == 2
    refused = client.post(reverse("activities:record_bulk_approve"), {"record": [records[0].pk]})
    assert refused.status_code == 400 and b'data-testid="list-error"' in refused.content


def test_declining_from_the_list_needs_a_reason(s, client_as):
    record = entered(s)
    client = english(client_as("team_leader"))
    url = reverse("activities:record_decline", args=[record.pk])
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 400 and b'data-field="reason"' in refused.content
    assert client.post(url, {"reason": "重复登记"}).status_code == 302
    record.refresh_from_db()
    assert (record.status, record.decline_reason) == ("declined", "重复登记")
    listed = client.get(reverse("activities:record_list"), {"status": "declined"})
    assert "重复登记" in listed.content.decode()


def test_the_list_filters_by_team_and_refuses_volunteers(s, client_as):
    entered(s)
    client = client_as("town_admin")
    assert (
        len(
            client.get(reverse("activities:record_list"), {"team": s.team.pk}).context["page"].items
        )
        == 1
    )
    assert client_as("volunteer").get(reverse("activities:record_list")).status_code == 403
    other = client_as("other_town_admin").get(reverse("activities:record_list"))
    assert other.status_code == 200 and other.context["page"].items == []


def test_a_leader_enters_a_record_on_the_form(s, client_as):
    client = english(client_as("team_leader"))
    url = reverse("activities:record_new")
    assert client.get(url).status_code == 200
    shift = shift_make(
        s.activity, starts_at=datetime.datetime(2026, 11, 19, 1, 0, tzinfo=datetime.UTC), hours=2
    )
    base = {
        "team": s.team.pk,
        "volunteer": s.volunteer.number,
        "activity": s.activity.pk,
        "served_on": "2026-11-19",
        "hours": "2",
        "title": "",
        "place": "",
        "content": "帮老人买菜",
    }
    late = client.post(url, {**base, "served_on": "2026-10-01"})
    assert late.status_code == 400 and b'data-field="served_on"' in late.content
    assert b"10 working days" in late.content
    over = client.post(url, {**base, "shift": shift.pk, "hours": "2.5"})
    assert over.status_code == 400 and b'data-field="hours"' in over.content
    unknown = client.post(url, {**base, "volunteer": "999"})
    assert unknown.status_code == 400 and b'data-field="volunteer"' in unknown.content
    assert not ServiceRecord.objects.exists()
    assert client.post(url, {**base, "shift": shift.pk}).status_code == 302
    record = ServiceRecord.objects.get()
    assert (record.minutes, record.source, record.status) == (120, "leader", "pending")


def test_corrections_are_reviewed_on_their_page(s, client_as):
    record = entered(s, minutes=120)
    first = correction_request(volunteer=s.volunteer, record=record, minutes=60, reason="多算")
    client = english(client_as("team_leader"))
    page = client.get(reverse("activities:correction_list"))
    assert page.status_code == 200 and "多算" in page.content.decode()
    refused = client.post(reverse("activities:correction_reject", args=[first.pk]), {"reason": ""})
    assert refused.status_code == 400 and b'data-field="reason"' in refused.content
    assert (
        client.post(
            reverse("activities:correction_reject", args=[first.pk]), {"reason": "无误"}
        ).status_code
        == 302
    )
    second = correction_request(volunteer=s.volunteer, record=record, minutes=90, reason="再看")
    assert client.post(reverse("activities:correction_accept", args=[second.pk])).status_code == 302
    record.refresh_from_db()
    assert record.minutes == 90
    again = client.post(reverse("activities:correction_accept", args=[second.pk]))
    assert again.status_code == 400


def test_the_excel_export_reopens_with_the_records_the_person_sees(s, client_as):
    entered(s, minutes=90)
    record_approve(actor=s.leader, record=entered(s, minutes=30))
    response = client_as("town_admin").get(reverse("activities:record_export"), {"status": ""})
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 3
    assert {r[9] for r in rows[1:]} == {90, 30} and {r[8] for r in rows[1:]} == {1.5, 0.5}
    empty = client_as("other_town_admin").get(reverse("activities:record_export"))
    book = load_workbook(io.BytesIO(b"".join(empty.streaming_content)), read_only=True)
    assert len(list(book.worksheets[0].iter_rows(values_only=True))) == 1


def test_the_corrections_page_costs_the_same_for_many_requests(
    s, client_as, django_assert_max_num_queries
):
    for n in range(8):
        record = entered(s, minutes=60 + n)
        correction_request(volunteer=s.volunteer, record=record, minutes=30 + n, reason="改")
    client = client_as("town_admin")
    with django_assert_max_num_queries(10):
        page = client.get(reverse("activities:correction_list"))
    assert page.status_code == 200 and len(page.context["page"].items) == 8


def test_more_records_load_as_rows_for_htmx(s, client_as):
    for n in range(3):
        entered(s, minutes=60 + n)
    client = client_as("town_admin")
    rows = client.get(reverse("activities:record_list"), HTTP_HX_REQUEST="true")
    assert rows.status_code == 200 and b"<html" not in rows.content
    assert rows.content.count(b'name="record"') == 3
