"""Excel exports of the volunteer and team lists: the rows the person can see, with the list
pages' filters, masked unless they may reveal personal numbers. Reopened with openpyxl."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from volcity.accounts.roles import Role
from volcity.audit.models import AuditEntry
from volcity.core.privacy import mask_phone
from volcity.registry.services import membership_apply, membership_approve
from volcity.registry.tests.helpers import active_team, id_number, register
from volcity.registry.tests.imports_helpers import body, read_sheet

pytestmark = pytest.mark.django_db


@pytest.fixture
def roster(city: Any, people: Any) -> dict[str, Any]:
    """Two volunteers in town 1 (one a first-aider), one in town 2, and a town-1 team."""
    numbers = {"a": id_number("19900307"), "b": id_number("19850101"), "c": id_number()}
    made = {
        "a": register(city["village11"].code, id_number=numbers["a"], name="甲", skills=["first_aid"]),
        "b": register(city["village12"].code, id_number=numbers["b"], name="乙", skills=["driving"]),
        "c": register(city["village21"].code, id_number=numbers["c"], name="丙"),
    }  # fmt: skip
    made["numbers"] = numbers
    made["team"] = active_team(people["town_admin"], city["town1"].code, name="王府街道服务队")
    return made


def export(client: Any, name: str = "registry:volunteers_xlsx", query: str = "") -> list[Any]:
    response = client.get(reverse(name) + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return read_sheet(body(response))


def test_town_admin_exports_only_their_towns_volunteers_masked(client_as: Any, roster: Any) -> None:
    client = client_as("town_admin")
    client.cookies["django_language"] = "en"
    sheet = export(client)
    header, rows = sheet[0], sheet[1:]
    assert header[:6] == ("Volunteer number", "Name", "Sex", "Age", "Mobile number", "ID number")
    assert sorted(r[1] for r in rows) == ["乙", "甲"]
    by_name = {r[1]: r for r in rows}
    a = roster["a"]
    assert by_name["甲"][0] == a.number
    assert by_name["甲"][4] == mask_phone(a.user.phone) and "****" in by_name["甲"][4]
    assert by_name["甲"][5] == a.user.id_number_masked != roster["numbers"]["a"]
    assert by_name["甲"][9] == "First aid"
    entry = AuditEntry.objects.get(action="registry.volunteers.exported")
    assert entry.changes["rows"] == 2 and entry.changes["revealed"] == 0


def test_the_export_takes_the_list_filters(client_as: Any, roster: Any) -> None:
    sheet = export(client_as("town_admin"), query="?skill=first_aid&star_level=0&age_band=x")
    assert [r[1] for r in sheet[1:]] == ["甲"]


def test_an_admin_who_may_reveal_exports_numbers_in_full_and_it_is_audited(
    client_as: Any, roster: Any
) -> None:
    sheet = export(client_as("city_admin"))
    rows = {r[1]: r for r in sheet[1:]}
    assert set(rows) == {"甲", "乙", "丙"}
    assert rows["丙"][4] == roster["c"].user.phone
    assert rows["丙"][5] == roster["numbers"]["c"]
    entry = AuditEntry.objects.get(action="registry.volunteers.exported")
    assert entry.changes["revealed"] == 3


def test_a_team_leader_with_the_reveal_permission_still_gets_masked_numbers(
    client_as: Any, make_user: Any, roster: Any, people: Any
) -> None:
    team = roster["team"]
    leader = make_user(Role.TEAM_LEADER, "town1", team_id=team.pk)
    leader.user_permissions.add(Permission.objects.get(codename="reveal_personal_data"))
    membership = membership_apply(volunteer=roster["a"], team=team)
    membership_approve(actor=people["town_admin"], membership=membership)
    client = client_as("town_admin")
    client.force_login(leader, backend="volcity.accounts.backends.PhoneOrUsernameBackend")
    sheet = export(client)
    assert [r[1] for r in sheet[1:]] == ["甲"]
    assert sheet[1][4] == mask_phone(roster["a"].user.phone)
    assert sheet[1][5] == roster["a"].user.id_number_masked


def test_teams_export_lists_the_teams_in_scope(client_as: Any, roster: Any) -> None:
    client = client_as("town_admin")
    client.cookies["django_language"] = "en"
    sheet = export(client, "registry:teams_xlsx", "?type=civilized_practice")
    assert sheet[0][0] == "Team name"
    assert [r[0] for r in sheet[1:]] == ["王府街道服务队"]
    assert sheet[1][6] == "Active"


def test_people_without_a_list_cannot_export(client_as: Any, roster: Any) -> None:
    for name in ("volunteer", "resident", "dispatcher"):
        assert client_as(name).get(reverse("registry:volunteers_xlsx")).status_code == 403
        assert client_as(name).get(reverse("registry:teams_xlsx")).status_code == 403
    assert client_as(None).get(reverse("registry:volunteers_xlsx")).status_code == 302


def test_text_that_looks_like_a_formula_stays_text(client_as: Any, city: Any, people: Any) -> None:
    register(city["village11"].code, name="=HYPERLINK(1)")
    response = client_as("town_admin").get(reverse("registry:volunteers_xlsx"))
    import io

    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(body(response))).worksheets[0]
    cell = ws.cell(row=2, column=2)
    assert cell.value == "=HYPERLINK(1)" and cell.data_type == "s"
