"""The volunteer's own pages, made for a phone: register, my card, correct, delete, my teams."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from volcity.audit.middleware import client_ip
from volcity.core.errors import DomainError, NotFound
from volcity.core.forms import form_add_domain_error
from volcity.core.privacy import decrypt_text
from volcity.regions.models import Region
from volcity.registry.choices import PARTY_STATUSES, AvailableTime
from volcity.registry.forms import VolunteerForm, region_choices, villages_of, volunteer_initial
from volcity.registry.models import Membership, Volunteer
from volcity.registry.queries import memberships_of, volunteer_of, volunteer_profile
from volcity.registry.services import (
    membership_accept,
    membership_leave,
    membership_refuse,
    membership_withdraw,
    volunteer_delete,
    volunteer_register,
    volunteer_update,
)
from volcity.registry.services.signup import volunteer_signup
from volcity.registry.validation import Lookups, volunteer_clean

LOGIN_BACKEND = "volcity.accounts.backends.PhoneOrUsernameBackend"


def volunteer_form(
    request: HttpRequest,
    *,
    with_password: bool,
    initial: dict[str, Any] | None = None,
    villages: QuerySet[Region] | None = None,
) -> VolunteerForm:
    """The registration form, its village list narrowed to the chosen town."""
    data = request.POST if request.method == "POST" else None
    towns, grouped = region_choices(villages if villages is not None else Region.objects.all())
    initial = initial or {}
    town = (data.get("town") if data is not None else "") or str(initial.get("town", ""))
    return VolunteerForm(
        data,
        initial=initial,
        towns=towns,
        villages=villages_of(towns, grouped, town),
        with_password=with_password,
    )


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    """Anyone registers here: a new person gets an account; a signed-in person without a
    volunteer registration attaches it to their account."""
    user = request.user
    if volunteer_of(user) is not None:
        messages.info(request, _("You are already registered as a volunteer."))
        return redirect("registry:me")
    anonymous = not user.is_authenticated
    initial = {} if anonymous else {"name": user.display_name, "phone": user.phone or ""}  # type: ignore[union-attr]
    form = volunteer_form(request, with_password=anonymous, initial=initial)
    if not anonymous and user.phone:  # type: ignore[union-attr]
        # The account's number stays the account's: it is how the person signs in.
        form.fields["phone"].disabled = True
    if request.method == "POST" and not form.is_valid() and set(form.errors) == {"password"}:
        # Only the password was refused: check the rest too, so every problem shows at once.
        try:
            volunteer_clean(form.volunteer_in(), lookups=Lookups.load(), phone_required=True)
        except DomainError as exc:
            form_add_domain_error(form, exc)
    elif request.method == "POST" and form.is_valid():
        try:
            if anonymous:
                volunteer = volunteer_signup(
                    data=form.volunteer_in(),
                    password=form.cleaned_data["password"],
                    ip=client_ip(request),
                )
            else:
                volunteer = volunteer_register(data=form.volunteer_in(), account=user)  # type: ignore[arg-type]
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            if anonymous:
                login(request, volunteer.user, backend=LOGIN_BACKEND)
            messages.success(
                request,
                _(
                    "You are registered. Your volunteer number is %(number)s: sign in with it "
                    "or with your mobile number."
                )
                % {"number": volunteer.number},
            )
            return redirect("registry:me")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "registry/register.html",
        {"form": form, "anonymous": anonymous},
        status=status,
    )


@require_GET
def villages(request: HttpRequest) -> HttpResponse:
    """The village select for one town (an htmx fragment of the registration form)."""
    town = request.GET.get("town", "")
    found = Region.objects.filter(level=Region.Level.VILLAGE)
    towns, grouped = region_choices(found.filter(parent_id=town) if town else found)
    return render(
        request,
        "registry/partials/_village_select.html",
        {"groups": grouped, "selected": request.GET.get("region", "")},
    )


def _own(request: HttpRequest) -> Volunteer:
    volunteer = volunteer_of(request.user)
    if volunteer is None or volunteer.status == Volunteer.Status.DELETED:
        raise NotFound(_("You are not registered as a volunteer yet."))
    return volunteer


@login_required
@require_GET
def me(request: HttpRequest) -> HttpResponse:
    volunteer = volunteer_of(request.user)
    if volunteer is None:
        return redirect("registry:register")
    profile = volunteer_profile(volunteer)
    memberships = sorted(
        profile.memberships.all(),
        key=lambda m: (m.status not in Membership.OPEN, -m.pk),
    )
    times = dict(AvailableTime.choices)
    return render(
        request,
        "registry/me.html",
        {
            "volunteer": profile,
            "open_memberships": [m for m in memberships if m.status in Membership.OPEN],
            "past_memberships": [m for m in memberships if m.status not in Membership.OPEN],
            "times": [times.get(t, t) for t in profile.available_times],
            "stars": "★" * profile.star_level,
            "is_party_member": profile.political_status in PARTY_STATUSES,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def me_edit(request: HttpRequest) -> HttpResponse:
    """The person corrects their details. The ID number is the registration itself: it is
    shown masked and cannot be changed here."""
    profile = volunteer_profile(_own(request))
    form = volunteer_form(request, with_password=False, initial=volunteer_initial(profile))
    del form.fields["id_number"]
    if request.method == "POST" and form.is_valid():
        user = profile.user
        own_number = decrypt_text(user.id_number_cipher) if user.id_number_cipher else ""
        try:
            volunteer_update(
                actor=request.user,
                volunteer=profile,
                data=form.volunteer_in(id_number=own_number),
            )
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            messages.success(request, _("Your details were saved."))
            return redirect("registry:me")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "registry/me_edit.html", {"form": form, "volunteer": profile}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def me_delete(request: HttpRequest) -> HttpResponse:
    volunteer = _own(request)
    if request.method == "POST":
        volunteer_delete(actor=request.user, volunteer=volunteer)
        logout(request)
        messages.success(
            request,
            _("Your registration and personal data were deleted. Thank you for your service."),
        )
        return redirect("portal:home")
    return render(request, "registry/me_delete.html", {"volunteer": volunteer})


MY_ACTIONS = {
    "withdraw": (membership_withdraw, gettext_lazy("Your application was withdrawn.")),
    "accept": (membership_accept, gettext_lazy("You joined the team.")),
    "refuse": (membership_refuse, gettext_lazy("You turned the invitation down.")),
    "leave": (membership_leave, gettext_lazy("You left the team.")),
}


@login_required
@require_POST
def my_membership(request: HttpRequest, membership_id: int, action: str) -> HttpResponse:
    """The volunteer withdraws an application, accepts or refuses an invitation, or leaves."""
    volunteer = _own(request)
    membership = memberships_of(volunteer).filter(pk=membership_id).first()
    if membership is None:
        raise NotFound()
    membership.volunteer = volunteer
    service, done = MY_ACTIONS[action]
    try:
        service(volunteer=volunteer, membership=membership)
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        messages.error(request, str(exc.message))
    else:
        messages.success(request, str(done))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = ""
    return redirect(target or "registry:me")
