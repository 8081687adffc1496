"""Teams: the public list and page (apply to join), registering a team, deciding on teams,
and the roster a team's leaders run (approve, decline, remove, lead, transfer, invite)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from volcity.accounts.roles import ADMIN_ROLES, Role
from volcity.accounts.scope import scope_for, visible_to
from volcity.core.errors import DomainError, NotFound
from volcity.core.forms import form_add_domain_error
from volcity.core.pagination import keyset_page
from volcity.regions.codes import level_of, prefix_of
from volcity.regions.models import Region
from volcity.regions.queries import region_q
from volcity.registry.forms import (
    InviteForm,
    NoteForm,
    ReasonForm,
    TeamFilterForm,
    TeamForm,
    TransferForm,
)
from volcity.registry.models import Membership, Team
from volcity.registry.permissions import can_decide_team, can_lead_team
from volcity.registry.queries import (
    TeamFilter,
    memberships_of,
    team_get_for,
    team_list_for,
    team_roster,
    volunteer_of,
)
from volcity.registry.services import (
    TeamIn,
    membership_apply,
    membership_approve,
    membership_decline,
    membership_remove,
    membership_set_leader,
    membership_transfer,
    team_approve,
    team_dissolve,
    team_register,
    team_reinstate,
    team_reject,
    team_suspend,
)
from volcity.registry.services.invites import membership_invite_by_number
from volcity.registry.views_staff import PAGE_SIZE, after_key

ROSTER_TABS = (
    ("active", gettext_lazy("Members")),
    ("applied", gettext_lazy("Applications")),
    ("invited", gettext_lazy("Invitations")),
)


def _towns() -> list[tuple[str, str]]:
    return list(
        Region.objects.filter(level=Region.Level.TOWN).order_by("code").values_list("code", "name")
    )


@require_GET
def team_list(request: HttpRequest) -> HttpResponse:
    """Active teams of the city, for anyone choosing one to join; staff also find theirs."""
    staff = not scope_for(request.user, ADMIN_ROLES | {Role.TEAM_LEADER}).empty
    form = TeamFilterForm(request.GET or None, towns=_towns(), with_status=staff)
    flt = TeamFilter(status=Team.Status.ACTIVE)
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        region = d["region"]
        flt = TeamFilter(
            q=d["q"],
            type=d["type"],
            level=d["level"],
            region=prefix_of(region, level_of(region)) if region else "",
            category=d["category"],
            status=d.get("status") or Team.Status.ACTIVE,
        )
    qs = team_list_for(request.user, flt).prefetch_related("categories")
    page = keyset_page(qs, after=after_key(request), limit=PAGE_SIZE)
    query = request.GET.copy()
    query.pop("after", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        # Those with a team list to export: administrators and team leaders.
        "can_export": not scope_for(request.user, [*ADMIN_ROLES, Role.TEAM_LEADER]).empty,
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "registry/partials/_team_rows.html", context)
    return render(request, "registry/team_list.html", context)


def _tab(request: HttpRequest) -> str:
    tab = request.GET.get("tab", "active")
    return tab if tab in dict(ROSTER_TABS) else "active"


def _team_context(request: HttpRequest, team: Team, **failed: Any) -> dict[str, Any]:
    """What the team page shows; ``failed`` names the form that was refused (to show its
    errors beside its fields): action, membership (for roster rows) and form."""
    user = request.user
    can_lead = can_lead_team(user, team)
    volunteer = volunteer_of(user)
    mine = None
    if volunteer is not None:
        mine = memberships_of(volunteer).filter(team=team, status__in=Membership.OPEN).first()
    context: dict[str, Any] = {
        "team": team,
        "categories": list(team.categories.all()),
        "can_lead": can_lead,
        "can_decide": can_decide_team(user, team),
        "volunteer": volunteer,
        "mine": mine,
        "apply_form": failed.get("form") if failed.get("action") == "apply" else NoteForm(),
        "failed": failed,
        "invite_form": failed.get("form") if failed.get("action") == "invite" else InviteForm(),
    }
    if can_lead:
        tab = failed.get("tab") or _tab(request)
        roster = team_roster(team, status=tab)
        context.update(
            tab=tab,
            tabs=ROSTER_TABS,
            roster=keyset_page(roster, after=after_key(request), limit=PAGE_SIZE),
            query=f"tab={tab}",
        )
    return context


@require_GET
def team_detail(request: HttpRequest, team_id: int) -> HttpResponse:
    team = team_get_for(request.user, team_id)
    context = _team_context(request, team)
    if request.htmx and context["can_lead"]:  # type: ignore[attr-defined]
        return render(request, "registry/partials/_roster_rows.html", context)
    return render(request, "registry/team_detail.html", context)


def _back(request: HttpRequest, team: Team) -> HttpResponse:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("registry:team", team_id=team.pk)


def _refused(request: HttpRequest, team: Team, **failed: Any) -> HttpResponse:
    return render(
        request, "registry/team_detail.html", _team_context(request, team, **failed), status=400
    )


@login_required
@require_POST
def team_apply(request: HttpRequest, team_id: int) -> HttpResponse:
    team = team_get_for(request.user, team_id)
    volunteer = volunteer_of(request.user)
    if volunteer is None:
        messages.info(request, _("Register as a volunteer first; then apply to join."))
        return redirect("registry:register")
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            membership_apply(volunteer=volunteer, team=team, note=form.cleaned_data["note"])
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            messages.success(request, _("Your application was sent to the team's leaders."))
            return redirect("registry:team", team_id=team.pk)
    return _refused(request, team, action="apply", form=form)


DECISIONS: dict[str, tuple[Callable[..., Team], bool, Any]] = {
    "approve": (team_approve, False, gettext_lazy("The team was approved: it is active.")),
    "reject": (team_reject, True, gettext_lazy("The team's registration was rejected.")),
    "suspend": (team_suspend, True, gettext_lazy("The team was suspended.")),
    "reinstate": (team_reinstate, False, gettext_lazy("The team was reinstated.")),
    "dissolve": (team_dissolve, True, gettext_lazy("The team was dissolved.")),
}


@login_required
@require_POST
def team_decide(request: HttpRequest, team_id: int, action: str) -> HttpResponse:
    team = team_get_for(request.user, team_id)
    if not can_decide_team(request.user, team):
        raise PermissionDenied
    service, with_reason, done = DECISIONS[action]
    form = ReasonForm(request.POST)
    if form.is_valid():
        kwargs = {"reason": form.cleaned_data["reason"]} if with_reason else {}
        try:
            service(actor=request.user, team=team, **kwargs)
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            messages.success(request, str(done))
            return _back(request, team)
    return _refused(request, team, action=action, form=form)


@login_required
@require_POST
def team_invite(request: HttpRequest, team_id: int) -> HttpResponse:
    team = team_get_for(request.user, team_id)
    if not can_lead_team(request.user, team):
        raise PermissionDenied
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            membership_invite_by_number(
                actor=request.user,
                team=team,
                number=form.cleaned_data["number"],
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            messages.success(request, _("The invitation was sent."))
            return redirect(f"{team_url(team)}?tab=invited")
    return _refused(request, team, action="invite", form=form)


def team_url(team: Team) -> str:
    from django.urls import reverse

    return reverse("registry:team", kwargs={"team_id": team.pk})


def _transfer(request: HttpRequest, membership: Membership, form: forms.Form) -> None:
    try:
        to_team = team_get_for(request.user, form.cleaned_data["team"])
    except NotFound:
        form.add_error("team", _("No such team among those you can see."))
        return
    membership_transfer(actor=request.user, membership=membership, to_team=to_team)


ROSTER = {
    "approve": (None, gettext_lazy("The volunteer joined the team.")),
    "decline": (ReasonForm, gettext_lazy("The application was declined.")),
    "remove": (ReasonForm, gettext_lazy("The member was removed from the team.")),
    "lead": (None, gettext_lazy("The member now leads the team.")),
    "unlead": (None, gettext_lazy("The member no longer leads the team.")),
    "transfer": (TransferForm, gettext_lazy("The member was transferred.")),
}


def _roster_apply(request: HttpRequest, action: str, m: Membership, form: forms.Form) -> None:
    actor = request.user
    if action == "approve":
        membership_approve(actor=actor, membership=m)
    elif action == "decline":
        membership_decline(actor=actor, membership=m, reason=form.cleaned_data["reason"])
    elif action == "remove":
        membership_remove(actor=actor, membership=m, reason=form.cleaned_data["reason"])
    elif action in ("lead", "unlead"):
        membership_set_leader(actor=actor, membership=m, leader=action == "lead")
    else:
        _transfer(request, m, form)


@login_required
@require_POST
def roster_action(
    request: HttpRequest, team_id: int, membership_id: int, action: str
) -> HttpResponse:
    team = team_get_for(request.user, team_id)
    if not can_lead_team(request.user, team):
        raise PermissionDenied
    membership = team_roster(team).filter(pk=membership_id).first()
    if membership is None:
        raise NotFound()
    membership.team = team
    form_class, done = ROSTER[action]
    form: forms.Form = (form_class or forms.Form)(request.POST)
    if form.is_valid():
        try:
            _roster_apply(request, action, membership, form)
        except DomainError as exc:
            form_add_domain_error(form, exc)
        if not form.errors:
            messages.success(request, str(done))
            return _back(request, team)
    return _refused(
        request, team, action=action, membership=membership.pk, form=form, tab=membership.status
    )


def _scoped(user: Any, *, team_field: str) -> Q:
    """Teams in the user's administrator regions, or whose ``team_field`` is a team they lead.
    (An empty Q would vanish from an OR: the whole city is said as "has a region".)"""
    admins = scope_for(user, ADMIN_ROLES)
    led = sorted(scope_for(user, [Role.TEAM_LEADER]).team_ids)
    in_regions = Q(region__isnull=False) if admins.everything else admins.q(region_field="region")
    return in_regions | Q(**{f"{team_field}__in": led})


def _team_form(request: HttpRequest) -> TeamForm:
    user = request.user
    regions = visible_to(user, Region.objects.all(), roles=ADMIN_ROLES, region_field="code")
    parents = list(
        team_list_for(user, TeamFilter(status=Team.Status.ACTIVE))
        .filter(_scoped(user, team_field="pk"))
        .order_by("region_id", "name")
    )
    if parents:
        regions = regions | Region.objects.filter(
            region_q({t.region.path for t in parents}, field="code")
        )
    indent = "　"
    return TeamForm(
        request.POST if request.method == "POST" else None,
        regions=[(r.code, indent * (r.level - 1) + r.name) for r in regions.order_by("code")],
        parents=[(t.pk, f"{t.name} · {t.region.name}") for t in parents],
    )


@login_required
@require_http_methods(["GET", "POST"])
def team_new(request: HttpRequest) -> HttpResponse:
    """Administrators register teams in their regions; leaders register sub-teams of theirs.
    A new team waits for approval."""
    admins = scope_for(request.user, ADMIN_ROLES)
    if admins.empty and not scope_for(request.user, [Role.TEAM_LEADER]).team_ids:
        raise PermissionDenied
    form = _team_form(request)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            team = team_register(
                actor=request.user,
                data=TeamIn(
                    name=d["name"],
                    type=d["type"],
                    level=d["level"],
                    region=d["region"],
                    parent=d["parent"],
                    categories=list(d["categories"]),
                    description=d["description"],
                    contact_phone=d["contact_phone"],
                ),
            )
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            messages.success(request, _("The team was registered; it waits for approval."))
            return redirect("registry:team", team_id=team.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "registry/team_new.html", {"form": form}, status=status)


@login_required
@require_GET
def teams_pending(request: HttpRequest) -> HttpResponse:
    """Teams waiting for a decision the user may take: in their regions, or under their team."""
    user = request.user
    admins = scope_for(user, ADMIN_ROLES)
    led = scope_for(user, [Role.TEAM_LEADER]).team_ids
    if admins.empty and not led:
        raise PermissionDenied
    qs = team_list_for(user, TeamFilter(status=Team.Status.PENDING)).filter(
        _scoped(user, team_field="parent_id")
    )
    page = keyset_page(qs, after=after_key(request), limit=PAGE_SIZE)
    context = {"page": page, "query": ""}
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "registry/partials/_pending_rows.html", context)
    return render(request, "registry/teams_pending.html", context)
