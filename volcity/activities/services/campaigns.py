"""Mobilisation campaigns: an administrator opens many sites at once (each a published activity
with the same shifts), invites teams; team leaders accept and send their members to shifts.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from volcity.accounts.roles import ADMIN_ROLES
from volcity.accounts.scope import scope_for
from volcity.activities.errors import NotAllowed
from volcity.activities.models import (
    Activity,
    Campaign,
    CampaignSite,
    CampaignTeam,
    Shift,
    Signup,
)
from volcity.activities.permissions import can_mobilise_in
from volcity.audit.services import audit_record
from volcity.core.errors import DomainError
from volcity.core.lifecycle import transition_apply
from volcity.regions.codes import is_within, level_of, prefix_of
from volcity.regions.models import Region
from volcity.registry.models import Membership, Team, Volunteer
from volcity.registry.permissions import can_lead_team

MAX_SITES = 200
MAX_SHIFTS = 50
COORDINATES = Decimal("0.000001")


class CampaignInvalid(DomainError):
    code = "campaign_invalid"
    default_message = _("Check the campaign's details.")


class CampaignClosed(DomainError):
    code = "campaign_closed"
    status = 409
    default_message = _("This campaign is closed.")


class TeamNotInvited(DomainError):
    code = "team_not_taking_part"
    status = 403
    default_message = _("Only leaders of a team taking part in the campaign may send volunteers.")


@dataclass(frozen=True)
class SiteIn:
    name: str
    address: str
    latitude: Decimal
    longitude: Decimal
    capacity: int
    # Where the site is; empty: the campaign's region.
    region: str = ""


@dataclass(frozen=True)
class ShiftSpec:
    starts_at: datetime.datetime
    ends_at: datetime.datetime


def _line_error(n: int, message: str) -> str:
    return gettext("Line %(line)s: %(message)s") % {"line": n, "message": message}


def sites_parse(text: str) -> list[SiteIn]:
    """Sites pasted one a line: ``name | address | lat,lng | capacity``. Every bad line is
    named in one error (field ``sites``); empty lines and lines starting with # are skipped."""
    sites: list[SiteIn] = []
    errors: list[str] = []
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in re.split(r"[|｜]", line)]
        if len(parts) != 4:
            errors.append(
                _line_error(n, gettext("write name | address | latitude,longitude | capacity."))
            )
            continue
        name, address, where, capacity = parts
        coords = [c.strip() for c in re.split(r"[,，\s]+", where) if c.strip()]
        try:
            lat, lng = (Decimal(c) for c in coords) if len(coords) == 2 else (None, None)
        except InvalidOperation:
            lat, lng = None, None
        if not name or not address:
            errors.append(_line_error(n, gettext("the site needs a name and an address.")))
        elif lat is None or lng is None:
            errors.append(_line_error(n, gettext("write the place as latitude,longitude.")))
        elif not capacity.isdigit() or int(capacity) < 1:
            errors.append(_line_error(n, gettext("the capacity must be a whole number above 0.")))
        else:
            sites.append(SiteIn(name, address, lat, lng, int(capacity)))
    if errors:
        raise CampaignInvalid(errors[0], fields={"sites": errors})
    return sites


_SHIFT_LINE = re.compile(
    r"^(\d{4}-\d{1,2}-\d{1,2})\s+(\d{1,2}:\d{2})\s*[-–~至到]\s*(\d{1,2}:\d{2})$"
)


def shifts_parse(text: str) -> list[ShiftSpec]:
    """Shift times one a line: ``2026-12-01 08:00-12:00`` (city time; an end before the start
    means the next day)."""
    specs: list[ShiftSpec] = []
    errors: list[str] = []
    zone = timezone.get_current_timezone()
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _SHIFT_LINE.match(line)
        try:
            if match is None:
                raise ValueError
            day = datetime.date.fromisoformat(
                "-".join(f"{int(p):02d}" for p in match[1].split("-"))
            )
            start = datetime.time.fromisoformat(f"{int(match[2][:-3]):02d}{match[2][-3:]}")
            end = datetime.time.fromisoformat(f"{int(match[3][:-3]):02d}{match[3][-3:]}")
        except ValueError:
            errors.append(
                _line_error(n, gettext("write the date and times as 2026-12-01 08:00-12:00."))
            )
            continue
        starts = datetime.datetime.combine(day, start, tzinfo=zone)
        ends = datetime.datetime.combine(day, end, tzinfo=zone)
        if ends <= starts:
            ends += datetime.timedelta(days=1)
        specs.append(ShiftSpec(starts, ends))
    if errors:
        raise CampaignInvalid(errors[0], fields={"shifts": errors})
    return specs


def _check(
    *,
    actor: Any,
    name: str,
    kind: str,
    region: str,
    sites: list[SiteIn],
    shifts: list[ShiftSpec],
    team_ids: list[int],
    host_team_id: int | None,
) -> tuple[Region, list[Team], Team]:
    fields: dict[str, list[Any]] = {}

    def refuse(field: str, message: Any) -> None:
        fields.setdefault(field, []).append(message)

    if not name.strip():
        refuse("name", _("Give the campaign a name."))
    if kind not in Campaign.Kind.values:
        refuse("kind", _("Choose the kind of campaign."))
    found = Region.objects.filter(code=region).first()
    if found is None:
        refuse("region", _("Choose a region."))
    elif not can_mobilise_in(actor, found.code):
        raise NotAllowed()
    if not sites:
        refuse("sites", _("Add at least one site."))
    elif len(sites) > MAX_SITES:
        refuse("sites", _("A campaign has at most %(n)s sites.") % {"n": MAX_SITES})
    seen: set[str] = set()
    for i, site in enumerate(sites, start=1):
        problem = None
        if site.name in seen:
            problem = gettext("the site %(name)s is listed twice.") % {"name": site.name}
        elif not (-90 <= site.latitude <= 90 and -180 <= site.longitude <= 180):
            problem = gettext("the place is not on Earth.")
        elif site.capacity < 1:
            problem = gettext("the capacity must be a whole number above 0.")
        elif len(site.name) > 60 or len(site.address) > 120:
            problem = gettext("the name or the address is too long.")
        elif site.region and not (
            found is not None
            and is_within(site.region, prefix_of(found.code, level_of(found.code)))
            and Region.objects.filter(code=site.region).exists()
        ):
            problem = gettext("the region is not one you can mobilise in.")
        if problem:
            refuse("sites", gettext("Site %(n)s: %(problem)s") % {"n": i, "problem": problem})
        seen.add(site.name)
    now = timezone.now()
    if not shifts:
        refuse("shifts", _("Add at least one shift time."))
    elif len(shifts) > MAX_SHIFTS:
        refuse("shifts", _("A campaign has at most %(n)s shift times.") % {"n": MAX_SHIFTS})
    for i, spec in enumerate(shifts, start=1):
        if spec.ends_at <= spec.starts_at:
            refuse("shifts", gettext("Shift %(n)s ends before it starts.") % {"n": i})
        elif spec.ends_at <= now:
            refuse("shifts", gettext("Shift %(n)s is already over.") % {"n": i})
    wanted = list(dict.fromkeys([*team_ids, *([host_team_id] if host_team_id else [])]))
    teams = {t.pk: t for t in Team.objects.filter(pk__in=wanted)}
    admin = scope_for(actor, ADMIN_ROLES)
    for team_id in wanted:
        team = teams.get(team_id)
        if team is None or not admin.covers_region(team.region_id):
            refuse("team_ids", gettext("Team %(id)s is not one you can invite.") % {"id": team_id})
        elif team.status != Team.Status.ACTIVE:
            refuse("team_ids", gettext("The team %(name)s is not active.") % {"name": team.name})
    if not wanted:
        refuse("team_ids", _("Invite at least one team."))
    if fields:
        first = next(iter(fields.values()))[0]
        raise CampaignInvalid(first, fields=fields)
    if found is None:  # pragma: no cover - refused above
        raise CampaignInvalid(field="region")
    host = teams[host_team_id or team_ids[0]]
    invited = list(dict.fromkeys(team_ids)) or [host.pk]
    return found, [teams[t] for t in invited], host


def campaign_create(
    *,
    actor: Any,
    name: str,
    kind: str,
    region: str,
    description: str,
    sites: list[SiteIn],
    shifts: list[ShiftSpec],
    team_ids: list[int],
    host_team_id: int | None = None,
) -> Campaign:
    """Open a campaign in one transaction: one published activity per site (organised by
    ``host_team_id``, else the first invited team; led by the administrator), each with the
    same shifts (capacity per site), and the invitations to the teams."""
    found, teams, host = _check(
        actor=actor,
        name=name,
        kind=kind,
        region=region,
        sites=sites,
        shifts=shifts,
        team_ids=team_ids,
        host_team_id=host_team_id,
    )
    with transaction.atomic():
        campaign = Campaign.objects.create(
            name=name.strip()[:80],
            kind=kind,
            region=found,
            description=description.strip(),
            created_by=actor,
        )
        for sort, site in enumerate(sites):
            activity = Activity.objects.create(
                campaign=campaign,
                team=host,
                title=f"{campaign.name} · {site.name}"[:80],
                description=campaign.description,
                region_id=site.region or found.code,
                address=site.address,
                latitude=site.latitude.quantize(COORDINATES),
                longitude=site.longitude.quantize(COORDINATES),
                status=Activity.Status.PUBLISHED,
                recruiting=True,
                lead=actor,
                created_by=actor,
            )
            Shift.objects.bulk_create(
                Shift(
                    activity=activity,
                    starts_at=spec.starts_at,
                    ends_at=spec.ends_at,
                    capacity=site.capacity,
                )
                for spec in shifts
            )
            CampaignSite.objects.create(
                campaign=campaign, activity=activity, name=site.name, sort=sort
            )
        CampaignTeam.objects.bulk_create(CampaignTeam(campaign=campaign, team=t) for t in teams)
        audit_record(
            "activities.campaign.created",
            obj=campaign,
            actor=actor,
            changes={
                "sites": len(sites),
                "shifts": len(shifts),
                "teams": [t.pk for t in teams],
                "host_team": host.pk,
            },
        )
    return campaign


def _open_campaign(campaign: Campaign) -> None:
    if campaign.status != Campaign.Status.OPEN:
        raise CampaignClosed()


def campaign_invite_teams(
    *, actor: Any, campaign: Campaign, team_ids: list[int]
) -> list[CampaignTeam]:
    """Invite more teams (those already invited are left as they are)."""
    if not can_mobilise_in(actor, campaign.region_id):
        raise NotAllowed()
    _open_campaign(campaign)
    admin = scope_for(actor, ADMIN_ROLES)
    teams = list(Team.objects.filter(pk__in=team_ids, status=Team.Status.ACTIVE))
    known = {t.pk for t in teams if admin.covers_region(t.region_id)}
    missing = [i for i in team_ids if i not in known]
    if missing or not team_ids:
        raise CampaignInvalid(
            gettext("Team %(id)s is not one you can invite.")
            % {"id": missing[0] if missing else "—"},
            field="team_ids",
        )
    with transaction.atomic():
        have = set(CampaignTeam.objects.filter(campaign=campaign).values_list("team_id", flat=True))
        new = [CampaignTeam(campaign=campaign, team_id=i) for i in known if i not in have]
        CampaignTeam.objects.bulk_create(new)
        audit_record(
            "activities.campaign.teams_invited",
            obj=campaign,
            actor=actor,
            changes={"teams": sorted(t.team_id for t in new)},
        )
    return list(CampaignTeam.objects.filter(campaign=campaign, team_id__in=known))


def campaign_team_respond(
    *, actor: Any, invitation: CampaignTeam, accept: bool, reason: str = ""
) -> CampaignTeam:
    """A leader of the invited team takes part (or declines, with a reason)."""
    if not can_lead_team(actor, invitation.team):
        raise NotAllowed()
    _open_campaign(invitation.campaign)
    return transition_apply(
        invitation, "accept" if accept else "decline", actor=actor, reason=reason
    )


def _leads_accepted_team(actor: Any, campaign: Campaign) -> list[int]:
    accepted = CampaignTeam.objects.filter(
        campaign=campaign, status=CampaignTeam.Status.ACCEPTED
    ).select_related("team")
    return [ct.team_id for ct in accepted if can_lead_team(actor, ct.team)]


def _add(actor: Any, shift: Shift, volunteer: Volunteer) -> Signup:
    """Place the volunteer through the sign-up service, whose permission admits leaders of a
    team taking part in the campaign for their own members."""
    from volcity.activities.services.signups import signup_add

    return signup_add(actor=actor, shift=shift, volunteer=volunteer)


def campaign_send_volunteers(
    *, actor: Any, site_shift: Shift, volunteer_ids: list[int]
) -> list[Signup]:
    """A leader of a team taking part sends active members of that team to a site's shift.
    All or nothing: a refusal for one person names them and nobody is placed."""
    activity = Activity.objects.select_related("campaign").get(pk=site_shift.activity_id)
    campaign = activity.campaign
    if campaign is None:
        raise CampaignInvalid(_("This shift is not part of a campaign."), field="shift")
    site_shift.activity = activity
    _open_campaign(campaign)
    team_ids = _leads_accepted_team(actor, campaign)
    if not team_ids:
        raise TeamNotInvited()
    if not volunteer_ids:
        raise CampaignInvalid(_("Choose the volunteers to send."), field="volunteer_ids")
    members = {
        m.volunteer_id: m.volunteer
        for m in Membership.objects.filter(
            team_id__in=team_ids,
            volunteer_id__in=volunteer_ids,
            status=Membership.Status.ACTIVE,
        ).select_related("volunteer__user")
    }
    strangers = [v for v in dict.fromkeys(volunteer_ids) if v not in members]
    if strangers:
        raise CampaignInvalid(
            _("Volunteer %(id)s is not an active member of your team.") % {"id": strangers[0]},
            field="volunteer_ids",
        )
    placed: list[Signup] = []
    with transaction.atomic():
        for volunteer_id in dict.fromkeys(volunteer_ids):
            volunteer = members[volunteer_id]
            try:
                placed.append(_add(actor, site_shift, volunteer))
            except DomainError as exc:
                who = f"{volunteer.user.display_name} ({volunteer.number})"
                raise DomainError(
                    gettext("%(who)s: %(reason)s") % {"who": who, "reason": exc.message},
                    code=exc.code,
                    status=exc.status,
                    fields={"volunteer_ids": [exc.message]},
                ) from exc
        audit_record(
            "activities.campaign.sent",
            obj=campaign,
            actor=actor,
            changes={
                "shift": site_shift.pk,
                "volunteers": [s.volunteer_id for s in placed],
                "waitlisted": [s.volunteer_id for s in placed if s.status == "waitlisted"],
            },
        )
    return placed


def campaign_close(*, actor: Any, campaign: Campaign) -> Campaign:
    """Stop mobilising: the campaign closes and its sites stop recruiting."""
    if not can_mobilise_in(actor, campaign.region_id):
        raise NotAllowed()
    with transaction.atomic():
        transition_apply(campaign, "close", actor=actor)
        Activity.objects.filter(campaign=campaign).update(recruiting=False)
    return campaign
