"""Party members' double registration: the member registers; admins read and export the report."""

from __future__ import annotations

import datetime
import io

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from volcity.registry.models import PartyRegistration
from volcity.registry.services import party_register
from volcity.registry.tests.helpers import register

pytestmark = pytest.mark.django_db
AUTUMN = datetime.datetime(2026, 11, 20, 10, 0, tzinfo=datetime.UTC)


def in_english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user, backend="volcity.accounts.backends.PhoneOrUsernameBackend")
    return client


def member(city, region: str, employer: str, name: str = "党员") -> PartyRegistration:
    volunteer = register(region, political_status="party_member", name=name)
    return party_register(
        volunteer=volunteer,
        community=city["village11"],
        employer=employer,
        service_post="治安巡逻",
        actor=volunteer.user,
    )


def test_party_member_registers_with_their_community(city):
    volunteer = register(city["village11"].code, political_status="party_member")
    client = in_english(signed_in(volunteer.user))
    refused = client.post(reverse("registry:party"), {"community": city["village12"].code})
    assert refused.status_code == 400
    assert b'data-field="employer"' in refused.content
    assert b'data-field="service_post"' in refused.content
    response = client.post(
        reverse("registry:party"),
        {"community": city["village12"].code, "employer": "青州市税务局", "service_post": "助老"},
    )
    assert response.status_code == 302
    registration = PartyRegistration.objects.get()
    assert registration.community == city["village12"] and registration.employer == "青州市税务局"
    assert "青州市税务局".encode() in client.get(reverse("registry:party")).content


def test_someone_who_is_not_a_party_member_is_told_why(city):
    volunteer = register(city["village11"].code)
    client = in_english(signed_in(volunteer.user))
    page = client.get(reverse("registry:party"))
    assert b"Only Party members register this way" in page.content
    refused = client.post(
        reverse("registry:party"),
        {"community": city["village11"].code, "employer": "某单位", "service_post": "助老"},
    )
    assert refused.status_code == 400
    assert not PartyRegistration.objects.exists()


def served(people, city, volunteer, region: str, minutes: int, day: datetime.date) -> None:
    """An approved service record of ``volunteer`` given in ``region`` on ``day``, entered
    by a team leader the day after and approved by the town's administrator."""
    from volcity.accounts.scope import clear_scope_cache
    from volcity.activities.services.records import record_approve, record_enter
    from volcity.activities.tests.factories import activity_make, team_led_by

    leader = people["team_leader"]
    team = team_led_by(leader, people["town_admin"], city["town1"].code)
    clear_scope_cache(leader)
    activity = activity_make(team, leader, region_id=region)
    entry_time = datetime.datetime.combine(
        day + datetime.timedelta(days=1), datetime.time(2, 0), tzinfo=datetime.UTC
    )
    with time_machine.travel(entry_time, tick=False):
        record = record_enter(
            actor=leader,
            volunteer=volunteer,
            activity=activity,
            team=team,
            served_on=day,
            minutes=minutes,
            content="",
            place="",
            title="",
        )
        record_approve(actor=people["town_admin"], record=record)


@time_machine.travel(AUTUMN)
def test_quarterly_report_shows_each_members_approved_hours_in_their_community(
    city, people, client_as, django_assert_max_num_queries
):
    tax = [member(city, city["village11"].code, "青州市税务局", name=f"税务{n}") for n in range(3)]
    member(city, city["village11"].code, "青州市医院", name="医生")
    home, other = city["village11"].code, city["village12"].code
    served(people, city, tax[0].volunteer, home, 90, datetime.date(2026, 11, 10))
    served(people, city, tax[0].volunteer, home, 60, datetime.date(2026, 10, 12))
    served(people, city, tax[0].volunteer, other, 600, datetime.date(2026, 11, 11))
    served(people, city, tax[0].volunteer, home, 300, datetime.date(2026, 9, 14))
    client = in_english(client_as("town_admin"))
    with django_assert_max_num_queries(11):
        page = client.get(reverse("registry:party_report"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "青州市税务局" in html and "税务2" in html
    assert "<td>—</td>" not in html
    assert '<td data-testid="party-hours">2.5</td><td>2</td>' in html
    assert html.count('<td data-testid="party-hours">0.0</td><td>0</td>') == 3
    assert "approved service each member gave in their home community" in html
    one = client.get(reverse("registry:party_report"), {"employer": "青州市医院"})
    assert "医生".encode() in one.content and "税务0".encode() not in one.content
    earlier = client.get(reverse("registry:party_report"), {"quarter": "2026-Q3"})
    assert "税务0".encode() not in earlier.content


@time_machine.travel(AUTUMN)
def test_excel_export_reopens_with_one_row_per_member_and_their_hours(city, people, client_as):
    first = member(city, city["village11"].code, "青州市医院", name="医生")
    member(city, city["village11"].code, "青州市税务局", name="税务")
    served(people, city, first.volunteer, city["village11"].code, 45, datetime.date(2026, 11, 3))
    served(people, city, first.volunteer, city["village11"].code, 45, datetime.date(2026, 11, 4))
    response = client_as("city_admin").get(
        reverse("registry:party_report_xlsx"), {"quarter": "2026-Q4"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('party-report-2026-Q4.xlsx"')
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    members, by_employer = book.worksheets
    rows = list(members.iter_rows(values_only=True))
    assert len(rows) == 3
    assert rows[1][:3] == ("青州市医院", "医生", first.volunteer.number)
    assert rows[1][-2:] == (1.5, 2)
    assert rows[2][-2:] == (0, 0)
    assert list(by_employer.iter_rows(values_only=True))[1:] == [
        ("青州市医院", 1, 1.5, 2),
        ("青州市税务局", 1, 0, 0),
    ]


def test_report_is_scoped_and_refused_to_non_administrators(city, client_as):
    member(city, city["village11"].code, "青州市医院", name="医生")
    other = client_as("other_town_admin").get(reverse("registry:party_report"))
    assert "医生".encode() not in other.content
    assert client_as("volunteer").get(reverse("registry:party_report")).status_code == 403
    assert client_as("team_leader").get(reverse("registry:party_report_xlsx")).status_code == 403
