"""Signing in and out, and one's own account page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from volcity.accounts.forms import CodeLoginForm, CodeRequestForm, PasswordLoginForm, TokenForm
from volcity.accounts.queries import api_tokens_of, user_roles_summary
from volcity.accounts.services import (
    api_token_create,
    api_token_revoke,
    login_code_send,
    login_code_verify,
    login_password,
    user_set_language,
)
from volcity.audit.middleware import client_ip
from volcity.core.errors import DomainError
from volcity.core.forms import form_add_domain_error


def _after_login(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = ""
    response = redirect(target or "portal:home")
    language = getattr(request.user, "language", "")
    if language:
        from django.conf import settings

        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax")
    return response


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = PasswordLoginForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            user = login_password(
                request=request,
                identifier=form.cleaned_data["identifier"],
                password=form.cleaned_data["password"],
                ip=client_ip(request),
            )
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            login(request, user, backend="volcity.accounts.backends.PhoneOrUsernameBackend")
            return _after_login(request)
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/login.html", {"form": form, "tab": "password"}, status=status)


@require_http_methods(["GET", "POST"])
def login_code_view(request: HttpRequest) -> HttpResponse:
    """Two steps on one page: ask for a code, then type it in."""
    step = request.POST.get("step", "request")
    if request.method == "POST" and step == "request":
        form: CodeRequestForm = CodeRequestForm(request.POST)
        if form.is_valid():
            try:
                login_code_send(phone=form.cleaned_data["phone"])
            except DomainError as exc:
                form_add_domain_error(form, exc)
            else:
                messages.info(request, _("If this number has an account, a code is on its way."))
                form = CodeLoginForm(initial={"phone": form.cleaned_data["phone"]})
                return render(request, "accounts/login_code.html", {"form": form, "step": "verify"})
        return render(
            request, "accounts/login_code.html", {"form": form, "step": "request"}, status=400
        )
    if request.method == "POST":
        form = CodeLoginForm(request.POST)
        if form.is_valid():
            try:
                user = login_code_verify(
                    phone=form.cleaned_data["phone"], code=form.cleaned_data["code"]
                )
            except DomainError as exc:
                form_add_domain_error(form, exc)
            else:
                login(request, user, backend="volcity.accounts.backends.PhoneOrUsernameBackend")
                return _after_login(request)
        return render(
            request, "accounts/login_code.html", {"form": form, "step": "verify"}, status=400
        )
    return render(
        request, "accounts/login_code.html", {"form": CodeRequestForm(), "step": "request"}
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("portal:home")


@login_required
@require_http_methods(["GET"])
def me(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "accounts/me.html",
        {
            "roles": user_roles_summary(user),
            "tokens": list(api_tokens_of(user)),  # type: ignore[arg-type]
            "token_form": TokenForm(),
        },
    )


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if form.is_valid():
        try:
            token, key = api_token_create(user=request.user, name=form.cleaned_data["name"])  # type: ignore[arg-type]
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            return render(request, "accounts/token_created.html", {"token": token, "key": key})
    context = {
        "roles": user_roles_summary(request.user),
        "tokens": list(api_tokens_of(request.user)),  # type: ignore[arg-type]
        "token_form": form,
    }
    return render(request, "accounts/me.html", context, status=400)


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    try:
        api_token_revoke(user=request.user, token_id=token_id)  # type: ignore[arg-type]
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The token was revoked."))
    return redirect("accounts:me")


@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    """Remember the language on the account too, so it follows the person to other devices."""
    from django.views.i18n import set_language

    response = set_language(request)
    if request.user.is_authenticated and request.POST.get("language"):
        try:
            user_set_language(user=request.user, language=request.POST["language"])  # type: ignore[arg-type]
        except DomainError:
            pass
    return response
