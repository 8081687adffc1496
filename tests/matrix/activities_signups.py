"""Permission-matrix rows of sign-ups: the volunteer's pages (sign up, my shifts, cancel,
calendar file), the leader's roster (add, remove, no-shows, excuse) and their API.

``objects`` makes its own team (led by ``people["team_leader"]``), a published activity with
three shifts at an unusual hour (so no other area's sign-ups of the same person overlap), a
draft activity's shift, an ended shift with a no-show, and the "volunteer" person's sign-up.
"""

from __future__ import annotations

import datetime
from typing import Any

ANON = None
NAMESPACES = {"activities"}

SHIFT, FREE, DRAFT, ENDED = "su_shift", "su_free_shift", "su_draft_shift", "su_ended_shift"
MINE, OTHER, NOSHOW = "su_mine", "su_other", "su_noshow"

BODIES = {
    "activities:signup_add": {"number": "0"},
    "activities:signup_remove": {"reason": "矩阵测试"},
    "activities:signup_excuse": {"reason": "矩阵测试"},
}

PAGES: list[tuple[str, str, str, str | None, int]] = [
    # The volunteer's side.
    ("GET", "activities:signup_create", SHIFT, ANON, 302),
    ("GET", "activities:signup_create", SHIFT, "resident", 302),
    ("GET", "activities:signup_create", SHIFT, "volunteer", 200),
    ("GET", "activities:signup_create", DRAFT, "volunteer", 404),
    ("POST", "activities:signup_create", FREE, ANON, 302),
    ("POST", "activities:signup_create", FREE, "volunteer", 302),
    ("POST", "activities:signup_create", SHIFT, "volunteer", 400),
    ("POST", "activities:signup_create", DRAFT, "volunteer", 404),
    ("GET", "activities:my_shifts", "", ANON, 302),
    ("GET", "activities:my_shifts", "", "resident", 302),
    ("GET", "activities:my_shifts", "", "volunteer", 200),
    ("POST", "activities:signup_cancel", MINE, ANON, 302),
    ("POST", "activities:signup_cancel", MINE, "resident", 404),
    ("POST", "activities:signup_cancel", MINE, "team_leader", 404),
    ("POST", "activities:signup_cancel", MINE, "volunteer", 302),
    ("GET", "activities:shift_ics", SHIFT, ANON, 200),
    ("GET", "activities:shift_ics", SHIFT, "volunteer", 200),
    ("GET", "activities:shift_ics", DRAFT, ANON, 404),
    ("GET", "activities:shift_ics", DRAFT, "team_leader", 200),
    # The leader's roster.
    ("GET", "activities:shift_roster", SHIFT, ANON, 302),
    ("GET", "activities:shift_roster", SHIFT, "volunteer", 403),
    ("GET", "activities:shift_roster", SHIFT, "other_town_admin", 403),
    ("GET", "activities:shift_roster", SHIFT, "team_leader", 200),
    ("GET", "activities:shift_roster", SHIFT, "town_admin", 200),
    ("GET", "activities:shift_roster", SHIFT, "city_admin", 200),
    ("GET", "activities:shift_roster", DRAFT, "volunteer", 404),
    ("POST", "activities:signup_add", SHIFT, ANON, 302),
    ("POST", "activities:signup_add", SHIFT, "volunteer", 403),
    ("POST", "activities:signup_add", SHIFT, "other_town_admin", 403),
    ("POST", "activities:signup_add", SHIFT, "team_leader", 400),
    ("POST", "activities:signups_no_show", SHIFT, "team_leader", 400),
    ("POST", "activities:signups_no_show", ENDED, "volunteer", 403),
    ("POST", "activities:signups_no_show", ENDED, "team_leader", 302),
    ("POST", "activities:signup_remove", OTHER, ANON, 302),
    ("POST", "activities:signup_remove", OTHER, "volunteer", 404),
    ("POST", "activities:signup_remove", MINE, "volunteer", 403),
    ("POST", "activities:signup_remove", OTHER, "other_town_admin", 404),
    ("POST", "activities:signup_remove", OTHER, "team_leader", 302),
    ("POST", "activities:signup_excuse", NOSHOW, "volunteer", 404),
    ("POST", "activities:signup_excuse", NOSHOW, "town_admin", 302),
    ("POST", "activities:signup_excuse", OTHER, "team_leader", 400),
]

A = "/api/v1/activities"
S = f"{A}/shifts/{{shift_id}}"
G = f"{A}/signups/{{signup_id}}"
REASON = {"reason": "矩阵测试"}
NUMBER = {"number": "0"}

API: list[tuple[str, str, str, str | None, int, dict[str, Any] | None]] = [
    ("POST", f"{S}/signups", FREE, ANON, 401, {}),
    ("POST", f"{S}/signups", FREE, "resident", 403, {}),
    ("POST", f"{S}/signups", FREE, "volunteer", 201, {}),
    ("POST", f"{S}/signups", SHIFT, "volunteer", 409, {}),
    ("POST", f"{S}/signups", DRAFT, "volunteer", 404, {}),
    ("DELETE", G, MINE, ANON, 401, None),
    ("DELETE", G, MINE, "resident", 403, None),
    ("DELETE", G, MINE, "team_leader", 403, None),
    ("DELETE", G, MINE, "volunteer", 200, None),
    ("GET", f"{A}/me/signups", "", ANON, 401, None),
    ("GET", f"{A}/me/signups", "", "resident", 403, None),
    ("GET", f"{A}/me/signups", "", "volunteer", 200, None),
    ("GET", f"{A}/me/open-shifts", "", ANON, 401, None),
    ("GET", f"{A}/me/open-shifts", "", "resident", 403, None),
    ("GET", f"{A}/me/open-shifts", "", "volunteer", 200, None),
    ("GET", f"{S}/roster", SHIFT, ANON, 401, None),
    ("GET", f"{S}/roster", SHIFT, "volunteer", 403, None),
    ("GET", f"{S}/roster", SHIFT, "other_town_admin", 403, None),
    ("GET", f"{S}/roster", SHIFT, "team_leader", 200, None),
    ("GET", f"{S}/roster", DRAFT, "volunteer", 404, None),
    ("POST", f"{S}/roster", SHIFT, "volunteer", 403, NUMBER),
    ("POST", f"{S}/roster", SHIFT, "team_leader", 400, NUMBER),
    ("POST", f"{G}/remove", OTHER, "volunteer", 404, REASON),
    ("POST", f"{G}/remove", MINE, "volunteer", 403, REASON),
    ("POST", f"{G}/remove", OTHER, "other_town_admin", 404, REASON),
    ("POST", f"{G}/remove", OTHER, "team_leader", 200, REASON),
    ("POST", f"{G}/excuse", NOSHOW, "other_town_admin", 404, REASON),
    ("POST", f"{G}/excuse", NOSHOW, "team_leader", 200, REASON),
    ("POST", f"{S}/no-shows", SHIFT, "team_leader", 409, None),
    ("POST", f"{S}/no-shows", ENDED, "volunteer", 403, None),
    ("POST", f"{S}/no-shows", ENDED, "team_leader", 200, None),
    ("GET", f"{S}/ics", SHIFT, ANON, 401, None),
    ("GET", f"{S}/ics", SHIFT, "volunteer", 200, None),
    ("GET", f"{S}/ics", DRAFT, "volunteer", 404, None),
]


def objects(people: dict[str, Any], city: dict[str, Any]) -> dict[str, Any]:
    from django.utils import timezone

    from volcity.activities.models import Shift, Signup
    from volcity.activities.services.signups import signup_create
    from volcity.activities.tests.factories import (
        activity_make,
        new_volunteer,
        shift_make,
        team_led_by,
        volunteer_for,
    )

    leader = people["team_leader"]
    team = team_led_by(leader, people["town_admin"], city["town1"].code, name="矩阵报名服务队")
    activity = activity_make(team, leader, title="矩阵报名活动")
    draft = activity_make(team, leader, title="矩阵报名草稿", status="draft")
    # 41 days ahead at 03:17 local time: no other area's shift is then.
    base = (timezone.now() + datetime.timedelta(days=41)).replace(
        hour=19, minute=17, second=0, microsecond=0
    )
    shift = shift_make(activity, starts_at=base, hours=1)
    free = shift_make(activity, starts_at=base + datetime.timedelta(days=1), hours=1)
    draft_shift = shift_make(draft, starts_at=base, hours=1)
    ended_start = (timezone.now() - datetime.timedelta(days=3)).replace(
        minute=17, second=0, microsecond=0
    )
    ended = shift_make(activity, starts_at=ended_start, hours=1)

    me = volunteer_for(people["volunteer"], city["village11"].code)
    mine = signup_create(volunteer=me, shift=shift)
    other = signup_create(volunteer=new_volunteer(city["village11"].code), shift=shift)
    # Past shifts cannot be signed up for through the service: rows as they would stand.
    absent = Signup.objects.create(
        shift=ended, volunteer=new_volunteer(city["village11"].code), status="confirmed"
    )
    Shift.objects.filter(pk=ended.pk).update(seats_taken=1)
    no_show_shift = shift_make(activity, starts_at=ended_start - datetime.timedelta(days=1))
    noshow = Signup.objects.create(
        shift=no_show_shift, volunteer=new_volunteer(city["village11"].code), status="no_show"
    )
    del absent
    return {
        SHIFT: {"shift_id": shift.pk},
        FREE: {"shift_id": free.pk},
        DRAFT: {"shift_id": draft_shift.pk},
        ENDED: {"shift_id": ended.pk},
        MINE: {"signup_id": mine.pk},
        OTHER: {"signup_id": other.pk},
        NOSHOW: {"signup_id": noshow.pk},
    }
