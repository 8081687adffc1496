"""Pages: mobilisation campaigns. Administrators open one and watch the live fill board;
leaders of invited teams answer the invitation and send their members to site shifts."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from volcity.accounts.roles import ADMIN_ROLES
from volcity.accounts.scope import scope_for, visible_to
from volcity.activities.forms_campaigns import CampaignForm, RespondForm, SendForm
from volcity.activities.models import CampaignTeam
from volcity.activities.permissions import can_mobilise_in
from volcity.activities.queries_campaigns import (
    STAFF,
    campaign_fill,
    campaign_get_for,
    campaign_list_for,
    campaign_site_get,
    campaign_teams,
    invitations_led_by,
    sendable_members,
    site_shifts,
)
from volcity.activities.services.campaigns import (
    campaign_close,
    campaign_create,
    campaign_send_volunteers,
    campaign_team_respond,
)
from volcity.core.errors import DomainError, NotFound
from volcity.core.forms import form_add_domain_error
from volcity.regions.models import Region
from volcity.registry.models import Team


def _staff(request: HttpRequest) -> None:
    if scope_for(request.user, STAFF).empty:
        raise PermissionDenied


@login_required
@require_GET
def campaign_list(request: HttpRequest) -> HttpResponse:
    _staff(request)
    campaigns = list(campaign_list_for(request.user).select_related("region").order_by("-id")[:100])
    can_create = not scope_for(request.user, ADMIN_ROLES).empty
    return render(
        request,
        "activities/campaigns/list.html",
        {"campaigns": campaigns, "can_create": can_create},
    )


def _campaign_form(request: HttpRequest) -> CampaignForm:
    regions = visible_to(request.user, Region.objects.all(), roles=ADMIN_ROLES, region_field="code")
    teams = visible_to(
        request.user, Team.objects.filter(status=Team.Status.ACTIVE), roles=ADMIN_ROLES
    )
    return CampaignForm(
        request.POST or None,
        regions=list(regions.order_by("code").values_list("code", "name")),
        teams=list(teams.order_by("region_id", "name").values_list("id", "name")),
    )


@login_required
@require_http_methods(["GET", "POST"])
def campaign_new(request: HttpRequest) -> HttpResponse:
    if scope_for(request.user, ADMIN_ROLES).empty:
        raise PermissionDenied
    form = _campaign_form(request)
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                campaign = campaign_create(
                    actor=request.user,
                    name=d["name"],
                    kind=d["kind"],
                    region=d["region"],
                    description=d["description"],
                    sites=d["sites"],
                    shifts=d["shifts"],
                    team_ids=d["team_ids"],
                    host_team_id=d["host_team_id"],
                )
            except DomainError as exc:
                form_add_domain_error(form, exc)
            else:
                messages.success(request, _("The campaign is open and the teams are invited."))
                return redirect("activities:campaign_detail", campaign_id=campaign.pk)
        return render(request, "activities/campaigns/new.html", {"form": form}, status=400)
    return render(request, "activities/campaigns/new.html", {"form": form})


def _board(request: HttpRequest, campaign_id: int) -> dict[str, Any]:
    campaign = campaign_get_for(request.user, campaign_id)
    return {
        "campaign": campaign,
        "fill": campaign_fill(campaign),
        "now": timezone.localtime(),
    }


@login_required
@require_GET
def campaign_detail(request: HttpRequest, campaign_id: int) -> HttpResponse:
    context = _board(request, campaign_id)
    campaign = context["campaign"]
    context.update(
        teams=campaign_teams(campaign),
        mine=invitations_led_by(request.user, campaign),
        can_mobilise=can_mobilise_in(request.user, campaign.region_id),
    )
    return render(request, "activities/campaigns/detail.html", context)


@login_required
@require_GET
def campaign_fill_partial(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """The fill board alone, polled by the detail page every 5 seconds."""
    return render(request, "activities/campaigns/partials/_fill.html", _board(request, campaign_id))


@login_required
@require_POST
def campaign_close_view(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = campaign_get_for(request.user, campaign_id)
    try:
        campaign_close(actor=request.user, campaign=campaign)
    except DomainError as exc:
        if exc.status == 403:
            raise
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The campaign is closed; its sites stopped recruiting."))
    return redirect("activities:campaign_detail", campaign_id=campaign.pk)


def _invitation(request: HttpRequest, campaign_id: int, team_id: int) -> CampaignTeam:
    campaign = campaign_get_for(request.user, campaign_id)
    for invitation in invitations_led_by(request.user, campaign):
        if invitation.team_id == team_id:
            invitation.campaign = campaign
            return invitation
    raise NotFound()


@login_required
@require_http_methods(["GET", "POST"])
def campaign_respond(request: HttpRequest, campaign_id: int, team_id: int) -> HttpResponse:
    invitation = _invitation(request, campaign_id, team_id)
    form = RespondForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                campaign_team_respond(
                    actor=request.user,
                    invitation=invitation,
                    accept=form.cleaned_data["accept"],
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as exc:
                form_add_domain_error(form, exc)
            else:
                messages.success(request, _("Your answer was recorded."))
                return redirect("activities:campaign_detail", campaign_id=campaign_id)
        status = 400
    else:
        status = 200
    return render(
        request,
        "activities/campaigns/respond.html",
        {"invitation": invitation, "campaign": invitation.campaign, "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def campaign_send(request: HttpRequest, campaign_id: int, site_id: int) -> HttpResponse:
    campaign = campaign_get_for(request.user, campaign_id)
    site = campaign_site_get(campaign, site_id)
    members = sendable_members(request.user, campaign)
    if not members and not invitations_led_by(request.user, campaign):
        raise PermissionDenied
    shifts = site_shifts(site)
    form = SendForm(
        request.POST or None,
        shifts=[
            (
                s.pk,
                f"{timezone.localtime(s.starts_at):%m-%d %H:%M}–"
                f"{timezone.localtime(s.ends_at):%H:%M} ({s.seats_taken}/{s.capacity})",
            )
            for s in shifts
        ],
        members=[
            (
                m.volunteer_id,
                f"{m.volunteer.user.display_name} · {m.volunteer.number} · {m.team.name}",
            )
            for m in members
        ],
    )
    if request.method == "POST":
        if form.is_valid():
            shift = next(s for s in shifts if s.pk == form.cleaned_data["shift"])
            try:
                placed = campaign_send_volunteers(
                    actor=request.user,
                    site_shift=shift,
                    volunteer_ids=form.cleaned_data["volunteer_ids"],
                )
            except DomainError as exc:
                form_add_domain_error(form, exc)
            else:
                messages.success(
                    request,
                    _("%(n)s volunteers were sent to %(site)s.")
                    % {"n": len(placed), "site": site.name},
                )
                return redirect("activities:campaign_detail", campaign_id=campaign.pk)
        status = 400
    else:
        status = 200
    return render(
        request,
        "activities/campaigns/send.html",
        {"campaign": campaign, "site": site, "form": form, "has_members": bool(members)},
        status=status,
    )
