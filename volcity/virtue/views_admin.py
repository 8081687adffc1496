"""Configuration pages: the households of a village (list, register, add members), the deed
catalogue (versions, items, publish) and the bank's settings."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from volcity.accounts.models import User
from volcity.core.errors import DomainError
from volcity.core.forms import form_add_domain_error
from volcity.core.pagination import keyset_page
from volcity.regions.models import Region
from volcity.virtue.forms import BankForm, HouseholdForm, ItemForm, PublishForm, ResidentForm
from volcity.virtue.models import CatalogueVersion, VirtueBank
from volcity.virtue.permissions import CLERK_ROLES, can_configure_bank
from volcity.virtue.queries import (
    bank_get_for,
    banks_for,
    household_get_for,
    households_for,
    item_get_for,
    version_get_for,
    versions_of,
)
from volcity.virtue.services import (
    bank_configure,
    catalogue_draft_from,
    catalogue_publish,
    deed_item_add,
    deed_item_remove,
    household_register,
    resident_add,
)


def _bank(request: HttpRequest, roles: Any = CLERK_ROLES) -> VirtueBank:
    try:
        return bank_get_for(request.user, request.GET.get("bank"), roles)
    except DomainError:
        raise PermissionDenied from None


@login_required
@require_http_methods(["GET", "POST"])
def households(request: HttpRequest) -> HttpResponse:
    bank = _bank(request)
    form = HouseholdForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            household = household_register(actor=request.user, bank=bank, **form.cleaned_data)
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            messages.success(
                request, _("Household %(number)s registered.") % {"number": household.number}
            )
            return redirect("virtue:household_statement", household_id=household.pk)
    q = request.GET.get("q", "").strip()
    after = request.GET.get("after", "")
    page = keyset_page(
        households_for(request.user, bank, q=q),
        after=after if after.isdigit() else None,
        limit=50,
    )
    context = {"bank": bank, "form": form, "page": page, "q": q}
    return render(
        request,
        "virtue/households.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def resident_add_page(request: HttpRequest, household_id: int) -> HttpResponse:
    household = household_get_for(request.user, household_id)
    form = ResidentForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        user = None
        if d["phone"]:
            user = User.objects.filter(phone=d["phone"].strip()).first()
            if user is None:
                form.add_error("phone", _("No account has this phone number."))
        if form.is_valid():
            try:
                resident_add(
                    actor=request.user,
                    household=household,
                    name=d["name"],
                    relation=d["relation"],
                    birth_year=d["birth_year"],
                    user=user,
                )
            except DomainError as exc:
                if exc.status == 403:
                    raise
                form_add_domain_error(form, exc)
            else:
                messages.success(request, _("Member added."))
                return redirect("virtue:household_statement", household_id=household.pk)
    errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
    messages.error(request, errors)
    return redirect("virtue:household_statement", household_id=household.pk)


# ---------------------------------------------------------------- catalogue


@login_required
@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    from volcity.virtue.permissions import STAFF_ROLES

    bank = _bank(request, STAFF_ROLES)
    context = {
        "bank": bank,
        "banks": list(banks_for(request.user)),
        "versions": versions_of(bank),
        "may_configure": can_configure_bank(request.user, bank.region_id),
        "unconfigured": _villages_without_bank(request.user),
    }
    return render(request, "virtue/catalogue.html", context)


def _villages_without_bank(user: Any) -> list[Region]:
    from volcity.accounts.roles import ADMIN_ROLES
    from volcity.accounts.scope import scope_for

    scope = scope_for(user, ADMIN_ROLES)
    if scope.empty:
        return []
    return list(
        Region.objects.filter(scope.q(region_field="code"), level=Region.Level.VILLAGE)
        .exclude(code__in=VirtueBank.objects.values("region_id"))
        .order_by("code")[:50]
    )


def _version_context(
    request: HttpRequest, version: CatalogueVersion, **extra: Any
) -> dict[str, Any]:
    return {
        "version": version,
        "bank": version.bank,
        "items": list(version.items.order_by("sort", "id")),
        "may_configure": can_configure_bank(request.user, version.bank.region_id),
        "item_form": extra.pop("item_form", None) or ItemForm(),
        "publish_form": extra.pop("publish_form", None) or PublishForm(),
        **extra,
    }


@login_required
@require_GET
def catalogue_version(request: HttpRequest, version_id: int) -> HttpResponse:
    version = version_get_for(request.user, version_id)
    return render(request, "virtue/catalogue_version.html", _version_context(request, version))


@login_required
@require_POST
def catalogue_draft(request: HttpRequest, version_id: int) -> HttpResponse:
    version = version_get_for(request.user, version_id)
    try:
        draft = catalogue_draft_from(actor=request.user, bank=version.bank, version=version)
    except DomainError as exc:
        if exc.status == 403:
            raise
        context = _version_context(request, version, error=exc.message)
        return render(request, "virtue/catalogue_version.html", context, status=400)
    messages.success(request, _("Draft version %(n)s made.") % {"n": draft.number})
    return redirect("virtue:catalogue_version", version_id=draft.pk)


@login_required
@require_POST
def item_add(request: HttpRequest, version_id: int) -> HttpResponse:
    version = version_get_for(request.user, version_id)
    form = ItemForm(request.POST)
    if form.is_valid():
        d = dict(form.cleaned_data)
        d["sort"] = d["sort"] or 0
        try:
            deed_item_add(actor=request.user, version=version, **d)
        except DomainError as exc:
            if exc.status == 403:
                raise
            form_add_domain_error(form, exc)
        else:
            return redirect("virtue:catalogue_version", version_id=version.pk)
    context = _version_context(request, version, item_form=form)
    return render(request, "virtue/catalogue_version.html", context, status=400)


@login_required
@require_POST
def item_remove(request: HttpRequest, item_id: int) -> HttpResponse:
    item = item_get_for(request.user, item_id)
    version = item.version
    try:
        deed_item_remove(actor=request.user, item=item)
    except DomainError as exc:
        if exc.status == 403:
            raise
        context = _version_context(request, version, error=exc.message)
        return render(request, "virtue/catalogue_version.html", context, status=400)
    return redirect("virtue:catalogue_version", version_id=version.pk)


@login_required
@require_POST
def catalogue_publish_page(request: HttpRequest, version_id: int) -> HttpResponse:
    version = version_get_for(request.user, version_id)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            catalogue_publish(
                actor=request.user,
                version=version,
                effective_from=form.cleaned_data["effective_from"],
            )
        except DomainError as exc:
            if exc.status == 403:
                raise
            form_add_domain_error(form, exc)
        else:
            messages.success(request, _("Version %(n)s published.") % {"n": version.number})
            return redirect("virtue:catalogue_version", version_id=version.pk)
    context = _version_context(request, version, publish_form=form)
    return render(request, "virtue/catalogue_version.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def bank_settings(request: HttpRequest, region: str) -> HttpResponse:
    """Open a village's bank, or change its settings (administrators of the village)."""
    village = Region.objects.filter(pk=region).first()
    if village is None or not can_configure_bank(request.user, village.code):
        raise PermissionDenied
    bank = VirtueBank.objects.filter(region=village).first()
    form = BankForm(
        request.POST if request.method == "POST" else None,
        instance=bank or VirtueBank(region=village, name=f"{village.name}美德银行"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            bank = bank_configure(actor=request.user, region=village, **form.cleaned_data)
        except DomainError as exc:
            form_add_domain_error(form, exc)  # type: ignore[arg-type]
        else:
            messages.success(request, _("The bank's settings were saved."))
            return redirect(f"{_catalogue_url()}?bank={bank.pk}")
    return render(
        request,
        "virtue/bank_settings.html",
        {"form": form, "village": village, "bank": bank},
        status=400 if request.method == "POST" else 200,
    )


def _catalogue_url() -> str:
    from django.urls import reverse

    return reverse("virtue:catalogue")
