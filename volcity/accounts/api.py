from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from volcity.accounts.models import RoleGrant, User
from volcity.accounts.permissions import is_admin
from volcity.accounts.queries import (
    UserFilter,
    role_request_get_for,
    role_requests_of,
    role_requests_to_decide,
    user_get_for,
    user_list_for,
)
from volcity.accounts.roles import ADMIN_ROLES
from volcity.accounts.schemas import (
    DeclineIn,
    GrantIn,
    GrantOut,
    MeOut,
    RevealIn,
    RevealOut,
    RoleRequestIn,
    RoleRequestOut,
    TokenIn,
    TokenOut,
    UserIn,
    UserOut,
    UserPage,
)
from volcity.accounts.scope import visible_to
from volcity.accounts.services import (
    api_token_create,
    login_password,
    role_grant,
    role_request_approve,
    role_request_create,
    role_request_decline,
    role_request_withdraw,
    role_revoke,
    user_create,
    user_reveal_id_number,
)
from volcity.audit.middleware import client_ip
from volcity.core.api_auth import api_user
from volcity.core.errors import NotFound, PermissionDenied
from volcity.core.pagination import keyset_page
from volcity.core.privacy import mask_phone
from volcity.regions.queries import region_get

router = Router(tags=["accounts"])


def _grants(user: User) -> list[GrantOut]:
    return [
        GrantOut(id=g.pk, role=g.role, region=g.region_id, team=g.team_id)
        for g in user.grants.all()
    ]


def _user_out(user: User) -> UserOut:
    return UserOut(
        id=user.pk,
        username=user.username,
        name=user.display_name,
        phone=mask_phone(user.phone) if user.phone else "",
        id_number=user.id_number_masked,
        home_region=user.home_region_id,
        grants=_grants(user),
    )


def _admin(request: HttpRequest) -> Any:
    if not is_admin(api_user(request)):
        raise PermissionDenied()
    return api_user(request)


@router.post("/token", response={201: TokenOut}, auth=None)
def token_issue(request: HttpRequest, payload: TokenIn) -> Status[TokenOut]:
    """Exchange a username or mobile number and password for a bearer token."""
    user = login_password(
        request=request,
        identifier=payload.identifier,
        password=payload.password,
        ip=client_ip(request),
    )
    token, key = api_token_create(user=user, name=payload.name)
    return Status(201, TokenOut(token=key, expires_at=token.expires_at.isoformat()))


@router.get("/me", response=MeOut)
def me(request: HttpRequest) -> MeOut:
    user: User = api_user(request)
    return MeOut(
        id=user.pk,
        username=user.username,
        name=user.display_name,
        phone=mask_phone(user.phone) if user.phone else "",
        id_number=user.id_number_masked,
        home_region=user.home_region_id,
        language=user.language,
        grants=_grants(user),
    )


@router.get("/users", response=UserPage)
def users(
    request: HttpRequest,
    q: str = "",
    role: str = "",
    region: str = "",
    after: str | None = None,
    limit: int = 50,
) -> UserPage:
    actor = _admin(request)
    page = keyset_page(
        user_list_for(actor, UserFilter(q=q, role=role, region=region)), after=after, limit=limit
    )
    return UserPage(items=[_user_out(u) for u in page.items], next=page.next)


@router.post("/users", response={201: UserOut})
def user_add(request: HttpRequest, payload: UserIn) -> Status[UserOut]:
    actor = _admin(request)
    region = region_get(payload.home_region)
    if not visible_to(
        actor, type(region).objects.filter(pk=region.pk), roles=ADMIN_ROLES, region_field="code"
    ).exists():
        raise PermissionDenied(field="home_region")
    user = user_create(
        username=payload.username,
        display_name=payload.name,
        phone=payload.phone,
        password=payload.password,
        home_region=region,
        id_number=payload.id_number,
    )
    return Status(201, _user_out(user))


@router.get("/users/{user_id}", response=UserOut)
def user_detail(request: HttpRequest, user_id: int) -> UserOut:
    return _user_out(user_get_for(_admin(request), user_id))


@router.post("/users/{user_id}/grants", response={201: GrantOut})
def grant_add(request: HttpRequest, user_id: int, payload: GrantIn) -> Status[GrantOut]:
    actor = _admin(request)
    target = user_get_for(actor, user_id)
    grant = role_grant(
        actor=actor,
        user=target,
        role=payload.role,
        region=region_get(payload.region),
        team_id=payload.team,
    )
    return Status(
        201, GrantOut(id=grant.pk, role=grant.role, region=grant.region_id, team=grant.team_id)
    )


@router.delete("/grants/{grant_id}", response={204: None})
def grant_delete(request: HttpRequest, grant_id: int) -> Status[None]:
    actor = _admin(request)
    grant = (
        visible_to(actor, RoleGrant.objects.select_related("user"), roles=ADMIN_ROLES)
        .filter(pk=grant_id)
        .first()
    )
    if grant is None:
        raise NotFound()
    role_revoke(actor=actor, grant=grant)
    return Status(204, None)


@router.post("/users/{user_id}/reveal", response=RevealOut)
def reveal(request: HttpRequest, user_id: int, payload: RevealIn) -> RevealOut:
    actor = _admin(request)
    target = user_get_for(actor, user_id)
    return RevealOut(
        id_number=user_reveal_id_number(actor=actor, user=target, reason=payload.reason)
    )


def _request_out(r: Any) -> RoleRequestOut:
    return RoleRequestOut(
        id=r.pk, user=r.user_id, role=r.role, region=r.region_id, status=r.status, note=r.note
    )


@router.post("/role-requests", response={201: RoleRequestOut})
def role_request_add(request: HttpRequest, payload: RoleRequestIn) -> Status[RoleRequestOut]:
    created = role_request_create(
        user=api_user(request),
        role=payload.role,
        region=region_get(payload.region),
        note=payload.note,
    )
    return Status(201, _request_out(created))


@router.get("/role-requests", response=list[RoleRequestOut])
def role_request_list(request: HttpRequest, pending_for_me: bool = False) -> list[RoleRequestOut]:
    """My own requests; with ``pending_for_me``, those waiting for my decision."""
    if pending_for_me:
        return [_request_out(r) for r in role_requests_to_decide(_admin(request))[:200]]
    return [_request_out(r) for r in role_requests_of(api_user(request))[:200]]


@router.post("/role-requests/{request_id}/approve", response=RoleRequestOut)
def role_request_approve_api(request: HttpRequest, request_id: int) -> RoleRequestOut:
    actor = _admin(request)
    return _request_out(
        role_request_approve(actor=actor, request=role_request_get_for(actor, request_id))
    )


@router.post("/role-requests/{request_id}/decline", response=RoleRequestOut)
def role_request_decline_api(
    request: HttpRequest, request_id: int, payload: DeclineIn
) -> RoleRequestOut:
    actor = _admin(request)
    found = role_request_get_for(actor, request_id)
    return _request_out(role_request_decline(actor=actor, request=found, reason=payload.reason))


@router.post("/role-requests/{request_id}/withdraw", response=RoleRequestOut)
def role_request_withdraw_api(request: HttpRequest, request_id: int) -> RoleRequestOut:
    found = role_request_get_for(api_user(request), request_id)
    return _request_out(role_request_withdraw(user=api_user(request), request=found))
