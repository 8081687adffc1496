"""Every write of the registry, one function per use case."""

from volcity.registry.services.invites import membership_invite_by_number
from volcity.registry.services.memberships import (
    membership_accept,
    membership_apply,
    membership_approve,
    membership_decline,
    membership_invite,
    membership_leave,
    membership_refuse,
    membership_remove,
    membership_set_leader,
    membership_transfer,
    membership_withdraw,
)
from volcity.registry.services.party import party_register
from volcity.registry.services.signup import volunteer_signup
from volcity.registry.services.teams import (
    TeamIn,
    team_approve,
    team_dissolve,
    team_register,
    team_reinstate,
    team_reject,
    team_suspend,
)
from volcity.registry.services.volunteers import (
    volunteer_delete,
    volunteer_record_consent,
    volunteer_register,
    volunteer_reinstate,
    volunteer_star_set,
    volunteer_suspend,
    volunteer_update,
)

__all__ = [
    "TeamIn",
    "membership_accept",
    "membership_apply",
    "membership_approve",
    "membership_decline",
    "membership_invite",
    "membership_invite_by_number",
    "membership_leave",
    "membership_refuse",
    "membership_remove",
    "membership_set_leader",
    "membership_transfer",
    "membership_withdraw",
    "party_register",
    "team_approve",
    "team_dissolve",
    "team_register",
    "team_reinstate",
    "team_reject",
    "team_suspend",
    "volunteer_delete",
    "volunteer_record_consent",
    "volunteer_signup",
    "volunteer_register",
    "volunteer_reinstate",
    "volunteer_star_set",
    "volunteer_suspend",
    "volunteer_update",
]
