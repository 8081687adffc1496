"""Team pages: the public list, registering and deciding on teams, and running a roster."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from volcity.accounts.models import RoleGrant
from volcity.accounts.roles import Role
from volcity.registry.models import Membership, Team
from volcity.registry.services import TeamIn, membership_apply, team_register
from volcity.registry.tests.helpers import active_team, register

pytestmark = pytest.mark.django_db


def in_english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user, backend="volcity.accounts.backends.PhoneOrUsernameBackend")
    return client


def team_url(team: Team, name: str = "registry:team", **kwargs: object) -> str:
    return reverse(name, kwargs={"team_id": team.pk, **kwargs})


def roster_url(team: Team, membership: Membership, action: str) -> str:
    return team_url(team, f"registry:roster_{action}", membership_id=membership.pk)


def pending_team(actor, region: str, name: str = "新服务队") -> Team:
    return team_register(
        actor=actor, data=TeamIn(name=name, type="community", level="town", region=region)
    )


def test_public_list_shows_active_teams_and_the_professional_quick_filter(city, people):
    admin = people["city_admin"]
    active_team(admin, city["town1"].code, name="街道队")
    pro = team_register(
        actor=admin,
        data=TeamIn(
            name="医疗专业队", type="professional", level="municipal", region="370781000000"
        ),
    )
    from volcity.registry.services import team_approve

    team_approve(actor=admin, team=pro)
    pending_team(admin, city["town1"].code, name="待批队")
    page = Client().get(reverse("registry:teams"))
    assert "街道队".encode() in page.content and "医疗专业队".encode() in page.content
    assert "待批队".encode() not in page.content
    assert b"type=professional&amp;level=municipal" in page.content
    quick = Client().get(reverse("registry:teams"), {"type": "professional", "level": "municipal"})
    assert "医疗专业队".encode() in quick.content and "街道队".encode() not in quick.content
    by_town = Client().get(reverse("registry:teams"), {"region": city["town2"].code})
    assert "街道队".encode() not in by_town.content


def test_team_list_stays_within_budget(city, people, django_assert_max_num_queries):
    for n in range(30):
        active_team(people["town_admin"], city["town1"].code, name=f"队{n}")
    with django_assert_max_num_queries(6):
        page = Client().get(reverse("registry:teams"))
    assert page.content.count(b'data-testid="team-row"') == 30


def test_town_admin_registers_a_team_that_waits_then_approves_it(city, client_as):
    client = in_english(client_as("town_admin"))
    form = client.get(reverse("registry:team_new"))
    assert city["town1"].name.encode() in form.content
    assert city["town2"].name.encode() not in form.content
    response = client.post(
        reverse("registry:team_new"),
        {
            "name": "王府街道助老队",
            "type": "civilized_practice",
            "level": "town",
            "region": city["town1"].code,
            "categories": ["elderly"],
        },
    )
    team = Team.objects.get(name="王府街道助老队")
    assert response["Location"] == team_url(team)
    assert team.status == Team.Status.PENDING
    assert team.name.encode() in client.get(reverse("registry:teams_pending")).content
    other = client_as("other_town_admin")
    assert team.name.encode() not in other.get(reverse("registry:teams_pending")).content
    assert other.get(team_url(team)).status_code == 404
    assert client.post(team_url(team, "registry:team_approve")).status_code == 302
    team.refresh_from_db()
    assert team.status == Team.Status.ACTIVE


def test_team_registration_errors_are_beside_the_fields(city, client_as):
    response = in_english(client_as("town_admin")).post(
        reverse("registry:team_new"),
        {
            "name": "",
            "type": "civilized_practice",
            "level": "village",
            "region": city["town1"].code,
        },
    )
    assert response.status_code == 400
    assert b'data-field="name"' in response.content and b'data-field="region"' in response.content
    assert not Team.objects.exists()


def test_only_leaders_and_administrators_register_teams(client_as):
    assert client_as("volunteer").get(reverse("registry:team_new")).status_code == 403
    assert client_as("volunteer").get(reverse("registry:teams_pending")).status_code == 403


def test_rejecting_a_team_needs_a_reason(city, people, client_as):
    team = pending_team(people["town_admin"], city["town1"].code)
    client = in_english(client_as("town_admin"))
    refused = client.post(team_url(team, "registry:team_reject"), {"reason": ""})
    assert refused.status_code == 400 and b'data-field="reason"' in refused.content
    client.post(team_url(team, "registry:team_reject"), {"reason": "名称重复"})
    team.refresh_from_db()
    assert team.status == Team.Status.REJECTED
    assert (
        client_as("other_town_admin").post(team_url(team, "registry:team_reject")).status_code
        == 404
    )


def test_volunteer_applies_and_the_admin_approves_on_the_roster(city, people):
    team = active_team(people["town_admin"], city["town1"].code)
    volunteer = register(city["village11"].code)
    client = signed_in(volunteer.user)
    assert b'data-testid="apply"' in client.get(team_url(team)).content
    client.post(team_url(team, "registry:team_apply"), {"note": "会开车"})
    membership = Membership.objects.get()
    assert membership.status == Membership.Status.APPLIED and membership.note == "会开车"
    # The volunteer cannot run the roster.
    assert client.post(roster_url(team, membership, "approve")).status_code == 403
    admin = signed_in(people["town_admin"])
    applied = admin.get(team_url(team), {"tab": "applied"})
    assert volunteer.number.encode() in applied.content
    assert admin.post(roster_url(team, membership, "approve")).status_code == 302
    membership.refresh_from_db()
    team.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE and team.member_count == 1
    assert volunteer.number.encode() in admin.get(team_url(team)).content


def test_applying_twice_is_explained(city, people):
    team = active_team(people["town_admin"], city["town1"].code)
    volunteer = register(city["village11"].code)
    membership_apply(volunteer=volunteer, team=team)
    response = in_english(signed_in(volunteer.user)).post(team_url(team, "registry:team_apply"))
    assert response.status_code == 400
    assert b"already belongs to this team" in response.content


def test_declining_needs_a_reason_shown_on_the_row(city, people):
    team = active_team(people["town_admin"], city["town1"].code)
    membership = membership_apply(volunteer=register(city["village11"].code), team=team)
    admin = in_english(signed_in(people["town_admin"]))
    refused = admin.post(roster_url(team, membership, "decline"), {"reason": " "})
    assert refused.status_code == 400
    assert b'class="row-error"' in refused.content and b'data-field="reason"' in refused.content
    admin.post(roster_url(team, membership, "decline"), {"reason": "人数已满"})
    assert Membership.objects.get().status == Membership.Status.DECLINED


def test_leader_invites_by_number_and_the_volunteer_accepts(city, people):
    team = active_team(people["town_admin"], city["town1"].code)
    volunteer = register(city["village11"].code)
    admin = in_english(signed_in(people["town_admin"]))
    unknown = admin.post(team_url(team, "registry:team_invite"), {"number": "37078199999999"})
    assert unknown.status_code == 400 and b'data-field="number"' in unknown.content
    admin.post(team_url(team, "registry:team_invite"), {"number": volunteer.number})
    membership = Membership.objects.get()
    assert membership.status == Membership.Status.INVITED
    again = admin.post(team_url(team, "registry:team_invite"), {"number": volunteer.number})
    assert again.status_code == 400 and b'data-field="number"' in again.content
    signed_in(volunteer.user).post(
        reverse("registry:membership_accept", kwargs={"membership_id": membership.pk})
    )
    assert Membership.objects.get(pk=membership.pk).status == Membership.Status.ACTIVE


def test_leader_is_made_removed_and_members_transferred(city, people):
    team = active_team(people["town_admin"], city["town1"].code, name="甲队")
    other = active_team(people["town_admin"], city["town1"].code, name="乙队")
    first = register(city["village11"].code)
    second = register(city["village11"].code)
    admin = in_english(signed_in(people["town_admin"]))
    memberships = []
    for v in (first, second):
        m = membership_apply(volunteer=v, team=team)
        admin.post(roster_url(team, m, "approve"))
        memberships.append(m)
    admin.post(roster_url(team, memberships[0], "lead"))
    assert RoleGrant.objects.filter(
        user=first.user, role=Role.TEAM_LEADER, team_id=team.pk
    ).exists()
    admin.post(roster_url(team, memberships[0], "unlead"))
    assert not RoleGrant.objects.filter(user=first.user, role=Role.TEAM_LEADER).exists()
    bad = admin.post(roster_url(team, memberships[1], "transfer"), {"team": 999999})
    assert bad.status_code == 400 and b'data-field="team"' in bad.content
    admin.post(roster_url(team, memberships[1], "transfer"), {"team": other.pk})
    assert Membership.objects.get(pk=memberships[1].pk).status == Membership.Status.TRANSFERRED
    assert Membership.objects.get(volunteer=second, team=other).status == Membership.Status.ACTIVE
    refused = admin.post(roster_url(team, memberships[0], "remove"), {"reason": ""})
    assert refused.status_code == 400
    admin.post(roster_url(team, memberships[0], "remove"), {"reason": "长期不参加"})
    assert Membership.objects.get(pk=memberships[0].pk).status == Membership.Status.REMOVED


def test_team_leader_of_the_team_runs_its_roster_but_not_others(city, people, make_user):
    team = active_team(people["town_admin"], city["town1"].code, name="甲队")
    other = active_team(people["town_admin"], city["town1"].code, name="乙队")
    leader = signed_in(make_user(Role.TEAM_LEADER, "town1", team_id=team.pk))
    mine = membership_apply(volunteer=register(city["village11"].code), team=team)
    theirs = membership_apply(volunteer=register(city["village11"].code), team=other)
    assert leader.post(roster_url(team, mine, "approve")).status_code == 302
    assert leader.post(roster_url(other, theirs, "approve")).status_code == 403
    assert leader.post(roster_url(team, theirs, "approve")).status_code == 404


def test_roster_stays_within_budget_and_pages(city, people, django_assert_max_num_queries):
    team = active_team(people["town_admin"], city["town1"].code)
    for _n in range(55):
        membership_apply(volunteer=register(city["village11"].code), team=team)
    admin = signed_in(people["town_admin"])
    with django_assert_max_num_queries(14):
        page = admin.get(team_url(team), {"tab": "applied"})
    assert page.content.count(b'data-testid="roster-row"') == 50
    last = Membership.objects.order_by("pk")[49].pk
    more = admin.get(team_url(team), {"tab": "applied", "after": str(last)}, HTTP_HX_REQUEST="true")
    assert more.content.count(b'data-testid="roster-row"') == 5


def test_suspend_and_dissolve_need_reasons_and_end_memberships(city, people):
    team = active_team(people["town_admin"], city["town1"].code)
    membership_apply(volunteer=register(city["village11"].code), team=team)
    admin = in_english(signed_in(people["town_admin"]))
    assert admin.post(team_url(team, "registry:team_suspend"), {}).status_code == 400
    admin.post(team_url(team, "registry:team_suspend"), {"reason": "整顿"})
    admin.post(team_url(team, "registry:team_reinstate"))
    admin.post(team_url(team, "registry:team_dissolve"), {"reason": "合并"})
    team.refresh_from_db()
    assert team.status == Team.Status.DISSOLVED
    assert Membership.objects.get().status == Membership.Status.DECLINED
    assert signed_in(people["volunteer"]).post(
        team_url(team, "registry:team_reinstate")
    ).status_code in (403, 404)


def test_staff_find_suspended_teams_of_their_region_the_public_does_not(city, people, client_as):
    team = active_team(people["town_admin"], city["town1"].code, name="暂停队")
    from volcity.registry.services import team_suspend

    team_suspend(actor=people["town_admin"], team=team, reason="整顿")
    query = {"status": "suspended"}
    assert (
        "暂停队".encode() in client_as("town_admin").get(reverse("registry:teams"), query).content
    )
    assert b'name="status"' not in Client().get(reverse("registry:teams")).content
    assert "暂停队".encode() not in Client().get(reverse("registry:teams"), query).content
    other = client_as("other_town_admin").get(reverse("registry:teams"), query)
    assert "暂停队".encode() not in other.content
