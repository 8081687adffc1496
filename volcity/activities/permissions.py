"""Who may do what in service delivery. Pure predicates over the scope.

An activity (its shifts, sign-ups, check-ins and records) is run by the leaders of its
organising team and by administrators whose region covers where it takes place.
"""

from __future__ import annotations

from typing import Any

from volcity.accounts.roles import ADMIN_ROLES, Role
from volcity.accounts.scope import scope_for


def can_run_team_work(user: Any, team_id: int, region_id: str) -> bool:
    """Leaders of the team, and administrators of the region it works in."""
    return scope_for(user, [Role.TEAM_LEADER]).covers_team(team_id) or scope_for(
        user, ADMIN_ROLES
    ).covers_region(region_id)


def can_manage_activity(user: Any, activity: Any) -> bool:
    return can_run_team_work(user, activity.team_id, activity.region_id)


def can_send_to_activity(user: Any, activity: Any, volunteer: Any) -> bool:
    """Who may put ``volunteer`` on a shift of ``activity``: whoever runs the activity, and
    for a mobilisation site also the leaders of a team taking part in its campaign, for the
    active members of that team."""
    if can_manage_activity(user, activity):
        return True
    if activity.campaign_id is None:
        return False
    from volcity.activities.models import CampaignTeam
    from volcity.registry.models import Membership

    led = scope_for(user, [Role.TEAM_LEADER]).team_ids
    teams = set(
        CampaignTeam.objects.filter(
            campaign_id=activity.campaign_id,
            status=CampaignTeam.Status.ACCEPTED,
            team_id__in=sorted(led),
        ).values_list("team_id", flat=True)
    )
    return (
        bool(teams)
        and Membership.objects.filter(
            volunteer=volunteer, team_id__in=teams, status=Membership.Status.ACTIVE
        ).exists()
    )


def can_manage_project(user: Any, project: Any) -> bool:
    return can_run_team_work(user, project.team_id, project.region_id)


def can_decide_record(user: Any, record: Any) -> bool:
    """Approve, decline, review corrections: leaders of the organising unit, administrators of
    the region where the service was given. Nobody decides their own record."""
    if getattr(user, "pk", None) is not None and record.volunteer.user_id == user.pk:
        return False
    return can_run_team_work(user, record.team_id, record.region_id)


def can_mobilise_in(user: Any, region_code: str) -> bool:
    """Campaigns are created by administrators for their regions."""
    return scope_for(user, ADMIN_ROLES).covers_region(region_code)


def can_issue_certificate(user: Any, volunteer: Any) -> bool:
    """The volunteer for themselves, administrators of their residence region."""
    if getattr(user, "pk", None) == volunteer.user_id:
        return True
    return scope_for(user, ADMIN_ROLES).covers_region(volunteer.region_id)
