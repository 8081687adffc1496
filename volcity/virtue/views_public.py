"""Pages every villager sees: the public notice board (no sign-in, names masked) with an
objection form for signed-in villagers, and a household's own statement."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from volcity.core.errors import DomainError, NotFound
from volcity.virtue.forms import ReasonForm
from volcity.virtue.models import DeedClaim, Resident
from volcity.virtue.permissions import can_see_bank
from volcity.virtue.queries import (
    bank_public,
    banks_public,
    claims_of_household,
    household_get_for,
    household_statement,
    my_households,
    notice_board,
)
from volcity.virtue.services import objection_raise
from volcity.virtue.services.claims import is_villager
from volcity.virtue.views_shop import household_shop_context


@require_GET
def notice_index(request: HttpRequest) -> HttpResponse:
    return render(request, "virtue/notice_index.html", {"banks": list(banks_public())})


def _board(
    request: HttpRequest, region: str, *, status: int = 200, **extra: object
) -> HttpResponse:
    bank = bank_public(region)
    context = {
        "bank": bank,
        "rows": notice_board(bank),
        "may_object": is_villager(request.user, bank.region_id),
        "form": ReasonForm(),
        **extra,
    }
    return render(request, "virtue/notice_board.html", context, status=status)


@require_GET
def notice_board_page(request: HttpRequest, region: str) -> HttpResponse:
    return _board(request, region)


@login_required
@require_POST
def objection_raise_page(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = DeedClaim.objects.filter(pk=claim_id).select_related("bank").first()
    if claim is None or not claim.bank.active:
        raise NotFound()
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            objection_raise(user=request.user, claim=claim, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            if exc.status == 403:
                raise
            return _board(request, claim.region_id, status=400, error=exc.message, failed=claim.pk)
        messages.success(request, _("Your objection was recorded; the committee will answer it."))
        return redirect("virtue:notice_board", region=claim.region_id)
    return _board(
        request, claim.region_id, status=400, error=_("Say why you object."), failed=claim.pk
    )


@login_required
@require_GET
def my_household(request: HttpRequest) -> HttpResponse:
    found = my_households(request.user)
    if len(found) == 1:
        return redirect("virtue:household_statement", household_id=found[0].pk)
    return render(request, "virtue/my_household.html", {"households": found})


@login_required
@require_GET
def household_statement_page(request: HttpRequest, household_id: int) -> HttpResponse:
    household = household_get_for(request.user, household_id)
    after = request.GET.get("after", "")
    stmt = household_statement(household, after=after if after.isdigit() else None)
    context = {
        "household": household,
        "statement": stmt,
        "residents": list(household.residents.order_by("id")),
        "claims": list(claims_of_household(household).order_by("-id")[:20]),
        "staff": can_see_bank(request.user, household.region_id),
        "relations": Resident.Relation.choices,
        **household_shop_context(request, household),
    }
    return render(request, "virtue/household_statement.html", context)
