"""Errors the ledger raises: each a DomainError with a stable code and a translated message."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from volcity.core.errors import Conflict, DomainError, NotFound


class EmptyTransaction(DomainError):
    code = "ledger_no_lines"
    default_message = _("A ledger transaction needs at least one posting.")


class InvalidAmount(DomainError):
    code = "ledger_invalid_amount"
    default_message = _("Every posting needs a whole, non-zero amount.")


class InvalidKey(DomainError):
    code = "ledger_invalid_key"
    default_message = _("A ledger transaction needs an idempotency key of 1 to 120 characters.")


class Unbalanced(DomainError):
    code = "ledger_unbalanced"
    default_message = _("The postings do not sum to zero.")


class UnitMismatch(DomainError):
    code = "ledger_unit_mismatch"
    default_message = _("A posting's unit differs from its account's unit.")


class InsufficientBalance(DomainError):
    code = "ledger_insufficient_balance"
    status = 409
    default_message = _("Not enough in the account for this.")


class KeyReused(Conflict):
    code = "ledger_key_reused"
    default_message = _("This idempotency key was already used for a different ledger transaction.")


class AlreadyReversed(Conflict):
    code = "ledger_already_reversed"
    default_message = _("This ledger transaction has already been reversed.")


class CannotReverseReversal(Conflict):
    code = "ledger_reversal_of_reversal"
    default_message = _("A reversal cannot itself be reversed; post a new transaction instead.")


class UnitChanged(Conflict):
    code = "ledger_account_unit_changed"
    default_message = _("An account with this code already exists with another unit.")


class InvalidAccount(DomainError):
    code = "ledger_invalid_account"
    default_message = _("An account needs a code, a name and a unit.")


class AccountNotFound(NotFound):
    code = "not_found"
    default_message = _("No such ledger account, or it is outside your scope.")
