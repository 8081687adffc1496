"""The one NinjaAPI: mounts each app's router, authenticates, and shapes every error as
``{"code", "message", "fields"}``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import APIKeyCookie, HttpBearer

from volcity.accounts.services import api_token_authenticate
from volcity.core.errors import DomainError


class SessionAuth(APIKeyCookie):
    """The browser's session cookie, with Django's CSRF check on unsafe methods."""

    param_name = "sessionid"

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return user
        return None


class BearerAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="Volunteer City API",
    version="1",
    description="Volunteer City: registry, service, dispatch, virtue bank, giving and relief.",
    auth=[BearerAuth(), SessionAuth()],
    urls_namespace="api",
)


def error_body(
    code: str, message: str, fields: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    return {"code": code, "message": message, "fields": fields or {}}


@api.exception_handler(DomainError)
def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(request, exc.as_dict(), status=exc.status)


@api.exception_handler(NinjaValidationError)
def on_validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    fields: dict[str, list[str]] = {}
    for err in exc.errors:
        loc = [str(p) for p in err.get("loc", []) if p not in ("body", "query", "path", "payload")]
        name = ".".join(loc) or "request"
        fields.setdefault(name, []).append(str(err.get("msg", "")))
    message = gettext("Some values are missing or not valid: %(fields)s.") % {
        "fields": ", ".join(fields)
    }
    return api.create_response(request, error_body("invalid", message, fields), status=422)


@api.exception_handler(AuthenticationError)
def on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    message = gettext("Sign in, or send a valid bearer token.")
    return api.create_response(request, error_body("unauthenticated", message), status=401)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(request, error_body("http_error", str(exc)), status=exc.status_code)


api.add_router("/", "volcity.portal.api.router")
api.add_router("/accounts", "volcity.accounts.api.router")
api.add_router("/regions", "volcity.regions.api.router")
api.add_router("/audit", "volcity.audit.api.router")
api.add_router("/ledger", "volcity.ledger.api.router")
api.add_router("/registry", "volcity.registry.api.router")
api.add_router("/activities", "volcity.activities.api.router")
api.add_router("/virtue", "volcity.virtue.api.router")
api.add_router("/virtue/shop", "volcity.virtue.api_shop.router")
api.add_router("/timebank", "volcity.timebank.api.router")
api.add_router("/notifications", "volcity.notifications.api.router")
api.add_router("/dispatch", "volcity.dispatch.api.router")
