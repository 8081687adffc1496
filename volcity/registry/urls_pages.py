"""Pages of the registry: volunteers (phone), staff lists, teams, party registration."""

from django.urls import URLPattern, path

from volcity.registry import views_party, views_staff, views_teams, views_volunteer

_my = views_volunteer.my_membership
_decide = views_teams.team_decide
_roster = views_teams.roster_action
_MEMBERSHIP = "teams/<int:team_id>/roster/<int:membership_id>/"

urlpatterns: list[URLPattern] = [
    # The volunteer's own pages.
    path("register/", views_volunteer.register, name="register"),
    path("register/villages/", views_volunteer.villages, name="villages"),
    path("me/", views_volunteer.me, name="me"),
    path("me/edit/", views_volunteer.me_edit, name="me_edit"),
    path("me/delete/", views_volunteer.me_delete, name="me_delete"),
    *[
        path(
            f"me/memberships/<int:membership_id>/{action}/",
            _my,
            {"action": action},
            name=f"membership_{action}",
        )
        for action in ("withdraw", "accept", "refuse", "leave")
    ],
    # Staff: volunteers.
    path("volunteers/", views_staff.volunteer_list, name="volunteers"),
    path("volunteers/new/", views_staff.volunteer_new, name="volunteer_new"),
    path("volunteers/<int:volunteer_id>/", views_staff.volunteer_detail, name="volunteer"),
    path(
        "volunteers/<int:volunteer_id>/consent/",
        views_staff.volunteer_consent,
        name="volunteer_consent",
    ),
    path(
        "volunteers/<int:volunteer_id>/suspend/",
        views_staff.volunteer_suspend_view,
        name="volunteer_suspend",
    ),
    path(
        "volunteers/<int:volunteer_id>/reinstate/",
        views_staff.volunteer_reinstate_view,
        name="volunteer_reinstate",
    ),
    # Teams.
    path("teams/", views_teams.team_list, name="teams"),
    path("teams/new/", views_teams.team_new, name="team_new"),
    path("teams/pending/", views_teams.teams_pending, name="teams_pending"),
    path("teams/<int:team_id>/", views_teams.team_detail, name="team"),
    path("teams/<int:team_id>/apply/", views_teams.team_apply, name="team_apply"),
    path("teams/<int:team_id>/invite/", views_teams.team_invite, name="team_invite"),
    *[
        path(f"teams/<int:team_id>/{action}/", _decide, {"action": action}, name=f"team_{action}")
        for action in ("approve", "reject", "suspend", "reinstate", "dissolve")
    ],
    *[
        path(f"{_MEMBERSHIP}{action}/", _roster, {"action": action}, name=f"roster_{action}")
        for action in ("approve", "decline", "remove", "lead", "unlead", "transfer")
    ],
    # Party members' double registration.
    path("party/", views_party.party, name="party"),
    path("party/report/", views_party.party_report, name="party_report"),
    path("party/report.xlsx", views_party.party_report_xlsx, name="party_report_xlsx"),
]
