"""Volunteers: register (self, by staff, or a new account), find, read, correct, consent,
suspend, reinstate, delete one's own registration."""

from __future__ import annotations

import dataclasses

from django.db.models import prefetch_related_objects
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Router, Status
from ninja.errors import AuthenticationError

from volcity.accounts.permissions import is_admin
from volcity.audit.middleware import client_ip
from volcity.core.api_auth import api_user
from volcity.core.errors import DomainError, NotFound, PermissionDenied
from volcity.core.pagination import keyset_page
from volcity.core.privacy import decrypt_text
from volcity.registry.api._common import (
    caller_or_none,
    own_volunteer,
    require_registry_staff,
)
from volcity.registry.filters import parse_volunteer_filter
from volcity.registry.models import Volunteer
from volcity.registry.queries import (
    memberships_of,
    volunteer_get_for,
    volunteer_list_for,
)
from volcity.registry.schemas import (
    MembershipPage,
    NoteIn,
    ReasonIn,
    Viewer,
    VolunteerIn,
    VolunteerOut,
    VolunteerPage,
    VolunteerPatchIn,
    VolunteerRegisterIn,
    membership_out,
    viewer_of,
    volunteer_out,
)
from volcity.registry.services import (
    volunteer_delete,
    volunteer_record_consent,
    volunteer_register,
    volunteer_reinstate,
    volunteer_suspend,
    volunteer_update,
)
from volcity.registry.services.signup import volunteer_signup
from volcity.registry.validation import VolunteerIn as VolunteerData

router = Router(tags=["registry"])


def _with_lists(volunteer: Volunteer) -> Volunteer:
    prefetch_related_objects([volunteer], "skills", "categories")
    return volunteer


@router.post(
    "/volunteers",
    response={201: VolunteerOut},
    auth=None,
    openapi_extra={"security": [{"BearerAuth": []}, {"SessionAuth": []}, {}]},
)
def volunteer_add(request: HttpRequest, payload: VolunteerRegisterIn) -> Status[VolunteerOut]:
    """Register a volunteer, one of three ways:

    * `"self": true`, signed in: the caller's own account becomes a volunteer (the phone
      defaults to the account's);
    * signed in as an administrator, without `self` and `password`: staff register someone in
      their regions, a phone is optional (people without phones);
    * not signed in, with `phone` and `password`: a new account is made, as the registration
      page does. Throttled per address; the answer masks the personal data.
    """
    caller = caller_or_none(request)
    data = payload.to_data()
    password = payload.password or None
    if payload.myself:
        if caller is None:
            raise AuthenticationError()
        if password is not None:
            raise DomainError(
                _("Your account already has a password: register yourself without one."),
                code="password_not_expected",
                field="password",
            )
        if not data.phone.strip() and caller.phone:
            data.phone = caller.phone
        volunteer = volunteer_register(data=data, account=caller, actor=caller)
        return Status(201, volunteer_out(_with_lists(volunteer), Viewer.SELF))
    if caller is not None:
        if password is not None:
            raise DomainError(
                _(
                    'You are signed in: send "self": true to register yourself; a password '
                    "is only for a new account made without signing in."
                ),
                code="password_not_expected",
                field="password",
            )
        if not is_admin(caller):
            raise PermissionDenied(
                _('Only administrators register other people; send "self": true to register.')
            )
        volunteer = volunteer_register(data=data, actor=caller)
        return Status(201, volunteer_out(_with_lists(volunteer), Viewer.STAFF))
    if password is None:
        raise DomainError(
            _("Sign in to register yourself, or choose a password for a new account."),
            code="unauthenticated",
            status=401,
            field="password",
        )
    volunteer = volunteer_signup(data=data, password=password, ip=client_ip(request))
    return Status(201, volunteer_out(_with_lists(volunteer), Viewer.PUBLIC))


@router.get("/volunteers", response=VolunteerPage)
def volunteer_list(
    request: HttpRequest,
    q: str = "",
    skill: str = "",
    category: str = "",
    region: str = "",
    team: int | None = None,
    age_band: str = "",
    status: str = "",
    star_level: int | None = None,
    after: int | None = None,
    limit: int = 50,
) -> VolunteerPage:
    """Volunteers the caller may see (administrators: their regions; team leaders: their
    teams' members, applicants and invitees). `q` is a name prefix, a volunteer number or a
    mobile number (exact); `age_band` is under_18, 18_35, 36_59 or 60_plus. A malformed
    filter value filters nothing, as on the list pages."""
    actor = require_registry_staff(request)
    # The same parser as the list pages and exports: malformed values filter nothing.
    flt = parse_volunteer_filter(
        {
            "q": q,
            "skill": skill,
            "category": category,
            "region": region,
            "team": team,
            "age_band": age_band,
            "status": status,
            "star_level": star_level,
        }
    )
    qs = volunteer_list_for(actor, flt).prefetch_related("skills", "categories")
    page = keyset_page(qs, after=None if after is None else str(after), limit=limit)
    return VolunteerPage(
        items=[volunteer_out(v, viewer_of(actor, v)) for v in page.items], next=page.next
    )


@router.get("/volunteers/me", response=VolunteerOut)
def volunteer_me(request: HttpRequest) -> VolunteerOut:
    """The caller's own registration, in full (the ID number stays masked)."""
    return volunteer_out(_with_lists(own_volunteer(api_user(request))), Viewer.SELF)


@router.delete("/volunteers/me", response={204: None})
def volunteer_me_delete(request: HttpRequest) -> Status[None]:
    """Delete one's own registration: what identifies the person is erased, the account is
    closed and its tokens revoked; anonymous counts of service stay for statistics."""
    actor = api_user(request)
    volunteer_delete(actor=actor, volunteer=own_volunteer(actor))
    return Status(204, None)


@router.get("/volunteers/me/memberships", response=MembershipPage)
def volunteer_me_memberships(
    request: HttpRequest, after: int | None = None, limit: int = 50
) -> MembershipPage:
    """The caller's teams: open applications and invitations, memberships, and past ones."""
    actor = api_user(request)
    qs = memberships_of(own_volunteer(actor)).select_related("volunteer__user")
    page = keyset_page(qs, after=None if after is None else str(after), limit=limit)
    return MembershipPage(items=[membership_out(m, actor) for m in page.items], next=page.next)


@router.get("/volunteers/{volunteer_id}", response=VolunteerOut)
def volunteer_detail(request: HttpRequest, volunteer_id: int) -> VolunteerOut:
    actor = api_user(request)
    volunteer = volunteer_get_for(actor, volunteer_id)
    return volunteer_out(_with_lists(volunteer), viewer_of(actor, volunteer))


def _current(volunteer: Volunteer) -> VolunteerData:
    """The registration as it stands, as the update service takes it."""
    user = volunteer.user
    if not user.id_number_cipher:
        raise NotFound()
    prefetch_related_objects([volunteer], "skills", "categories")
    return VolunteerData(
        name=user.display_name,
        id_number=decrypt_text(user.id_number_cipher),
        region=volunteer.region_id,
        phone=user.phone or "",
        skills=[s.code for s in volunteer.skills.all()],
        categories=[c.code for c in volunteer.categories.all()],
        available_times=list(volunteer.available_times or []),
        political_status=volunteer.political_status,
        emergency_name=volunteer.emergency_name,
        emergency_phone=volunteer.emergency_phone,
        guardian_name=volunteer.guardian_name,
        guardian_phone=volunteer.guardian_phone,
        guardian_relation=volunteer.guardian_relation,
    )


def _updated(request: HttpRequest, volunteer: Volunteer, data: VolunteerData) -> VolunteerOut:
    actor = api_user(request)
    updated = volunteer_update(actor=actor, volunteer=volunteer, data=data)
    # Read again: the service wrote the account (name, phone) apart from the volunteer row.
    fresh = Volunteer.objects.select_related("user", "region").get(pk=updated.pk)
    return volunteer_out(_with_lists(fresh), viewer_of(actor, fresh))


@router.put("/volunteers/{volunteer_id}", response=VolunteerOut)
def volunteer_replace(
    request: HttpRequest, volunteer_id: int, payload: VolunteerIn
) -> VolunteerOut:
    """Correct every detail at once (lists left out are emptied). The ID number must be the
    registered one: it cannot be changed here."""
    volunteer = volunteer_get_for(api_user(request), volunteer_id)
    return _updated(request, volunteer, payload.to_data())


@router.patch("/volunteers/{volunteer_id}", response=VolunteerOut)
def volunteer_correct(
    request: HttpRequest, volunteer_id: int, payload: VolunteerPatchIn
) -> VolunteerOut:
    """Correct some details; the others stay. By the person or an administrator of their
    region. An `id_number` other than the registered one is refused."""
    volunteer = volunteer_get_for(api_user(request), volunteer_id)
    data = dataclasses.replace(_current(volunteer), **payload.changes())
    return _updated(request, volunteer, data)


@router.post("/volunteers/{volunteer_id}/consent", response=VolunteerOut)
def volunteer_consent(
    request: HttpRequest, volunteer_id: int, payload: NoteIn | None = None
) -> VolunteerOut:
    """An administrator records the guardian's consent for a minor; the registration becomes
    active."""
    actor = api_user(request)
    volunteer = volunteer_record_consent(
        actor=actor,
        volunteer=volunteer_get_for(actor, volunteer_id),
        note=payload.note if payload else "",
    )
    return volunteer_out(_with_lists(volunteer), viewer_of(actor, volunteer))


@router.post("/volunteers/{volunteer_id}/suspend", response=VolunteerOut)
def volunteer_suspend_api(
    request: HttpRequest, volunteer_id: int, payload: ReasonIn
) -> VolunteerOut:
    actor = api_user(request)
    volunteer = volunteer_suspend(
        actor=actor, volunteer=volunteer_get_for(actor, volunteer_id), reason=payload.reason
    )
    return volunteer_out(_with_lists(volunteer), viewer_of(actor, volunteer))


@router.post("/volunteers/{volunteer_id}/reinstate", response=VolunteerOut)
def volunteer_reinstate_api(request: HttpRequest, volunteer_id: int) -> VolunteerOut:
    actor = api_user(request)
    volunteer = volunteer_reinstate(actor=actor, volunteer=volunteer_get_for(actor, volunteer_id))
    return volunteer_out(_with_lists(volunteer), viewer_of(actor, volunteer))
