"""Reserving numbers from a named sequence, inside the caller's transaction."""

from __future__ import annotations

from django.db import transaction

from volcity.core.models import NumberSequence


def sequence_take(name: str, count: int = 1) -> int:
    """Reserve ``count`` consecutive numbers and return the first. Must run in a transaction:
    the lock on the counter row is held until the caller commits, and a rollback returns the
    numbers."""
    if count < 1:
        raise ValueError("count must be at least 1")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("sequence_take must run inside a transaction")
    NumberSequence.objects.get_or_create(name=name)
    row = NumberSequence.objects.select_for_update().get(name=name)
    first = row.next_value
    row.next_value = first + count
    row.save(update_fields=["next_value"])
    return first
