"""The roles a person can hold, and where each may be granted."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITY_ADMIN = "city_admin", _("City administrator")
    TOWN_ADMIN = "town_admin", _("Town / street administrator")
    VILLAGE_ADMIN = "village_admin", _("Village / community administrator")
    TEAM_LEADER = "team_leader", _("Team leader")
    VOLUNTEER = "volunteer", _("Volunteer")
    DISPATCHER = "dispatcher", _("Dispatcher")
    VIRTUE_CLERK = "virtue_clerk", _("Virtue-bank clerk")
    VIRTUE_COMMITTEE = "virtue_committee", _("Virtue-bank committee member")
    WAREHOUSE_KEEPER = "warehouse_keeper", _("Warehouse keeper")
    STATION_KEEPER = "station_keeper", _("Station keeper")
    DONOR = "donor", _("Donor")
    RESIDENT = "resident", _("Resident")


# The region level a role is granted at (1 city, 2 town, 3 village); None: any level.
ROLE_LEVEL: dict[str, int | None] = {
    Role.CITY_ADMIN: 1,
    Role.TOWN_ADMIN: 2,
    Role.VILLAGE_ADMIN: 3,
    Role.TEAM_LEADER: None,
    Role.VOLUNTEER: None,
    Role.DISPATCHER: None,
    Role.VIRTUE_CLERK: 3,
    Role.VIRTUE_COMMITTEE: 3,
    Role.WAREHOUSE_KEEPER: None,
    Role.STATION_KEEPER: None,
    Role.DONOR: None,
    Role.RESIDENT: None,
}

ADMIN_ROLES = frozenset({Role.CITY_ADMIN, Role.TOWN_ADMIN, Role.VILLAGE_ADMIN})
# Roles that work on other people's records (staff); the rest act for themselves.
STAFF_ROLES = ADMIN_ROLES | {
    Role.TEAM_LEADER,
    Role.DISPATCHER,
    Role.VIRTUE_CLERK,
    Role.VIRTUE_COMMITTEE,
    Role.WAREHOUSE_KEEPER,
    Role.STATION_KEEPER,
}
# Roles that are tied to one team as well as a region.
TEAM_ROLES = frozenset({Role.TEAM_LEADER})
# Which roles each administrator level may grant (within their own region).
GRANTABLE_BY: dict[str, frozenset[str]] = {
    Role.CITY_ADMIN: frozenset(Role.values),
    Role.TOWN_ADMIN: frozenset(Role.values) - {Role.CITY_ADMIN, Role.TOWN_ADMIN},
    Role.VILLAGE_ADMIN: frozenset(Role.values)
    - {Role.CITY_ADMIN, Role.TOWN_ADMIN, Role.VILLAGE_ADMIN},
}
