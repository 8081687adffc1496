"""The ledger's JSON API: public verification; balances and statements for administrators."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from volcity.core.api_auth import api_user
from volcity.core.errors import PermissionDenied
from volcity.ledger.models import Account
from volcity.ledger.permissions import can_read_ledger
from volcity.ledger.queries import account_get_for, statement
from volcity.ledger.verify import CACHE_SECONDS, ledger_verify_cached

router = Router(tags=["ledger"])


class VerifyOut(Schema):
    ok: bool
    checked: int
    postings: int
    accounts: int
    head_seq: int
    head_hash: str
    broken_seq: int | None
    reason: str
    detail: str
    account: str
    verified_at: str
    cached_for_seconds: int


class AccountOut(Schema):
    id: int
    code: str
    name: str
    unit: str
    allow_negative: bool
    balance: int
    region: str | None


class StatementRowOut(Schema):
    posting_id: int
    amount: int
    unit: str
    balance_after: int
    seq: int
    key: str
    memo: str
    kind: str
    created_at: datetime.datetime


class StatementOut(Schema):
    account: AccountOut
    items: list[StatementRowOut]
    next: str | None


@router.get("/verify", response=VerifyOut, auth=None)
def ledger_verify_api(request: HttpRequest) -> VerifyOut:
    """Anyone may check that the ledger's history was not rewritten (cached for a minute)."""
    report = ledger_verify_cached()
    report.pop("seconds", None)
    return VerifyOut(**report, cached_for_seconds=CACHE_SECONDS)


def _account_out(account: Account) -> AccountOut:
    return AccountOut(
        id=account.pk,
        code=account.code,
        name=account.name,
        unit=account.unit,
        allow_negative=account.allow_negative,
        balance=account.balance,
        region=account.region_id,
    )


@router.get("/accounts/{account_id}", response=AccountOut)
def ledger_account(request: HttpRequest, account_id: int) -> AccountOut:
    user = api_user(request)
    if not can_read_ledger(user):
        raise PermissionDenied()
    return _account_out(account_get_for(user, account_id))


@router.get("/accounts/{account_id}/statement", response=StatementOut)
def ledger_statement(
    request: HttpRequest,
    account_id: int,
    after: int | None = None,
    limit: int = 50,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> StatementOut:
    user = api_user(request)
    if not can_read_ledger(user):
        raise PermissionDenied()
    account = account_get_for(user, account_id)
    page = statement(account, after=after, limit=limit, date_from=date_from, date_to=date_to)
    return StatementOut(
        account=_account_out(account),
        items=[
            StatementRowOut(
                posting_id=r.posting_id,
                amount=r.amount,
                unit=r.unit,
                balance_after=r.balance_after,
                seq=r.seq,
                key=r.key,
                memo=r.memo,
                kind=r.kind,
                created_at=r.created_at,
            )
            for r in page.items
        ],
        next=page.next,
    )
