"""The clerk's counter (phone first): find a household, record a deed with photos, see the
village's recent deeds; a deed's page with its reviews, objections and history; the review
group's queue."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from volcity.core.errors import DomainError, NotFound
from volcity.core.forms import form_add_domain_error
from volcity.core.pagination import keyset_page
from volcity.virtue.forms import DeedForm, ReasonForm, ResolveForm, ReviewForm
from volcity.virtue.models import DeedClaim, Household, Objection
from volcity.virtue.permissions import (
    CLERK_ROLES,
    can_resolve_objection,
    can_run_counter,
    is_clerk_of,
    is_reviewer_of,
)
from volcity.virtue.queries import (
    bank_get_for,
    claim_detail,
    claim_get_for,
    claims_for,
    households_for,
    items_in_force,
    photo_get_for,
    review_queue_for,
)
from volcity.virtue.services import (
    Photo,
    claim_post,
    claim_reject,
    claim_report,
    claim_review,
    objection_resolve,
)

RECENT = 20


def _after(request: HttpRequest) -> str | None:
    after = request.GET.get("after", "")
    return after if after.isdigit() else None


@login_required
@require_http_methods(["GET", "POST"])
def counter(request: HttpRequest) -> HttpResponse:
    try:
        bank = bank_get_for(request.user, request.GET.get("bank"), CLERK_ROLES)
    except DomainError:
        raise PermissionDenied from None
    items = items_in_force(bank)
    form = DeedForm(request.POST if request.method == "POST" else None, items=items)
    q = request.GET.get("q", "").strip()
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        household = Household.objects.filter(bank=bank, number=d["household"].strip()).first()
        if household is None:
            form.add_error("household", _("No household of this village has this number."))
        else:
            photos = [Photo(f.name or "", f.read()) for f in request.FILES.getlist("photos")]
            try:
                claim = claim_report(
                    actor=request.user,
                    household=household,
                    item_code=d["item_code"],
                    occurred_on=d["occurred_on"],
                    description=d["description"],
                    photos=photos,
                    quantity=d["quantity"],
                )
            except DomainError as exc:
                form_add_domain_error(form, exc)
            else:
                messages.success(
                    request,
                    _("Deed #%(id)s recorded for household %(number)s; it waits for review.")
                    % {"id": claim.pk, "number": household.number},
                )
                return redirect(f"{request.path}?bank={bank.pk}")
    context: dict[str, Any] = {
        "bank": bank,
        "form": form,
        "q": q,
        "found": list(households_for(request.user, bank, q=q)[:10]) if q else [],
        "recent": list(claims_for(request.user, bank=bank).order_by("-id")[:RECENT]),
        "held": list(claims_for(request.user, bank=bank).filter(held=True).order_by("id")[:20]),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "virtue/counter.html", context, status=status)


def _detail_context(request: HttpRequest, claim: DeedClaim, **extra: Any) -> dict[str, Any]:
    region = claim.region_id
    return {
        "d": claim_detail(claim),
        "can_review": is_reviewer_of(request.user, region) and claim.status == "submitted",
        "can_post": can_run_counter(request.user, region) and claim.status == "on_notice",
        "can_reject": is_clerk_of(request.user, region) and claim.status == "submitted",
        "can_resolve": can_resolve_objection(request.user, region),
        "review_form": extra.pop("review_form", None) or ReviewForm(),
        "reject_form": extra.pop("reject_form", None) or ReasonForm(),
        "resolve_form": ResolveForm(),
        **extra,
    }


@login_required
@require_GET
def claim_detail_page(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = claim_get_for(request.user, claim_id)
    return render(request, "virtue/claim_detail.html", _detail_context(request, claim))


def _refused(request: HttpRequest, claim: DeedClaim, message: str, **forms: Any) -> HttpResponse:
    claim.refresh_from_db()
    context = _detail_context(request, claim, error=message, **forms)
    return render(request, "virtue/claim_detail.html", context, status=400)


@login_required
@require_POST
def claim_review_page(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = claim_get_for(request.user, claim_id)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _refused(request, claim, _("Choose approve or reject."), review_form=form)
    try:
        claim = claim_review(
            reviewer=request.user,
            claim=claim,
            approve=form.cleaned_data["decision"] == "approve",
            reason=form.cleaned_data["reason"],
        )
    except DomainError as exc:
        if exc.status == 403:
            raise
        return _refused(request, claim, str(exc.message), review_form=form)
    messages.success(request, _("Your review was recorded."))
    return redirect(request.POST.get("next") or "virtue:review_queue")


@login_required
@require_POST
def claim_post_page(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = claim_get_for(request.user, claim_id)
    try:
        claim = claim_post(actor=request.user, claim=claim)
    except DomainError as exc:
        if exc.status == 403:
            raise
        return _refused(request, claim, str(exc.message))
    if claim.held:
        messages.warning(request, claim.hold_reason)
    else:
        messages.success(request, _("The points were posted."))
    return redirect("virtue:claim_detail", claim_id=claim.pk)


@login_required
@require_POST
def claim_reject_page(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = claim_get_for(request.user, claim_id)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _refused(request, claim, _("Give a reason."), reject_form=form)
    try:
        claim_reject(actor=request.user, claim=claim, reason=form.cleaned_data["reason"])
    except DomainError as exc:
        if exc.status == 403:
            raise
        return _refused(request, claim, str(exc.message), reject_form=form)
    messages.success(request, _("The deed was rejected."))
    return redirect("virtue:claim_detail", claim_id=claim.pk)


@login_required
@require_POST
def objection_resolve_page(request: HttpRequest, objection_id: int) -> HttpResponse:
    objection = Objection.objects.filter(pk=objection_id).first()
    if objection is None:
        raise NotFound()
    claim = claim_get_for(request.user, objection.claim_id)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        return _refused(request, claim, _("Give a decision and a reason."))
    try:
        objection_resolve(
            actor=request.user,
            objection=objection,
            uphold=form.cleaned_data["uphold"] == "uphold",
            reason=form.cleaned_data["reason"],
        )
    except DomainError as exc:
        if exc.status == 403:
            raise
        return _refused(request, claim, str(exc.message))
    messages.success(request, _("The objection was resolved."))
    return redirect("virtue:claim_detail", claim_id=claim.pk)


@login_required
@require_GET
def claim_photo(request: HttpRequest, photo_id: int) -> FileResponse:
    """Deed photos are shown to the village's staff and the household only (never public)."""
    photo = photo_get_for(request.user, photo_id)
    try:
        handle = photo.image.open("rb")
    except FileNotFoundError:
        raise NotFound() from None
    response = FileResponse(handle, content_type=photo.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    from volcity.accounts.roles import Role
    from volcity.accounts.scope import scope_for

    if scope_for(request.user, [Role.VIRTUE_COMMITTEE]).empty:
        raise PermissionDenied
    page = keyset_page(review_queue_for(request.user), after=_after(request), limit=30)
    return render(request, "virtue/review_queue.html", {"page": page, "form": ReviewForm()})
