"""Inviting a volunteer into a team by the number on their volunteer card."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from volcity.core.errors import DomainError
from volcity.registry.models import Membership, Team, Volunteer
from volcity.registry.services.memberships import membership_invite


class UnknownVolunteerNumber(DomainError):
    code = "unknown_volunteer_number"
    default_message = _("No volunteer has this number.")


def membership_invite_by_number(
    *, actor: Any, team: Team, number: str, note: str = ""
) -> Membership:
    """A leader types the volunteer number a person shows them; the person is invited and
    accepts or refuses on their own page. Numbers are public identifiers, so any registered
    volunteer of the city can be invited; deleted registrations cannot."""
    digits = "".join(number.split())
    volunteer = (
        Volunteer.objects.select_related("user")
        .filter(number=digits)
        .exclude(status=Volunteer.Status.DELETED)
        .first()
        if digits
        else None
    )
    if volunteer is None:
        raise UnknownVolunteerNumber(field="number")
    try:
        return membership_invite(actor=actor, volunteer=volunteer, team=team, note=note)
    except DomainError as exc:
        if exc.status == 403:
            raise
        # The page's field is the number: put the reason there.
        raise DomainError(exc.message, code=exc.code, field="number", status=exc.status) from None
