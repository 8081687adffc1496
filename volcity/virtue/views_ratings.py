"""Pages of rankings and ratings: the public village ranking (published lists, names masked),
the staff's live quarter ranking with publication, monthly totals (with .xlsx), the rating
policy, ratings with their run and the partner-bank export, and a household's own rating
with its consents."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from volcity.core.errors import DomainError, NotFound
from volcity.core.forms import form_add_domain_error
from volcity.virtue.forms_ratings import (
    ConsentForm,
    PartnerForm,
    PolicyForm,
    RatingRunForm,
)
from volcity.virtue.models import VirtueBank
from volcity.virtue.permissions import STAFF_ROLES, can_configure_bank, can_run_counter
from volcity.virtue.queries import bank_get_for, bank_public, banks_for, household_get_for
from volcity.virtue.queries_ratings import (
    category_labels,
    consent_get_for,
    consents_of,
    entries_of,
    entry_get_for,
    exports_of,
    latest_rating,
    member_of,
    monthly_totals,
    parse_month,
    parse_quarter,
    policy_of,
    previous_quarter,
    publication_get,
    publications_of,
    quarter_label,
    quarter_last_day,
    quarter_ranking,
    ratings_of,
)
from volcity.virtue.services.credit import (
    consent_grant,
    consent_revoke,
    rating_export,
    rating_run,
)
from volcity.virtue.services.ratings import (
    list_entry_withdraw,
    lists_publish,
    rating_policy_update,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _bank(request: HttpRequest, value: Any = None) -> VirtueBank:
    """The bank asked for; 403 for someone with no bank in scope, 404 for another village's."""
    if not banks_for(request.user).exists():
        raise PermissionDenied
    return bank_get_for(request.user, value or request.GET.get("bank"), STAFF_ROLES)


def _period(parse: Any, text: str | None) -> tuple[int, int]:
    try:
        return parse(text)  # type: ignore[no-any-return]
    except DomainError:
        return parse(None)  # type: ignore[no-any-return]


# ---------------------------------------------------------------- public


@require_GET
def ranking_public(request: HttpRequest, region: str) -> HttpResponse:
    """The village ranking: published red and black lists, names masked (surname + *)."""
    bank = bank_public(region)
    publications = publications_of(bank)
    chosen = publications[0] if publications else None
    wanted = request.GET.get("quarter", "")
    if wanted:
        year, quarter = _period(parse_quarter, wanted)
        chosen = next((p for p in publications if (p.year, p.quarter) == (year, quarter)), None)
        if chosen is None:
            raise NotFound()
    entries = entries_of(chosen, public=True) if chosen is not None else []
    context = {
        "bank": bank,
        "publications": publications,
        "publication": chosen,
        "red": [e for e in entries if e.kind == "red"],
        "black": [e for e in entries if e.kind == "black"],
    }
    return render(request, "virtue/ratings/ranking_public.html", context)


# ---------------------------------------------------------------- staff: ranking and lists


def _ranking(request: HttpRequest, bank: VirtueBank, quarter_text: str, **extra: Any) -> Any:
    year, quarter = _period(parse_quarter, quarter_text)
    publication = publication_get(bank, year, quarter)
    clerk = can_run_counter(request.user, bank.region_id)
    context = {
        "bank": bank,
        "banks": list(banks_for(request.user)),
        "ranking": quarter_ranking(bank, year, quarter),
        "quarter": quarter_label(year, quarter),
        "previous": quarter_label(*previous_quarter(datetime.date(year, 3 * quarter - 2, 1))),
        "publication": publication,
        "entries": entries_of(publication, public=False) if publication else [],
        "publications": publications_of(bank),
        "may_publish": clerk
        and publication is None
        and quarter_last_day(year, quarter) < timezone.localdate(),
        "may_withdraw": clerk,
        **extra,
    }
    for row in context["ranking"].black:
        row.category_labels = category_labels(row.categories)
    for entry in context["entries"]:
        entry.category_labels = category_labels(entry.categories)
    return render(
        request, "virtue/ratings/ranking.html", context, status=400 if "error" in extra else 200
    )


@login_required
@require_GET
def ranking(request: HttpRequest) -> HttpResponse:
    return _ranking(request, _bank(request), request.GET.get("quarter", ""))


@login_required
@require_POST
def lists_publish_page(request: HttpRequest, bank_id: int) -> HttpResponse:
    bank = _bank(request, bank_id)
    text = request.POST.get("quarter", "")
    try:
        year, quarter = parse_quarter(text or "x")
        lists_publish(actor=request.user, bank=bank, year=year, quarter=quarter)
    except DomainError as exc:
        if exc.status == 403:
            raise PermissionDenied from None
        return _ranking(request, bank, text, error=exc.message)
    messages.success(request, _("The red and black lists of %(q)s are published.") % {"q": text})
    return redirect(f"{reverse('virtue:ranking')}?bank={bank.pk}&quarter={text}")


@login_required
@require_POST
def list_entry_withdraw_page(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = entry_get_for(request.user, entry_id)
    publication = entry.publication
    text = quarter_label(publication.year, publication.quarter)
    try:
        list_entry_withdraw(actor=request.user, entry=entry, reason=request.POST.get("reason", ""))
    except DomainError as exc:
        if exc.status == 403:
            raise PermissionDenied from None
        return _ranking(request, publication.bank, text, error=exc.message)
    messages.success(request, _("The entry was withdrawn from the black list."))
    return redirect(f"{reverse('virtue:ranking')}?bank={publication.bank_id}&quarter={text}")


@login_required
@require_GET
def monthly_totals_page(request: HttpRequest) -> HttpResponse | FileResponse:
    from volcity.virtue.exports_ratings import monthly_totals_xlsx

    bank = _bank(request)
    year, month = _period(parse_month, request.GET.get("month"))
    sort = request.GET.get("sort", "net")
    rows = monthly_totals(bank, year, month, sort=sort)
    label = f"{year}-{month:02d}"
    if request.GET.get("format") == "xlsx":
        return FileResponse(
            monthly_totals_xlsx(bank, label, rows),
            as_attachment=True,
            filename=f"virtue-{bank.region_id}-{label}.xlsx",
            content_type=XLSX,
        )
    context = {"bank": bank, "rows": rows, "month": label, "sort": sort}
    return render(request, "virtue/ratings/monthly.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def rating_policy_page(request: HttpRequest) -> HttpResponse:
    bank = _bank(request)
    if not can_configure_bank(request.user, bank.region_id):
        raise PermissionDenied
    form = PolicyForm(request.POST if request.method == "POST" else None, instance=policy_of(bank))
    if request.method == "POST" and form.is_valid():
        try:
            rating_policy_update(actor=request.user, bank=bank, **form.cleaned_data)
        except DomainError as exc:
            form_add_domain_error(form, exc)  # type: ignore[arg-type]
        else:
            messages.success(request, _("The rating settings were saved."))
            return redirect(f"{reverse('virtue:rating_policy')}?bank={bank.pk}")
    context = {"bank": bank, "form": form}
    return render(
        request,
        "virtue/ratings/policy.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


# ---------------------------------------------------------------- staff: ratings and export


def _ratings(request: HttpRequest, bank: VirtueBank, *, status: int = 200, **extra: Any) -> Any:
    context = {
        "bank": bank,
        "ratings": ratings_of(bank),
        "policy": policy_of(bank),
        "run_form": extra.pop("run_form", None) or RatingRunForm(),
        "export_form": extra.pop("export_form", None) or PartnerForm(),
        "exports": exports_of(bank),
        "may_run": can_run_counter(request.user, bank.region_id),
        **extra,
    }
    return render(request, "virtue/ratings/ratings.html", context, status=status)


@login_required
@require_GET
def ratings(request: HttpRequest) -> HttpResponse:
    return _ratings(request, _bank(request))


@login_required
@require_POST
def rating_run_page(request: HttpRequest, bank_id: int) -> HttpResponse:
    bank = _bank(request, bank_id)
    form = RatingRunForm(request.POST)
    if form.is_valid():
        try:
            count = rating_run(actor=request.user, bank=bank, as_of=form.cleaned_data["as_of"])
        except DomainError as exc:
            if exc.status == 403:
                raise PermissionDenied from None
            form_add_domain_error(form, exc)
        else:
            messages.success(request, _("%(n)s households rated.") % {"n": count})
            return redirect(f"{reverse('virtue:ratings')}?bank={bank.pk}")
    return _ratings(request, bank, status=400, run_form=form)


@login_required
@require_POST
def rating_export_page(request: HttpRequest, bank_id: int) -> HttpResponse | FileResponse:
    bank = _bank(request, bank_id)
    form = PartnerForm(request.POST)
    if form.is_valid():
        try:
            f, record = rating_export(
                actor=request.user, bank=bank, partner=form.cleaned_data["partner"]
            )
        except DomainError as exc:
            if exc.status == 403:
                raise PermissionDenied from None
            form_add_domain_error(form, exc)
        else:
            stamp = timezone.localtime(record.exported_at).strftime("%Y%m%d-%H%M")
            return FileResponse(
                f,
                as_attachment=True,
                filename=f"credit-ratings-{bank.region_id}-{stamp}.xlsx",
                content_type=XLSX,
            )
    return _ratings(request, bank, status=400, export_form=form)


# ---------------------------------------------------------------- a household's rating


def _household_rating(
    request: HttpRequest, household_id: int, *, status: int = 200, **extra: Any
) -> Any:
    household = household_get_for(request.user, household_id)
    clerk = can_run_counter(request.user, household.region_id)
    me = member_of(request.user, household)
    residents = list(household.residents.filter(active=True).order_by("id"))
    if not clerk:
        residents = [r for r in residents if me is not None and r.pk == me.pk]
    rating = latest_rating(household)
    context = {
        "household": household,
        "rating": rating,
        "parts": (rating.inputs.get("parts", {}) if rating else {}),
        "consents": consents_of(household),
        "form": extra.pop("form", None) or ConsentForm(residents=residents),
        "may_consent": bool(residents),
        "clerk": clerk,
        "may_revoke": clerk or me is not None,
        **extra,
    }
    return render(request, "virtue/ratings/household_rating.html", context, status=status)


@login_required
@require_GET
def household_rating(request: HttpRequest, household_id: int) -> HttpResponse:
    return _household_rating(request, household_id)


@login_required
@require_POST
def consent_grant_page(request: HttpRequest, household_id: int) -> HttpResponse:
    household = household_get_for(request.user, household_id)
    if not can_run_counter(request.user, household.region_id) and not member_of(
        request.user, household
    ):
        raise PermissionDenied
    residents = list(household.residents.filter(active=True).order_by("id"))
    form = ConsentForm(request.POST, residents=residents)
    if form.is_valid():
        d = form.cleaned_data
        resident = next(r for r in residents if str(r.pk) == d["resident"])
        try:
            consent_grant(
                actor=request.user,
                household=household,
                resident=resident,
                partner=d["partner"],
                evidence=d["evidence"],
            )
        except DomainError as exc:
            if exc.status == 403:
                raise PermissionDenied from None
            form_add_domain_error(form, exc)
        else:
            messages.success(request, _("The consent was recorded."))
            return redirect("virtue:household_rating", household_id=household.pk)
    return _household_rating(request, household.pk, status=400, form=form)


@login_required
@require_POST
def consent_revoke_page(request: HttpRequest, consent_id: int) -> HttpResponse:
    consent = consent_get_for(request.user, consent_id)
    try:
        consent_revoke(actor=request.user, consent=consent, reason=request.POST.get("reason", ""))
    except DomainError as exc:
        if exc.status == 403:
            raise PermissionDenied from None
        return _household_rating(request, consent.household_id, status=400, error=exc.message)
    messages.success(request, _("The consent was revoked; the bank will not get this rating."))
    return redirect("virtue:household_rating", household_id=consent.household_id)
