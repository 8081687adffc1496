"""Joining teams: apply or be invited, approve or decline, leave, be removed, transfer, lead."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volcity.accounts.roles import Role
from volcity.accounts.services import role_assign, role_unassign
from volcity.audit.services import audit_record
from volcity.core.errors import DomainError
from volcity.core.lifecycle import transition_apply
from volcity.registry.errors import MembershipExists, NotAllowed, TeamNotActive, VolunteerNotActive
from volcity.registry.models import Membership, Team, Volunteer
from volcity.registry.permissions import can_lead_team


def _open(volunteer: Volunteer, team: Team, status: str, actor: Any, note: str) -> Membership:
    if team.status != Team.Status.ACTIVE:
        raise TeamNotActive(field="team")
    if volunteer.status != Volunteer.Status.ACTIVE:
        raise VolunteerNotActive(field="volunteer")
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                volunteer=volunteer, team=team, status=status, note=note.strip()[:200]
            )
            audit_record(
                f"registry.membership.{status}",
                obj=membership,
                actor=actor,
                region_id=team.region_id,
                changes={"team": team.pk, "volunteer": volunteer.number},
            )
    except IntegrityError:
        raise MembershipExists(field="team") from None
    return membership


def membership_apply(*, volunteer: Volunteer, team: Team, note: str = "") -> Membership:
    """The volunteer asks to join; a leader of the team decides."""
    return _open(volunteer, team, Membership.Status.APPLIED, volunteer.user, note)


def membership_invite(
    *, actor: Any, volunteer: Volunteer, team: Team, note: str = ""
) -> Membership:
    if not can_lead_team(actor, team):
        raise NotAllowed()
    return _open(volunteer, team, Membership.Status.INVITED, actor, note)


def _join(membership: Membership, action: str, actor: Any) -> Membership:
    with transaction.atomic():
        membership.joined_at = timezone.now()
        transition_apply(membership, action, actor=actor, extra_fields=["joined_at"])
        Team.objects.filter(pk=membership.team_id).update(member_count=F("member_count") + 1)
    return membership


def _end(membership: Membership, action: str, actor: Any, reason: str = "") -> Membership:
    with transaction.atomic():
        was_active = membership.status == Membership.Status.ACTIVE
        was_leader = membership.is_leader
        membership.ended_at = timezone.now()
        membership.is_leader = False
        transition_apply(
            membership, action, actor=actor, reason=reason, extra_fields=["ended_at", "is_leader"]
        )
        if was_active:
            Team.objects.filter(pk=membership.team_id).update(member_count=F("member_count") - 1)
        if was_leader:
            role_unassign(
                user=membership.volunteer.user,
                role=Role.TEAM_LEADER,
                team_id=membership.team_id,
                because=f"membership {action}",
            )
    return membership


def membership_approve(*, actor: Any, membership: Membership) -> Membership:
    if not can_lead_team(actor, membership.team):
        raise NotAllowed()
    return _join(membership, "approve", actor)


def membership_decline(*, actor: Any, membership: Membership, reason: str) -> Membership:
    if not can_lead_team(actor, membership.team):
        raise NotAllowed()
    return _end(membership, "decline", actor, reason)


def membership_withdraw(*, volunteer: Volunteer, membership: Membership) -> Membership:
    if membership.volunteer_id != volunteer.pk:
        raise NotAllowed()
    return _end(membership, "withdraw", volunteer.user)


def membership_accept(*, volunteer: Volunteer, membership: Membership) -> Membership:
    if membership.volunteer_id != volunteer.pk:
        raise NotAllowed()
    return _join(membership, "accept", volunteer.user)


def membership_refuse(*, volunteer: Volunteer, membership: Membership) -> Membership:
    if membership.volunteer_id != volunteer.pk:
        raise NotAllowed()
    return _end(membership, "refuse", volunteer.user)


def membership_leave(*, volunteer: Volunteer, membership: Membership) -> Membership:
    if membership.volunteer_id != volunteer.pk:
        raise NotAllowed()
    return _end(membership, "leave", volunteer.user)


def membership_remove(*, actor: Any, membership: Membership, reason: str) -> Membership:
    if not can_lead_team(actor, membership.team):
        raise NotAllowed()
    return _end(membership, "remove", actor, reason)


def membership_transfer(*, actor: Any, membership: Membership, to_team: Team) -> Membership:
    """Move an active member to another team in one step; both teams' history keeps it.
    Done by a leader (or administrator) of the team the volunteer leaves, who must also be
    allowed to run the receiving team."""
    if not (can_lead_team(actor, membership.team) and can_lead_team(actor, to_team)):
        raise NotAllowed()
    if to_team.pk == membership.team_id:
        raise DomainError(_("Choose another team to transfer to."), code="same_team", field="team")
    with transaction.atomic():
        target = _open(
            membership.volunteer,
            to_team,
            Membership.Status.ACTIVE,
            actor,
            note=str(_("Transferred")),
        )
        target.joined_at = timezone.now()
        target.save(update_fields=["joined_at"])
        Team.objects.filter(pk=to_team.pk).update(member_count=F("member_count") + 1)
        membership.transferred_to = target
        _end(membership, "transfer", actor)
        Membership.objects.filter(pk=membership.pk).update(transferred_to=target)
    return target


def membership_set_leader(*, actor: Any, membership: Membership, leader: bool) -> Membership:
    """Make an active member a leader of the team (which grants the team-leader role), or not."""
    team = membership.team
    if not can_lead_team(actor, team):
        raise NotAllowed()
    if membership.status != Membership.Status.ACTIVE:
        raise DomainError(
            _("Only an active member can lead the team."), code="not_a_member", field="membership"
        )
    with transaction.atomic():
        Membership.objects.filter(pk=membership.pk).update(is_leader=leader)
        membership.is_leader = leader
        user = membership.volunteer.user
        if leader:
            role_assign(
                user=user,
                role=Role.TEAM_LEADER,
                region=team.region,
                team_id=team.pk,
                because="made team leader",
            )
        else:
            role_unassign(
                user=user, role=Role.TEAM_LEADER, team_id=team.pk, because="no longer team leader"
            )
        audit_record(
            "registry.membership.leader_set",
            obj=membership,
            actor=actor,
            region_id=team.region_id,
            changes={"leader": leader},
        )
    return membership


def memberships_close_for_team(*, actor: Any, team: Team, reason: str) -> int:
    """End every open membership of a dissolved team."""
    closed = 0
    for membership in Membership.objects.filter(
        team=team, status__in=Membership.OPEN
    ).select_related("volunteer__user", "team"):
        action = (
            "remove"
            if membership.status == Membership.Status.ACTIVE
            else ("decline" if membership.status == Membership.Status.APPLIED else "refuse")
        )
        _end(membership, action, actor, reason)
        closed += 1
    return closed
