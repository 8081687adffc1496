"""Fixed lists of the registry: political status, available times, team types and levels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PoliticalStatus(models.TextChoices):
    PARTY_MEMBER = "party_member", _("Communist Party member")
    PROBATIONARY = "probationary", _("Probationary Party member")
    LEAGUE = "league", _("Communist Youth League member")
    DEMOCRATIC = "democratic", _("Member of a democratic party")
    MASSES = "masses", _("Ordinary citizen")


PARTY_STATUSES = frozenset({PoliticalStatus.PARTY_MEMBER, PoliticalStatus.PROBATIONARY})


class AvailableTime(models.TextChoices):
    WEEKDAY_MORNING = "weekday_morning", _("Weekday mornings")
    WEEKDAY_AFTERNOON = "weekday_afternoon", _("Weekday afternoons")
    WEEKDAY_EVENING = "weekday_evening", _("Weekday evenings")
    WEEKEND_MORNING = "weekend_morning", _("Weekend mornings")
    WEEKEND_AFTERNOON = "weekend_afternoon", _("Weekend afternoons")
    WEEKEND_EVENING = "weekend_evening", _("Weekend evenings")
    ANY_TIME = "any_time", _("Any time, on call")


class TeamType(models.TextChoices):
    CIVILIZED_PRACTICE = "civilized_practice", _("Civilized-practice team")
    PROFESSIONAL = "professional", _("Professional team")
    ASSOCIATION = "association", _("Association")
    SOCIAL_WORK = "social_work", _("Social-work centre")
    COMPANY = "company", _("Company")
    SCHOOL = "school", _("School")
    GOVERNMENT = "government", _("Government office or public institution")
    COMMUNITY = "community", _("Community group")
    OTHER = "other", _("Other")


class TeamLevel(models.TextChoices):
    MUNICIPAL = "municipal", _("Municipal (county) level")
    TOWN = "town", _("Town / street level")
    VILLAGE = "village", _("Village / community level")


# The region level each team level belongs to (1 city, 2 town, 3 village).
TEAM_LEVEL_REGION: dict[str, int] = {
    TeamLevel.MUNICIPAL: 1,
    TeamLevel.TOWN: 2,
    TeamLevel.VILLAGE: 3,
}
