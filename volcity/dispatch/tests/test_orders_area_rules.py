"""Who may be named where: volunteers with no team, pool notices, menu teams, the duty roster,
and the team search list of the menu and roster forms."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from volcity.activities.tests.factories import new_volunteer, team_led_by
from volcity.core.errors import DomainError
from volcity.dispatch.models import DutyShift
from volcity.dispatch.pickers import team_id_of
from volcity.dispatch.services.menu import item_add, item_update
from volcity.dispatch.services.order_dispatch import order_dispatch, order_pool
from volcity.dispatch.services.roster import duty_add
from volcity.dispatch.suggest import suggestions_for
from volcity.dispatch.tests.factories import approved
from volcity.notifications.models import Notification
from volcity.registry.models import ServiceCategory as TeamCategory
from volcity.registry.tests.helpers import active_team

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _refused(call: Any, code: str, field: str) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call()
    assert caught.value.code == code and field in caught.value.fields
    return caught.value


def test_a_volunteer_in_no_team_is_neither_dispatched_nor_suggested(d: Any) -> None:
    loner = new_volunteer("370781001001")
    order = approved(d)
    with translation.override("en"):
        error = _refused(
            lambda: order_dispatch(actor=d.dispatcher, order=order, volunteer=loner),
            "dispatch_volunteer_without_team",
            "volunteer",
        )
        assert "belongs to no active team" in str(error.message)
    order.refresh_from_db()
    assert order.status == "approved" and order.assigned_volunteer_id is None
    suggested = {(s.kind, s.id) for s in suggestions_for(order, limit=50)}
    assert ("volunteer", loner.pk) not in suggested
    assert ("volunteer", d.volunteer.pk) in suggested  # a member of the town's team


def test_a_pooled_order_of_an_item_naming_no_team_reaches_teams_serving_its_category(
    d: Any, make_user: Any
) -> None:
    category = TeamCategory.objects.get_or_create(
        code="repair", defaults={"name": d.category.name, "name_en": "Repairs"}
    )[0]
    fit_leader = make_user(None, "town1")
    fit = team_led_by(fit_leader, d.people["city_admin"], "370781001000", name="王府维修服务队")
    fit.categories.add(category)
    other_fit = team_led_by(make_user(None, "town2"), d.people["city_admin"], "370781002000")
    other_fit.categories.add(category)
    assert not d.item.teams.exists()
    order = order_pool(actor=d.dispatcher, order=approved(d))
    told = set(
        Notification.objects.filter(kind="dispatch.order.pooled").values_list(
            "recipient_id", flat=True
        )
    )
    assert fit_leader.pk in told  # serves the category in the handling town
    assert d.leader.pk not in told  # a town team, but not of this category
    assert order.status == "pooled"


def test_a_menu_lists_teams_of_its_area_or_above_only(d: Any) -> None:
    admin = d.people["city_admin"]
    city_team = active_team(admin, "370781000000", name="青州市急救队", level="municipal")
    item = item_add(
        actor=admin, category=d.category, name="上门急救", teams=[d.team.pk, city_team.pk]
    )
    assert set(item.teams.values_list("pk", flat=True)) == {d.team.pk, city_team.pk}
    _refused(
        lambda: item_update(
            actor=admin,
            item=item,
            name="上门急救",
            description="",
            skills=[],
            teams=[d.other_team.pk],  # a team of another town
            sort=0,
            active=True,
        ),
        "dispatch_not_in_area",
        "teams",
    )
    assert set(item.teams.values_list("pk", flat=True)) == {d.team.pk, city_team.pk}


def test_the_roster_takes_the_centres_own_people_and_teams(d: Any) -> None:
    town = d.city["town1"]
    start = timezone.now() + datetime.timedelta(hours=1)
    end = start + datetime.timedelta(hours=8)

    def add(**who: Any) -> DutyShift:
        return duty_add(actor=d.dispatcher, region=town, starts_at=start, ends_at=end, **who)

    _refused(lambda: add(user=d.other_dispatcher), "dispatch_not_in_area", "user")
    _refused(lambda: add(user=d.resident), "dispatch_not_in_area", "user")
    _refused(lambda: add(team=d.other_team), "dispatch_not_in_area", "team")
    assert not DutyShift.objects.exists()
    assert add(user=d.dispatcher).user_id == d.dispatcher.pk
    assert add(team=d.team).team_id == d.team.pk


def test_the_roster_page_offers_the_centres_dispatchers_and_finds_teams_by_name(d: Any) -> None:
    centre = _client(d.dispatcher)
    page = centre.get(reverse("dispatch:roster"))
    assert f'value="{d.dispatcher.pk}"' in page.text
    assert f'value="{d.other_dispatcher.pk}"' not in page.text  # another town's
    found = centre.get(reverse("dispatch:pick_teams"), {"team": "维修"})
    assert f"{d.team.name} #{d.team.pk}" in found.text
    assert d.other_team.name not in centre.get(reverse("dispatch:pick_teams"), {"q": "队"}).text
    assert _client(d.resident).get(reverse("dispatch:pick_teams"), {"q": "队"}).status_code == 403
    start = timezone.localtime() + datetime.timedelta(hours=1)
    added = centre.post(
        reverse("dispatch:roster"),
        {
            "region": "370781001000",
            "team": f"{d.team.name} #{d.team.pk}",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + datetime.timedelta(hours=4)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert added.status_code == 302
    assert DutyShift.objects.get().team_id == d.team.pk


def test_a_menu_item_takes_a_team_picked_by_name_and_refuses_text_naming_none(d: Any) -> None:
    admin = _client(d.people["city_admin"])
    url = reverse("dispatch:menu_item", kwargs={"item_id": d.item.pk})
    form = {"name": d.item.name, "sort": "0", "active": "on"}
    bad = admin.post(url, {**form, "teams": "维修队"})
    assert bad.status_code == 400 and 'data-testid="menu-error"' in bad.text
    assert not d.item.teams.exists()
    good = admin.post(url, {**form, "teams": f"{d.team.name} #{d.team.pk}"})
    assert good.status_code == 302
    assert list(d.item.teams.values_list("pk", flat=True)) == [d.team.pk]


def test_team_references_are_read_from_the_picked_text() -> None:
    assert team_id_of("王府街道维修队 #12") == 12
    assert team_id_of(" 7 ") == 7
    assert team_id_of("维修队") is None
    assert team_id_of("") is None
