"""Making registry records for the API tests, through the services (never by writing tables)."""

from __future__ import annotations

import datetime
import itertools
import json
from typing import Any

from django.test import Client
from django.utils import timezone

from volcity.core.privacy import id_check_character
from volcity.regions.models import Region
from volcity.registry.models import Membership, Team, Volunteer
from volcity.registry.services import (
    TeamIn,
    membership_apply,
    membership_approve,
    membership_set_leader,
    team_approve,
    team_register,
    volunteer_register,
)
from volcity.registry.validation import VolunteerIn

API = "/api/v1/registry"
_serial = itertools.count(1)


def id_number(birth: datetime.date, serial: int | None = None) -> str:
    """A valid Qingzhou ID number for someone born on ``birth``."""
    seq = serial if serial is not None else next(_serial)
    body = f"370781{birth:%Y%m%d}{seq % 1000:03d}"
    return body + id_check_character(body)


def adult_id() -> str:
    return id_number(datetime.date(1985, 3, 1) + datetime.timedelta(days=next(_serial)))


def minor_id(age: int = 15) -> str:
    today = timezone.localdate()
    return id_number(today.replace(year=today.year - age) - datetime.timedelta(days=30))


def phone() -> str:
    return f"1380000{next(_serial):04d}"


def volunteer_data(region: Region | str, **fields: Any) -> VolunteerIn:
    code = region if isinstance(region, str) else region.code
    fields.setdefault("name", f"张{next(_serial)}")
    fields.setdefault("id_number", adult_id())
    return VolunteerIn(region=code, **fields)


def register_by_staff(actor: Any, region: Region | str, **fields: Any) -> Volunteer:
    return volunteer_register(data=volunteer_data(region, **fields), actor=actor)


def active_team(actor: Any, region: Region, name: str = "", level: str = "town") -> Team:
    team = team_register(
        actor=actor,
        data=TeamIn(
            name=name or f"服务队{next(_serial)}",
            type="civilized_practice",
            level=level,
            region=region.code,
            categories=["elderly"],
        ),
    )
    return team_approve(actor=actor, team=team)


def member(actor: Any, volunteer: Volunteer, team: Team) -> Membership:
    return membership_approve(
        actor=actor, membership=membership_apply(volunteer=volunteer, team=team)
    )


def leader(actor: Any, volunteer: Volunteer, team: Team) -> Membership:
    return membership_set_leader(
        actor=actor, membership=member(actor, volunteer, team), leader=True
    )


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user, backend="volcity.accounts.backends.PhoneOrUsernameBackend")
    return client


def send(
    client: Client, method: str, path: str, body: dict[str, Any] | None = None, **extra: Any
) -> Any:
    """Call ``API + path`` with a JSON body; the response."""
    kwargs: dict[str, Any] = dict(extra)
    if body is not None:
        kwargs.update(data=json.dumps(body), content_type="application/json")
    return client.generic(method, API + path, **kwargs)
