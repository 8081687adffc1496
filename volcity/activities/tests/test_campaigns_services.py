"""Mobilisation campaigns: opening one in a transaction, parsing pasted sites and shift times,
invitations, sending members, the fill board, closing."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.utils import translation

from volcity.activities.errors import NotAllowed
from volcity.activities.models import Activity, Campaign, CampaignSite, CampaignTeam, Shift, Signup
from volcity.activities.queries_campaigns import campaign_fill, campaign_list_for
from volcity.activities.services.campaigns import (
    CampaignClosed,
    CampaignInvalid,
    TeamNotInvited,
    campaign_close,
    campaign_invite_teams,
    campaign_send_volunteers,
    campaign_team_respond,
    shifts_parse,
    sites_parse,
)
from volcity.activities.tests.factories_campaigns import (
    NOW,
    SHIFTS_TEXT,
    SITES_TEXT,
    campaign_make,
    team_with_members,
)
from volcity.audit.models import AuditEntry
from volcity.core.errors import DomainError

pytestmark = pytest.mark.usefixtures("_clock")


@pytest.fixture(autouse=True)
def _messages_in_english():
    """These tests read the messages' English source text (the Chinese is checked by the
    translation tests)."""
    with translation.override("en"):
        yield


@pytest.fixture
def _clock() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def teams(people: dict[str, Any], city: dict[str, Any], make_user: Any) -> dict[str, Any]:
    town1 = city["town1"].code
    host, host_members = team_with_members(people["team_leader"], people["town_admin"], town1, 2)
    leader = make_user(None, "town1")
    guest, guest_members = team_with_members(leader, people["town_admin"], town1, 3)
    return {
        "host": host,
        "host_members": host_members,
        "guest": guest,
        "guest_members": guest_members,
        "guest_leader": leader,
    }


def _counts() -> tuple[int, ...]:
    return (
        Campaign.objects.count(),
        Activity.objects.count(),
        Shift.objects.count(),
        CampaignSite.objects.count(),
        CampaignTeam.objects.count(),
    )


def test_campaign_with_three_sites_and_two_shifts_is_opened_in_one_go(
    people: dict[str, Any], city: dict[str, Any], teams: dict[str, Any]
) -> None:
    campaign = campaign_make(
        people["town_admin"], city["town1"].code, [teams["host"], teams["guest"]]
    )
    assert _counts() == (1, 3, 6, 3, 2)
    activities = list(Activity.objects.filter(campaign=campaign))
    assert {a.team_id for a in activities} == {teams["host"].pk}
    assert {a.lead_id for a in activities} == {people["town_admin"].pk}
    assert all(a.status == "published" and a.recruiting for a in activities)
    assert all(a.region_id == city["town1"].code for a in activities)
    assert set(Shift.objects.values_list("capacity", flat=True)) == {4}
    assert [s.name for s in CampaignSite.objects.filter(campaign=campaign)] == [
        "采样点1",
        "采样点2",
        "采样点3",
    ]
    assert set(CampaignTeam.objects.values_list("status", flat=True)) == {"invited"}
    assert AuditEntry.objects.filter(action="activities.campaign.created").count() == 1


def test_host_team_can_be_chosen(
    people: dict[str, Any], city: dict[str, Any], teams: dict[str, Any]
) -> None:
    campaign = campaign_make(
        people["town_admin"],
        city["town1"].code,
        [teams["host"], teams["guest"]],
        host_team_id=teams["guest"].pk,
    )
    assert set(Activity.objects.filter(campaign=campaign).values_list("team_id", flat=True)) == {
        teams["guest"].pk
    }


def test_pasted_sites_and_shift_times_are_parsed() -> None:
    parsed = sites_parse(SITES_TEXT)
    assert [s.name for s in parsed] == ["第一中学", "人民广场", "万达超市"]
    assert [s.capacity for s in parsed] == [4, 3, 2]
    assert str(parsed[0].latitude) == "36.6850"
    specs = shifts_parse(SHIFTS_TEXT)
    assert [(s.starts_at.hour, s.ends_at.hour) for s in specs] == [(8, 12), (13, 17)]
    assert specs[0].starts_at.utcoffset().total_seconds() == 8 * 3600  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("坏站点 | 地址", "Line 3"),
        ("坏站点 | 地址 | 北纬,东经 | 3", "Line 3"),
        ("坏站点 | 地址 | 36.6,118.4 | 零", "Line 3"),
        ("坏站点 | 地址 | 36.6,118.4 | 0", "Line 3"),
        (" | 地址 | 36.6,118.4 | 2", "Line 3"),
    ],
)
def test_a_bad_site_line_is_refused_naming_the_line(line: str, words: str) -> None:
    text = SITES_TEXT.splitlines()
    text.insert(2, line)
    with pytest.raises(CampaignInvalid) as caught:
        sites_parse("\n".join(text))
    assert caught.value.code == "campaign_invalid"
    assert words in str(caught.value.fields["sites"][0])


def test_a_bad_site_rolls_everything_back(
    people: dict[str, Any], city: dict[str, Any], teams: dict[str, Any]
) -> None:
    good = sites_parse(SITES_TEXT)
    bad = good + [good[0]]  # the same site twice
    with pytest.raises(CampaignInvalid) as caught:
        campaign_make(people["town_admin"], city["town1"].code, [teams["host"]], sites=bad)
    assert "Site 4" in str(caught.value.fields["sites"][0])
    assert _counts() == (0, 0, 0, 0, 0)


def test_a_bad_shift_line_is_refused_naming_the_line() -> None:
    with pytest.raises(CampaignInvalid) as caught:
        shifts_parse("2026-11-21 08:00-12:00\n明天上午")
    assert "Line 2" in str(caught.value.fields["shifts"][0])


@pytest.mark.parametrize(
    ("fields", "bad"),
    [
        ({"name": " "}, "name"),
        ({"kind": "party"}, "kind"),
        ({"sites": []}, "sites"),
        ({"shifts": []}, "shifts"),
        ({"team_ids": []}, "team_ids"),
        ({"team_ids": [999999]}, "team_ids"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(
    people: dict[str, Any],
    city: dict[str, Any],
    teams: dict[str, Any],
    fields: dict[str, Any],
    bad: str,
) -> None:
    with pytest.raises(CampaignInvalid) as caught:
        campaign_make(people["town_admin"], city["town1"].code, [teams["host"]], **fields)
    assert bad in caught.value.fields
    assert _counts() == (0, 0, 0, 0, 0)


def test_shift_already_over_is_refused(
    people: dict[str, Any], city: dict[str, Any], teams: dict[str, Any]
) -> None:
    past = shifts_parse("2026-11-19 08:00-12:00")
    with pytest.raises(CampaignInvalid) as caught:
        campaign_make(people["town_admin"], city["town1"].code, [teams["host"]], shifts=past)
    assert "shifts" in caught.value.fields
    assert _counts() == (0, 0, 0, 0, 0)


def test_admin_of_another_town_cannot_create_or_see(
    people: dict[str, Any], city: dict[str, Any], teams: dict[str, Any]
) -> None:
    with pytest.raises(NotAllowed):
        campaign_make(people["other_town_admin"], city["town1"].code, [teams["host"]])
    campaign = campaign_make(people["town_admin"], city["town1"].code, [teams["host"]])
    assert not campaign_list_for(people["other_town_admin"]).filter(pk=campaign.pk).exists()
    assert campaign_list_for(people["city_admin"]).filter(pk=campaign.pk).exists()
    # A team in the other town cannot be invited by the first town's administrator.
    with pytest.raises(NotAllowed):
        campaign_close(actor=people["other_town_admin"], campaign=campaign)


def test_leaders_see_campaigns_their_team_is_invited_to(
    people: dict[str, Any], city: dict[str, Any], teams: dict[str, Any], make_user: Any
) -> None:
    campaign = campaign_make(people["town_admin"], city["town1"].code, [teams["guest"]])
    assert campaign_list_for(teams["guest_leader"]).filter(pk=campaign.pk).exists()
    stranger = make_user(None, "town1")
    assert not campaign_list_for(stranger).filter(pk=campaign.pk).exists()


def test_leader_accepts_and_sends_members_and_fill_follows(
    people: dict[str, Any], city: dict[str, Any], teams: dict[str, Any]
) -> None:
    campaign = campaign_make(
        people["town_admin"], city["town1"].code, [teams["host"], teams["guest"]]
    )
    invitation = CampaignTeam.objects.get(campaign=campaign, team=teams["guest"])
    leader = teams["guest_leader"]
    with pytest.raises(TeamNotInvited):
        campaign_send_volunteers(
            actor=leader,
            site_shift=Shift.objects.filter(activity__campaign=campaign).first(),  # type: ignore[arg-type]
            volunteer_ids=[teams["guest_members"][0].pk],
        )
    campaign_team_respond(actor=leader, invitation=invitation, accept=True)
    site = CampaignSite.objects.filter(campaign=campaign).order_by("sort").first()
    assert site is not None
    shift = Shift.objects.filter(activity_id=site.activity_id).order_by("starts_at").first()
    assert shift is not None
    placed = campaign_send_volunteers(
        actor=leader, site_shift=shift, volunteer_ids=[v.pk for v in teams["guest_members"]]
    )
    assert [s.status for s in placed] == ["confirmed"] * 3
    fill = campaign_fill(campaign)
    first = fill.sites[0]
    assert (first.shifts, first.capacity, first.seats_taken, first.checked_in) == (2, 8, 3, 0)
    assert first.percent == 38
    assert (fill.capacity, fill.seats_taken, fill.shifts) == (24, 3, 6)
    assert [s.seats_taken for s in fill.sites[1:]] == [0, 0]
    assert AuditEntry.objects.filter(action="activities.campaign.sent").count() == 1


def test_fill_board_is_one_query(
    people: dict[str, Any],
    city: dict[str, Any],
    teams: dict[str, Any],
    django_assert_num_queries: Any,
) -> None:
    campaign = campaign_make(people["town_admin"], city["town1"].code, [teams["host"]])
    with django_assert_num_queries(1):
        fill = campaign_fill(campaign)
    assert len(fill.sites) == 3


def test_sending_someone_not_in_the_team_sends_nobody(
    people: dict[str, Any], city: dict[str, Any], teams: dict[str, Any]
) -> None:
    campaign = campaign_make(people["town_admin"], city["town1"].code, [teams["guest"]])
    invitation = CampaignTeam.objects.get(campaign=campaign)
    campaign_team_respond(actor=teams["guest_leader"], invitation=invitation, accept=True)
    shift = Shift.objects.filter(activity__campaign=campaign).first()
    assert shift is not None
    ids = [teams["guest_members"][0].pk, teams["host_members"][0].pk]
    with pytest.raises(CampaignInvalid) as caught:
        campaign_send_volunteers(actor=teams["guest_leader"], site_shift=shift, volunteer_ids=ids)
    assert "volunteer_ids" in caught.value.fields
    assert not Signup.objects.exists()


def test_a_refused_sign_up_names_the_volunteer_and_places_nobody(
    people: dict[str, Any], city: dict[str, Any], teams: dict[str, Any]
) -> None:
    campaign = campaign_make(people["town_admin"], city["town1"].code, [teams["guest"]])
    invitation = CampaignTeam.objects.get(campaign=campaign)
    campaign_team_respond(actor=teams["guest_leader"], invitation=invitation, accept=True)
    shifts = list(Shift.objects.filter(activity__campaign=campaign).order_by("starts_at", "id"))
    member = teams["guest_members"][1]
    # Already on a shift at the same time at another site: the sign-up rules refuse it.
    campaign_send_volunteers(
        actor=teams["guest_leader"], site_shift=shifts[0], volunteer_ids=[member.pk]
    )
    other_site_same_time = next(
        s
        for s in shifts
        if s.starts_at == shifts[0].starts_at and s.activity_id != shifts[0].activity_id
    )
    ids = [teams["guest_members"][0].pk, member.pk]
    with pytest.raises(DomainError) as caught:
        campaign_send_volunteers(
            actor=teams["guest_leader"], site_shift=other_site_same_time, volunteer_ids=ids
        )
    assert member.number in str(caught.value.message)
    assert "volunteer_ids" in caught.value.fields
    assert Signup.objects.count() == 1


def test_declining_needs_a_reason_and_only_the_teams_leader_answers(
    people: dict[str, Any], city: dict[str, Any], teams: dict[str, Any]
) -> None:
    campaign = campaign_make(people["town_admin"], city["town1"].code, [teams["guest"]])
    invitation = CampaignTeam.objects.get(campaign=campaign)
    with pytest.raises(NotAllowed):
        campaign_team_respond(actor=people["team_leader"], invitation=invitation, accept=True)
    with pytest.raises(DomainError) as caught:
        campaign_team_respond(actor=teams["guest_leader"], invitation=invitation, accept=False)
    assert caught.value.code == "reason_required"
    campaign_team_respond(
        actor=teams["guest_leader"], invitation=invitation, accept=False, reason="人手不足"
    )
    invitation.refresh_from_db()
    assert invitation.status == "declined"


def test_inviting_more_teams_later(
    people: dict[str, Any], city: dict[str, Any], teams: dict[str, Any]
) -> None:
    campaign = campaign_make(people["town_admin"], city["town1"].code, [teams["host"]])
    campaign_invite_teams(
        actor=people["town_admin"],
        campaign=campaign,
        team_ids=[teams["host"].pk, teams["guest"].pk],
    )
    assert CampaignTeam.objects.filter(campaign=campaign).count() == 2
    with pytest.raises(NotAllowed):
        campaign_invite_teams(
            actor=people["other_town_admin"], campaign=campaign, team_ids=[teams["guest"].pk]
        )


def test_closing_stops_recruiting_and_sending(
    people: dict[str, Any], city: dict[str, Any], teams: dict[str, Any]
) -> None:
    campaign = campaign_make(people["town_admin"], city["town1"].code, [teams["guest"]])
    invitation = CampaignTeam.objects.get(campaign=campaign)
    campaign_team_respond(actor=teams["guest_leader"], invitation=invitation, accept=True)
    campaign_close(actor=people["town_admin"], campaign=campaign)
    assert not Activity.objects.filter(campaign=campaign, recruiting=True).exists()
    shift = Shift.objects.filter(activity__campaign=campaign).first()
    assert shift is not None
    with pytest.raises(CampaignClosed):
        campaign_send_volunteers(
            actor=teams["guest_leader"],
            site_shift=shift,
            volunteer_ids=[teams["guest_members"][0].pk],
        )
