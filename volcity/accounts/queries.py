"""Reads about accounts, scoped to the acting administrator."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from volcity.accounts.models import ApiToken, RoleGrant, User
from volcity.accounts.roles import ADMIN_ROLES, Role
from volcity.accounts.scope import scope_for
from volcity.core.errors import NotFound
from volcity.core.privacy import normalize_phone


@dataclass(frozen=True)
class UserFilter:
    q: str = ""
    role: str = ""
    region: str = ""


def user_list_for(actor: Any, flt: UserFilter | None = None) -> QuerySet[User]:
    """People an administrator may see: those whose home region lies in their scope."""
    scope = scope_for(actor, ADMIN_ROLES)
    qs = User.objects.select_related("home_region").prefetch_related(
        Prefetch("grants", queryset=RoleGrant.objects.select_related("region").order_by("id"))
    )
    if not scope.everything:
        if scope.empty:
            return qs.none()
        qs = qs.filter(scope.q(region_field="home_region")).filter(is_superuser=False)
    flt = flt or UserFilter()
    if flt.q:
        text = flt.q.strip()
        phone = normalize_phone(text)
        condition = Q(username=text) | Q(display_name__startswith=text)
        if phone.isdigit() and len(phone) == 11:
            condition |= Q(phone=phone)
        qs = qs.filter(condition)
    if flt.role:
        qs = qs.filter(pk__in=RoleGrant.objects.filter(role=flt.role).values("user_id"))
    if flt.region:
        from volcity.regions.queries import region_code_q

        qs = qs.filter(region_code_q(flt.region, field="home_region"))
    return qs


def user_get_for(actor: Any, user_id: int) -> User:
    user = user_list_for(actor).filter(pk=user_id).first()
    if user is None:
        raise NotFound()
    return user


def user_roles_summary(user: Any) -> list[dict[str, Any]]:
    """The roles a signed-in person holds, for their own pages."""
    return [
        {"role": g.get_role_display(), "code": g.role, "region": g.region.name, "team": g.team_id}
        for g in RoleGrant.objects.filter(user=user).select_related("region").order_by("id")
    ]


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-id")


def grantable_roles(actor: Any) -> list[tuple[str, Any]]:
    from volcity.accounts.roles import GRANTABLE_BY

    if getattr(actor, "is_superuser", False):
        return list(Role.choices)
    allowed: set[str] = set()
    for admin_role in (Role.CITY_ADMIN, Role.TOWN_ADMIN, Role.VILLAGE_ADMIN):
        if not scope_for(actor, [admin_role]).empty:
            allowed |= GRANTABLE_BY[admin_role]
    return [(value, label) for value, label in Role.choices if value in allowed]


def role_requests_of(user: User) -> QuerySet[Any]:
    from volcity.accounts.models import RoleRequest

    return RoleRequest.objects.filter(user=user).select_related("region").order_by("-id")


def role_requests_to_decide(actor: Any) -> QuerySet[Any]:
    """Pending requests in the administrator's regions."""
    from volcity.accounts.models import RoleRequest
    from volcity.accounts.scope import visible_to

    return visible_to(
        actor,
        RoleRequest.objects.filter(status=RoleRequest.Status.PENDING).select_related(
            "user", "region"
        ),
        roles=ADMIN_ROLES,
    ).order_by("id")


def role_request_get_for(actor: Any, request_id: int) -> Any:
    from volcity.accounts.models import RoleRequest
    from volcity.accounts.scope import visible_to

    qs = RoleRequest.objects.select_related("user", "region")
    mine = qs.filter(pk=request_id, user_id=getattr(actor, "pk", 0) or 0).first()
    if mine is not None:
        return mine
    found = visible_to(actor, qs, roles=ADMIN_ROLES).filter(pk=request_id).first()
    if found is None:
        raise NotFound()
    return found
