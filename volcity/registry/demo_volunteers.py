"""How a demo volunteer's profile and teams are drawn: no database, one generator.

``volcity.registry.seed`` reads the accounts and teams, hands them here, and writes what comes
back. The shares are plausible, not measured: about one in ten a Party member, most with no
star, a few with five; about 1.3 memberships a head, most in their village's team.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from volcity.core.seeding import ChineseNames, mobile_number
from volcity.registry.choices import (
    PARTY_STATUSES,
    AvailableTime,
    PoliticalStatus,
    TeamLevel,
    TeamType,
)
from volcity.registry.demo_data import PROFESSIONAL_TEAMS, SERVICE_POSTS
from volcity.registry.models import Membership, Team, Volunteer
from volcity.registry.validation import ADULT_AGE

TEAM_LEADER_USERNAME = "team_leader"  # holds TEAM_LEADER with team_id=1 (accounts.seed)
DEMO_VOLUNTEER_USERNAME = "volunteer"
FIRST_TEAM = 1
STAR_WEIGHTS = (62, 15, 10, 7, 4, 2)  # star levels 0 … 5
SKILL_COUNT_WEIGHTS = (25, 40, 25, 10)  # 0 … 3 skills
HOME_TEAM_SHARE = 0.97
SECOND_TEAM_SHARE = 0.35
PARTY_REGISTERED_SHARE = 0.6
# mobile_number index ranges of their own (the volunteers' accounts use 0 … 160,399).
EMERGENCY_PHONES, GUARDIAN_PHONES = 600_000_000, 700_000_000
_TIMES = [t for t in AvailableTime.values if t != AvailableTime.ANY_TIME]
ACTIVE, APPLIED, LEFT = Membership.Status.ACTIVE, Membership.Status.APPLIED, Membership.Status.LEFT


@dataclass
class TeamIndex:
    """Which teams a volunteer of a given village may be in."""

    village: dict[str, int] = field(default_factory=dict)  # village code → its team
    town: dict[str, int] = field(default_factory=dict)  # town prefix → its team
    town_orgs: dict[str, list[int]] = field(default_factory=dict)  # town prefix → groups
    city_orgs: list[int] = field(default_factory=list)  # the brigade, associations, …
    professional: list[int] = field(default_factory=list)
    by_skill: dict[str, list[int]] = field(default_factory=dict)  # skill → professional teams

    @classmethod
    def of(cls, teams: Sequence[Team]) -> TeamIndex:
        index = cls()
        for team in sorted(teams, key=lambda t: t.pk):
            code, practice = team.region_id, team.type == TeamType.CIVILIZED_PRACTICE
            if team.type == TeamType.PROFESSIONAL:
                index.professional.append(team.pk)
            elif team.level == TeamLevel.MUNICIPAL:
                index.city_orgs.append(team.pk)
            elif team.level == TeamLevel.VILLAGE and practice:
                index.village[code] = team.pk
            elif team.level == TeamLevel.TOWN and practice:
                index.town[code[:9]] = team.pk
            else:
                index.town_orgs.setdefault(code[:9], []).append(team.pk)
        # The plan makes the professional teams in PROFESSIONAL_TEAMS order.
        for pk, (_topic, _category, skills) in zip(
            index.professional, PROFESSIONAL_TEAMS, strict=True
        ):
            for skill in skills:
                index.by_skill.setdefault(skill, []).append(pk)
        return index


@dataclass(frozen=True)
class Person:
    user_id: int
    username: str
    display_name: str
    region: str  # a village code
    birth_date: datetime.date | None


@dataclass(frozen=True)
class Joined:
    team: int
    status: str
    joined_at: datetime.datetime | None
    ended_at: datetime.datetime | None


@dataclass
class Draft:
    person: Person
    volunteer: Volunteer  # unsaved
    skills: list[str]
    categories: list[str]
    teams: list[Joined]
    party: tuple[str, str] | None  # (employer, service post)

    @property
    def is_demo_login(self) -> bool:
        return self.person.username in (TEAM_LEADER_USERNAME, DEMO_VOLUNTEER_USERNAME)


def age_on(birth: datetime.date | None, today: datetime.date) -> int:
    if birth is None:
        return 40
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


@dataclass
class Drawer:
    """Draws one volunteer at a time, in account order, from ``rng`` alone."""

    rng: random.Random
    seed: int
    index: TeamIndex
    skills: Sequence[str]
    categories: Sequence[str]
    employers: Sequence[str]
    consent_by: int | None  # who recorded guardians' consent
    now: datetime.datetime
    today: datetime.date
    names: ChineseNames = field(default_factory=ChineseNames)

    def days_ago(self, most: int) -> datetime.datetime:
        return self.now - datetime.timedelta(days=self.rng.randrange(1, most), hours=9)

    def draw(self, n: int, person: Person, number: str) -> Draft:
        rng, age = self.rng, age_on(person.birth_date, self.today)
        v = Volunteer(
            user_id=person.user_id,
            number=number,
            region_id=person.region,
            status=Volunteer.Status.ACTIVE,
            available_times=self._times(),
            political_status=self._political(age),
            star_level=rng.choices(range(6), weights=STAR_WEIGHTS)[0],
            registered_by_id=person.user_id,
        )
        if rng.random() < 0.9:
            v.emergency_name = self.names.name(rng, rng.choice("MF"))
            v.emergency_phone = mobile_number(EMERGENCY_PHONES + n, seed=self.seed)
        draft = Draft(person, v, [], [], [], None)
        if age < ADULT_AGE:
            self._guardian(draft, n)
        draft.skills = rng.sample(self.skills, rng.choices(range(4), SKILL_COUNT_WEIGHTS)[0])
        draft.categories = rng.sample(self.categories, rng.randint(1, 3))
        if v.political_status in PARTY_STATUSES and rng.random() < PARTY_REGISTERED_SHARE:
            draft.party = (rng.choice(self.employers), rng.choice(SERVICE_POSTS))
        draft.teams = self._teams(draft)
        return draft

    def _political(self, age: int) -> str:
        r = self.rng.random()
        if age >= ADULT_AGE and r < 0.085:
            return PoliticalStatus.PARTY_MEMBER
        if age >= ADULT_AGE and r < 0.10:
            return PoliticalStatus.PROBATIONARY
        if 14 <= age <= 28 and r < 0.45:
            return PoliticalStatus.LEAGUE
        if age >= ADULT_AGE and r > 0.995:
            return PoliticalStatus.DEMOCRATIC
        return PoliticalStatus.MASSES

    def _times(self) -> list[str]:
        if self.rng.random() < 0.15:
            return [AvailableTime.ANY_TIME]
        chosen = set(self.rng.sample(_TIMES, self.rng.randint(1, 3)))
        return [t for t in _TIMES if t in chosen]

    def _guardian(self, draft: Draft, n: int) -> None:
        """A minor: a parent as guardian; consent recorded for about half (always for a demo
        login), the rest wait for it."""
        rng, v = self.rng, draft.volunteer
        father = rng.random() < 0.5
        surname = draft.person.display_name[:1] or self.names.surname(rng)
        v.guardian_name = surname + self.names.name(rng, "M" if father else "F")[1:]
        v.guardian_phone = mobile_number(GUARDIAN_PHONES + n, seed=self.seed)
        v.guardian_relation = "父亲" if father else "母亲"
        if draft.is_demo_login or rng.random() < 0.5:
            v.guardian_consent_at = self.days_ago(700)
            v.guardian_consent_by_id = self.consent_by
        else:
            v.status = Volunteer.Status.PENDING_CONSENT

    def _joined(self, team: int, status: str) -> Joined:
        joined = None if status == APPLIED else self.days_ago(1500)
        ended = self.days_ago(60) if status == LEFT else None
        return Joined(team, status, joined, ended)

    def _status(self, active_share: float, applied_share: float) -> str:
        r = self.rng.random()
        return ACTIVE if r < active_share else APPLIED if r < applied_share else LEFT

    def _teams(self, draft: Draft) -> list[Joined]:
        """Most join their village's team (else their town's); about a third a second team:
        a professional team their skills fit, a group in their town, or a city organisation."""
        rng, index, person = self.rng, self.index, draft.person
        if person.username == TEAM_LEADER_USERNAME:
            return [self._joined(FIRST_TEAM, ACTIVE)]
        town = person.region[:9]
        home = index.village.get(person.region) or index.town.get(town)
        chosen: list[Joined] = []
        if home is not None and (draft.is_demo_login or rng.random() < HOME_TEAM_SHARE):
            status = ACTIVE if draft.is_demo_login else self._status(0.93, 0.97)
            chosen.append(self._joined(home, status))
        if rng.random() < SECOND_TEAM_SHARE:
            r = rng.random()
            fitting = [t for s in draft.skills for t in index.by_skill.get(s, [])]
            if r < 0.45:
                second = rng.choice(fitting or index.professional)
            elif r < 0.75 and index.town_orgs.get(town):
                second = rng.choice(index.town_orgs[town])
            elif r < 0.85 and index.city_orgs:
                second = rng.choice(index.city_orgs)
            else:
                second = index.town.get(town, FIRST_TEAM)
            if second == home:
                second = rng.choice(index.professional)
            chosen.append(self._joined(second, self._status(0.85, 0.95)))
        if draft.volunteer.status != Volunteer.Status.ACTIVE:  # waiting for consent: applied
            chosen = [self._joined(j.team, APPLIED) for j in chosen if j.status != LEFT]
        return chosen
