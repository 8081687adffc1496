"""Every write to the ledger: opening accounts, posting transactions, reversing them.

There is no function that edits or deletes a transaction or a posting, and the database
refuses it too (triggers): a mistake is undone by ``ledger_reverse``.

``ledger_post`` runs in one transaction: the accounts are locked in ascending id order
(``SELECT … FOR UPDATE``), the limits checked against the locked balances, then the chain
head is locked, the transaction gets the next sequence number and its hash, the postings are
written with the balance each leaves behind, and balances and head are updated. Locks are
always taken in the same order (accounts by id, then the head), so writers never deadlock.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import BigIntegerField, Case, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volcity.ledger import errors
from volcity.ledger.chain import transaction_hash
from volcity.ledger.models import GENESIS_HASH, Account, ChainHead, LedgerTransaction, Posting
from volcity.ledger.units import format_amount, unit_name, unit_valid
from volcity.regions.models import Region

Line = tuple[Account, int]
KEY_MAX = 120
MEMO_MAX = 200
KIND_MAX = 40


def account_open(
    *,
    code: str,
    name: str,
    unit: str,
    allow_negative: bool = False,
    region: Region | None = None,
    owner_type: str = "",
    owner_id: str = "",
) -> Account:
    """Open the account ``code``, or return it if it is already open (with the same unit)."""
    code, name = code.strip(), name.strip()
    if not code or len(code) > 100:
        raise errors.InvalidAccount(field="code")
    if not name:
        raise errors.InvalidAccount(field="name")
    if not unit_valid(unit):
        raise errors.InvalidAccount(
            _("Unknown unit %(unit)s: use points, hour_credits, yuan or item:<sku>.")
            % {"unit": unit},
            field="unit",
        )
    existing = Account.objects.filter(code=code).first()
    if existing is None:
        try:
            with transaction.atomic():
                return Account.objects.create(
                    code=code,
                    name=name[:120],
                    unit=unit,
                    allow_negative=allow_negative,
                    region=region,
                    owner_type=owner_type,
                    owner_id=str(owner_id),
                )
        except IntegrityError:  # opened by someone else in between
            existing = Account.objects.get(code=code)
    if existing.unit != unit:
        raise errors.UnitChanged(
            _("Account %(code)s already exists and counts %(unit)s.")
            % {"code": code, "unit": unit_name(existing.unit)},
            field="unit",
        )
    return existing


def ledger_post(
    *,
    key: str,
    memo: str,
    kind: str,
    lines: Sequence[Line],
    actor: Any = None,
) -> LedgerTransaction:
    """Post one balanced transaction. The same ``key`` again with the same content returns
    the transaction already posted and changes nothing; with other content it is refused."""
    return _post(key=key, memo=memo, kind=kind, lines=lines, actor=actor, reverses=None)


def ledger_reverse(
    *, transaction: LedgerTransaction, key: str, memo: str, actor: Any = None
) -> LedgerTransaction:
    """Undo ``transaction`` by posting its lines negated. A transaction is reversed at most
    once, a reversal is not itself reversed, and limits still apply."""
    original = LedgerTransaction.objects.get(pk=transaction.pk)
    if original.reverses_id is not None:
        raise errors.CannotReverseReversal()
    lines = [
        (p.account, -p.amount)
        for p in Posting.objects.filter(transaction=original).select_related("account")
    ]
    return _post(
        key=key,
        memo=memo,
        kind="reversal",
        lines=lines,
        actor=actor,
        reverses=original,
    )


# --- inside --------------------------------------------------------------------------------


def _check_input(key: str, memo: str, kind: str, lines: Sequence[Line]) -> None:
    if not isinstance(key, str) or not key.strip() or len(key) > KEY_MAX:
        raise errors.InvalidKey(field="key")
    if len(memo) > MEMO_MAX:
        raise errors.DomainError(
            _("The memo is too long (at most %(n)s characters).") % {"n": MEMO_MAX},
            code="ledger_memo_too_long",
            field="memo",
        )
    if not kind or len(kind) > KIND_MAX:
        raise errors.DomainError(
            _("A ledger transaction needs a kind of 1 to %(n)s characters.") % {"n": KIND_MAX},
            code="ledger_invalid_kind",
            field="kind",
        )
    if not lines:
        raise errors.EmptyTransaction(field="lines")
    sums: dict[str, int] = defaultdict(int)
    for account, amount in lines:
        if type(amount) is not int or amount == 0:  # bool is an int: refused too
            raise errors.InvalidAmount(
                _("Posting amounts must be whole numbers other than zero, not %(amount)r.")
                % {"amount": amount},
                field="lines",
            )
        if account.pk is None:
            raise errors.AccountNotFound(field="lines")
        sums[account.unit] += amount
    for unit, total in sorted(sums.items()):
        if total != 0:
            raise errors.Unbalanced(
                _("The postings in %(unit)s do not sum to zero (off by %(total)s).")
                % {"unit": unit_name(unit), "total": format_amount(unit, total)},
                field="lines",
            )


def _same_content(
    found: LedgerTransaction, memo: str, kind: str, reverses_id: int | None, lines: Sequence[Line]
) -> bool:
    posted = sorted(Posting.objects.filter(transaction=found).values_list("account_id", "amount"))
    asked = sorted((account.pk, amount) for account, amount in lines)
    return (
        found.memo == memo
        and found.kind == kind
        and found.reverses_id == reverses_id
        and posted == asked
    )


def _already_posted(
    key: str, memo: str, kind: str, reverses_id: int | None, lines: Sequence[Line]
) -> LedgerTransaction | None:
    found = LedgerTransaction.objects.filter(key=key).first()
    if found is None:
        return None
    if not _same_content(found, memo, kind, reverses_id, lines):
        raise errors.KeyReused(
            _(
                "The key %(key)s was already used for ledger transaction #%(seq)s with "
                "different content; use a new key for a new transaction."
            )
            % {"key": key, "seq": found.seq},
            field="key",
        )
    return found


def _lock_head() -> ChainHead:
    head = ChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:  # a database emptied by a flush: start the chain again
        try:
            with transaction.atomic():
                ChainHead.objects.create(pk=1, seq=0, hash=GENESIS_HASH)
        except IntegrityError:
            pass
        head = ChainHead.objects.select_for_update().get(pk=1)
    return head


def _refuse_overdraft(account: Account, needed: int, *, reversing: bool) -> None:
    values = {
        "unit": unit_name(account.unit),
        "account": account.code,
        "balance": format_amount(account.unit, account.balance),
        "needed": format_amount(account.unit, needed),
        "short": format_amount(account.unit, needed - account.balance),
    }
    if reversing:
        message = _(
            "Cannot reverse: account %(account)s has %(balance)s %(unit)s left and the reversal "
            "takes %(needed)s (short by %(short)s); it was already spent."
        )
    else:
        message = _(
            "Not enough %(unit)s in account %(account)s: balance %(balance)s, needs %(needed)s "
            "(short by %(short)s)."
        )
    raise errors.InsufficientBalance(message % values, field="lines")


def _post(
    *,
    key: str,
    memo: str,
    kind: str,
    lines: Sequence[Line],
    actor: Any,
    reverses: LedgerTransaction | None,
) -> LedgerTransaction:
    _check_input(key, memo, kind, lines)
    reverses_id = reverses.pk if reverses is not None else None
    found = _already_posted(key, memo, kind, reverses_id, lines)
    if found is not None:
        return found
    if reverses is not None and LedgerTransaction.objects.filter(reverses=reverses).exists():
        raise errors.AlreadyReversed()
    try:
        with transaction.atomic():
            ids = sorted({account.pk for account, _amount in lines})
            locked = {
                a.pk: a
                for a in Account.objects.select_for_update().filter(pk__in=ids).order_by("pk")
            }
            if len(locked) != len(ids):
                raise errors.AccountNotFound(field="lines")
            deltas: dict[int, int] = defaultdict(int)
            for account, amount in lines:
                if account.unit != locked[account.pk].unit:
                    raise errors.UnitMismatch(field="lines")
                deltas[account.pk] += amount
            for pk in ids:
                account = locked[pk]
                after = account.balance + deltas[pk]
                if deltas[pk] < 0 and after < 0 and not account.allow_negative:
                    _refuse_overdraft(account, -deltas[pk], reversing=reverses is not None)

            running = {pk: locked[pk].balance for pk in ids}
            postings: list[Posting] = []
            for account, amount in lines:
                running[account.pk] += amount
                postings.append(
                    Posting(
                        account_id=account.pk,
                        amount=amount,
                        unit=account.unit,
                        balance_after=running[account.pk],
                    )
                )
            changed = [pk for pk in ids if deltas[pk]]
            if changed:  # one statement for all the accounts, still under their row locks
                Account.objects.filter(pk__in=changed).update(
                    balance=Case(
                        *(When(pk=pk, then=Value(running[pk])) for pk in changed),
                        output_field=BigIntegerField(),
                    )
                )

            # The chain head last, held as briefly as possible: every writer waits for it.
            # A writer with the same key (or reversing the same transaction) that committed
            # while this one waited makes the insert below fail on the unique key: handled
            # after the rollback.
            head = _lock_head()
            now = timezone.now()
            seq = head.seq + 1
            digest = transaction_hash(
                seq=seq,
                key=key,
                memo=memo,
                kind=kind,
                created_at=now,
                reverses_seq=reverses.seq if reverses is not None else None,
                postings=[
                    (locked[p.account_id].code, p.amount, p.unit, p.balance_after) for p in postings
                ],
                prev_hash=head.hash,
            )
            txn = LedgerTransaction.objects.create(
                key=key,
                memo=memo,
                kind=kind,
                seq=seq,
                prev_hash=head.hash,
                hash=digest,
                reverses=reverses,
                actor=actor if getattr(actor, "is_authenticated", False) else None,
                created_at=now,
            )
            for p in postings:
                p.transaction = txn
            Posting.objects.bulk_create(postings)
            ChainHead.objects.filter(pk=head.pk).update(seq=seq, hash=digest)
            return txn
    except IntegrityError:
        # The key (or the reversal) was taken by a writer that committed in between.
        found = _already_posted(key, memo, kind, reverses_id, lines)
        if found is not None:
            return found
        if reverses is not None and LedgerTransaction.objects.filter(reverses=reverses).exists():
            raise errors.AlreadyReversed() from None
        raise
