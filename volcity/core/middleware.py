"""Turns a DomainError that escapes a page view into the right page: 404, 403 or 400."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from volcity.core.errors import DomainError


class DomainErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if not isinstance(exc, DomainError) or request.path.startswith("/api/"):
            return None
        template = {404: "404.html", 403: "403.html"}.get(exc.status, "error.html")
        return render(request, template, {"message": exc.message}, status=exc.status)


class LanguageMiddleware:
    """Simplified Chinese unless the person chose otherwise.

    Pages follow the language cookie (set by the switch and at sign-in from the account's
    choice), else ``LANGUAGE_CODE``: a browser's Accept-Language does not override the city's
    default. The API also honours Accept-Language, since apps ask for their language per call.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings
        from django.utils import translation
        from django.utils.cache import patch_vary_headers

        if request.path.startswith("/api/"):
            language = translation.get_language_from_request(request)
        else:
            language = settings.LANGUAGE_CODE
            chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            if chosen:
                try:
                    language = translation.get_supported_language_variant(chosen)
                except LookupError:
                    pass
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()  # type: ignore[attr-defined]
        response = self.get_response(request)
        if request.path.startswith("/api/"):
            patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)  # type: ignore[attr-defined]
        translation.deactivate()
        return response
