"""The virtue bank's JSON API, mounted at ``/api/v1/virtue``. The same services and queries
as the pages: banks and catalogues (administrators), households and deeds (the clerk),
reviews (the committee), objections (villagers), the public notice board (anyone)."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from volcity.accounts.models import User
from volcity.core.api_auth import api_user
from volcity.core.errors import NotFound, PermissionDenied
from volcity.core.pagination import keyset_page
from volcity.regions.models import Region
from volcity.virtue.errors import InvalidSetting, PhotoInvalid
from volcity.virtue.models import DeedClaim, Household, Objection, Resident
from volcity.virtue.permissions import CLERK_ROLES, is_virtue_staff
from volcity.virtue.queries import (
    CLAIM_JOINS,
    bank_get_for,
    bank_public,
    banks_for,
    claim_get_for,
    claims_for,
    household_get_for,
    household_statement,
    households_for,
    item_get_for,
    my_households,
    notice_board,
    review_queue_for,
    version_get_for,
    versions_of,
)
from volcity.virtue.schemas import (
    BankIn,
    BankOut,
    ClaimIn,
    ClaimOut,
    ClaimPage,
    DraftIn,
    HouseholdIn,
    HouseholdOut,
    HouseholdPage,
    ItemIn,
    ItemOut,
    ItemPatch,
    NoticeOut,
    ObjectionOut,
    PublishIn,
    ReasonIn,
    ResidentIn,
    ResidentOut,
    ResolveIn,
    ReviewIn,
    StatementOut,
    StatementRowOut,
    VersionOut,
    bank_out,
    claim_out,
    household_out,
    item_out,
    notice_out,
    version_out,
)
from volcity.virtue.services import (
    Photo,
    bank_configure,
    catalogue_draft_from,
    catalogue_publish,
    claim_post,
    claim_reject,
    claim_report,
    claim_review,
    deed_item_add,
    deed_item_remove,
    deed_item_update,
    household_register,
    objection_raise,
    objection_resolve,
    resident_add,
)

router = Router(tags=["virtue"])


def _staff(request: HttpRequest) -> Any:
    actor = api_user(request)
    if not is_virtue_staff(actor):
        raise PermissionDenied()
    return actor


def _claim(claim_id: int) -> ClaimOut:
    return claim_out(DeedClaim.objects.select_related(*CLAIM_JOINS).get(pk=claim_id))


def _after(after: int | None) -> str | None:
    return None if after is None else str(after)


# ---------------------------------------------------------------- public


@router.get("/notice/{region}", response=list[NoticeOut], auth=None)
def notice_api(request: HttpRequest, region: str) -> list[NoticeOut]:
    """The village's public notice board: deeds on notice or under objection, names masked."""
    return [notice_out(r) for r in notice_board(bank_public(region))]


# ---------------------------------------------------------------- banks and catalogue


@router.get("/banks", response=list[BankOut])
def banks_api(request: HttpRequest) -> list[BankOut]:
    """The banks of the villages the caller works for."""
    return [bank_out(b) for b in banks_for(_staff(request))]


@router.put("/banks/{region}", response=BankOut)
def bank_configure_api(request: HttpRequest, region: str, payload: BankIn) -> BankOut:
    """Open a village's bank or change its settings (administrators of the village)."""
    village = Region.objects.filter(pk=region).first()
    if village is None:
        raise NotFound()
    return bank_out(bank_configure(actor=api_user(request), region=village, **payload.dict()))


@router.get("/banks/{bank_id}/versions", response=list[VersionOut])
def versions_api(request: HttpRequest, bank_id: int) -> list[VersionOut]:
    bank = bank_get_for(_staff(request), bank_id)
    return [version_out(v) for v in versions_of(bank)]


@router.post("/banks/{bank_id}/versions", response={201: VersionOut})
def draft_api(request: HttpRequest, bank_id: int, payload: DraftIn) -> Status[VersionOut]:
    """A new draft version, copied from ``from_version`` (or empty)."""
    actor = _staff(request)
    bank = bank_get_for(actor, bank_id)
    source = version_get_for(actor, payload.from_version) if payload.from_version else None
    draft = catalogue_draft_from(actor=actor, bank=bank, version=source)
    return Status(201, version_out(draft, list(draft.items.order_by("sort", "id"))))


@router.get("/versions/{version_id}", response=VersionOut)
def version_api(request: HttpRequest, version_id: int) -> VersionOut:
    version = version_get_for(_staff(request), version_id)
    return version_out(version, list(version.items.order_by("sort", "id")))


@router.post("/versions/{version_id}/items", response={201: ItemOut})
def item_add_api(request: HttpRequest, version_id: int, payload: ItemIn) -> Status[ItemOut]:
    actor = _staff(request)
    version = version_get_for(actor, version_id)
    return Status(201, item_out(deed_item_add(actor=actor, version=version, **payload.dict())))


@router.patch("/items/{item_id}", response=ItemOut)
def item_update_api(request: HttpRequest, item_id: int, payload: ItemPatch) -> ItemOut:
    actor = _staff(request)
    item = item_get_for(actor, item_id)
    changes = payload.dict(exclude_unset=True)
    return item_out(deed_item_update(actor=actor, item=item, **changes))


@router.delete("/items/{item_id}", response={204: None})
def item_remove_api(request: HttpRequest, item_id: int) -> Status[None]:
    actor = _staff(request)
    deed_item_remove(actor=actor, item=item_get_for(actor, item_id))
    return Status(204, None)


@router.post("/versions/{version_id}/publish", response=VersionOut)
def publish_api(request: HttpRequest, version_id: int, payload: PublishIn) -> VersionOut:
    actor = _staff(request)
    version = version_get_for(actor, version_id)
    catalogue_publish(actor=actor, version=version, effective_from=payload.effective_from)
    return version_out(version, list(version.items.order_by("sort", "id")))


# ---------------------------------------------------------------- households


@router.get("/households", response=HouseholdPage)
def households_api(
    request: HttpRequest,
    bank: int | None = None,
    q: str = "",
    after: int | None = None,
    limit: int = 50,
) -> HouseholdPage:
    """A bank's households (keyset: pass ``next`` as ``after``)."""
    actor = _staff(request)
    found = bank_get_for(actor, bank)
    page = keyset_page(households_for(actor, found, q=q), after=_after(after), limit=limit)
    return HouseholdPage(items=[household_out(h) for h in page.items], next=page.next)


@router.post("/households", response={201: HouseholdOut})
def household_register_api(request: HttpRequest, payload: HouseholdIn) -> Status[HouseholdOut]:
    actor = _staff(request)
    bank = bank_get_for(actor, payload.bank, CLERK_ROLES)
    household = household_register(
        actor=actor,
        bank=bank,
        number=payload.number,
        head_name=payload.head_name,
        address=payload.address,
    )
    found = Household.objects.select_related("account").get(pk=household.pk)
    return Status(201, household_out(found))


@router.get("/me/households", response=list[HouseholdOut])
def my_households_api(request: HttpRequest) -> list[HouseholdOut]:
    """The households the caller is a member of."""
    return [household_out(h) for h in my_households(api_user(request))]


@router.get("/households/{household_id}", response=HouseholdOut)
def household_api(request: HttpRequest, household_id: int) -> HouseholdOut:
    return household_out(household_get_for(api_user(request), household_id))


@router.get("/households/{household_id}/statement", response=StatementOut)
def statement_api(
    request: HttpRequest, household_id: int, after: int | None = None
) -> StatementOut:
    """The household's points statement, newest first, with the balance after each entry."""
    household = household_get_for(api_user(request), household_id)
    stmt = household_statement(household, after=_after(after))
    return StatementOut(
        household=household_out(household),
        items=[
            StatementRowOut(
                posting_id=r.posting_id,
                amount=r.amount,
                balance_after=r.balance_after,
                memo=r.memo,
                kind=r.kind,
                created_at=r.created_at,
            )
            for r in stmt.items
        ],
        next=stmt.next,
    )


@router.post("/households/{household_id}/residents", response={201: ResidentOut})
def resident_add_api(
    request: HttpRequest, household_id: int, payload: ResidentIn
) -> Status[ResidentOut]:
    actor = _staff(request)
    household = household_get_for(actor, household_id)
    user = None
    if payload.user_phone:
        user = User.objects.filter(phone=payload.user_phone.strip()).first()
        if user is None:
            raise InvalidSetting(field="user_phone")
    r: Resident = resident_add(
        actor=actor,
        household=household,
        name=payload.name,
        relation=payload.relation,
        birth_year=payload.birth_year,
        user=user,
    )
    return Status(
        201,
        ResidentOut(
            id=r.pk,
            household=household.pk,
            name=r.name,
            relation=r.relation,
            birth_year=r.birth_year,
            has_login=r.user_id is not None,
            account_balance=r.account.balance if r.account is not None else None,
        ),
    )


# ---------------------------------------------------------------- deeds


@router.get("/claims", response=ClaimPage)
def claims_api(
    request: HttpRequest,
    bank: int | None = None,
    status: str = "",
    after: int | None = None,
    limit: int = 50,
) -> ClaimPage:
    """Deeds of the caller's villages, newest first (keyset: pass ``next`` as ``after``)."""
    actor = _staff(request)
    found = bank_get_for(actor, bank) if bank is not None else None
    qs = claims_for(actor, bank=found, status=status)
    page = keyset_page(qs, after=_after(after), limit=limit, descending=True)
    return ClaimPage(items=[claim_out(c) for c in page.items], next=page.next)


def _photos(encoded: list[str]) -> list[Photo]:
    photos = []
    for n, text in enumerate(encoded):
        try:
            photos.append(Photo(f"photo{n}", base64.b64decode(text, validate=True)))
        except (binascii.Error, ValueError):
            raise PhotoInvalid(field="photos") from None
    return photos


@router.post("/claims", response={201: ClaimOut})
def claim_report_api(request: HttpRequest, payload: ClaimIn) -> Status[ClaimOut]:
    """Report a deed (clerk, volunteer of the village, or a resident for their household)."""
    actor = api_user(request)
    household = Household.objects.select_related("bank").filter(pk=payload.household).first()
    if household is None:
        raise NotFound()
    resident = None
    if payload.resident is not None:
        resident = Resident.objects.filter(pk=payload.resident, household=household).first()
        if resident is None:
            raise InvalidSetting(field="resident")
    claim = claim_report(
        actor=actor,
        household=household,
        item_code=payload.item_code,
        occurred_on=payload.occurred_on,
        description=payload.description,
        quantity=payload.quantity,
        resident=resident,
        photos=_photos(payload.photos),
    )
    return Status(201, _claim(claim.pk))


@router.get("/reviews", response=ClaimPage)
def review_queue_api(request: HttpRequest, after: int | None = None) -> ClaimPage:
    """Deeds waiting for the caller's review (committee members)."""
    page = keyset_page(review_queue_for(_staff(request)), after=_after(after), limit=50)
    return ClaimPage(items=[claim_out(c) for c in page.items], next=page.next)


@router.get("/claims/{claim_id}", response=ClaimOut)
def claim_api(request: HttpRequest, claim_id: int) -> ClaimOut:
    return claim_out(claim_get_for(api_user(request), claim_id))


@router.post("/claims/{claim_id}/review", response=ClaimOut)
def claim_review_api(request: HttpRequest, claim_id: int, payload: ReviewIn) -> ClaimOut:
    actor = api_user(request)
    claim = claim_get_for(actor, claim_id)
    claim_review(reviewer=actor, claim=claim, approve=payload.approve, reason=payload.reason)
    return _claim(claim.pk)


@router.post("/claims/{claim_id}/reject", response=ClaimOut)
def claim_reject_api(request: HttpRequest, claim_id: int, payload: ReasonIn) -> ClaimOut:
    actor = api_user(request)
    claim_reject(actor=actor, claim=claim_get_for(actor, claim_id), reason=payload.reason)
    return _claim(claim_id)


@router.post("/claims/{claim_id}/post", response=ClaimOut)
def claim_post_api(request: HttpRequest, claim_id: int) -> ClaimOut:
    """Post the deed's points now (refused before approval, during the notice, twice)."""
    actor = api_user(request)
    claim_post(actor=actor, claim=claim_get_for(actor, claim_id))
    return _claim(claim_id)


@router.post("/claims/{claim_id}/objections", response={201: ObjectionOut})
def objection_raise_api(
    request: HttpRequest, claim_id: int, payload: ReasonIn
) -> Status[ObjectionOut]:
    """Object to a deed on public notice (people of the village, while the notice runs)."""
    claim = DeedClaim.objects.filter(pk=claim_id).first()
    if claim is None:
        raise NotFound()
    o = objection_raise(user=api_user(request), claim=claim, reason=payload.reason)
    return Status(201, _objection(o))


def _objection(o: Objection) -> ObjectionOut:
    return ObjectionOut(
        id=o.pk,
        claim=o.claim_id,
        name=o.name,
        reason=o.reason,
        status=o.status,
        resolution=o.resolution,
        raised_at=o.raised_at,
        resolved_at=o.resolved_at,
    )


@router.post("/objections/{objection_id}/resolve", response=ObjectionOut)
def objection_resolve_api(
    request: HttpRequest, objection_id: int, payload: ResolveIn
) -> ObjectionOut:
    actor = api_user(request)
    objection = Objection.objects.filter(pk=objection_id).first()
    if objection is None:
        raise NotFound()
    claim_get_for(actor, objection.claim_id)
    resolved = objection_resolve(
        actor=actor, objection=objection, uphold=payload.uphold, reason=payload.reason
    )
    return _objection(resolved)


from volcity.virtue.api_ratings import router as ratings_router  # noqa: E402

router.add_router("", ratings_router)
