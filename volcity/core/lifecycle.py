"""The shared way a status changes.

A model with a status declares its transitions in one table::

    TRANSITIONS = Transitions(
        Transition("approve", source={"pending"}, target="approved"),
        Transition("decline", source={"pending"}, target="declined", reason_required=True),
    )

and every change goes through ``transition_apply`` inside the app's service function: it locks
the row, checks the move is allowed, saves, writes a ``StatusEvent`` and an audit entry, and
queues notifications to run after commit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volcity.core.errors import DomainError

M = TypeVar("M", bound=models.Model)


class TransitionNotAllowed(DomainError):
    code = "transition_not_allowed"
    status = 409
    default_message = _("This change is not possible from the record's current status.")


class ReasonRequired(DomainError):
    code = "reason_required"
    default_message = _("Give a reason for this change.")


@dataclass(frozen=True)
class Transition:
    action: str
    source: frozenset[str] | set[str]
    target: str
    reason_required: bool = False


@dataclass
class Transitions:
    items: tuple[Transition, ...] = field(default_factory=tuple)

    def __init__(self, *items: Transition) -> None:
        self.items = items
        names = [t.action for t in items]
        if len(names) != len(set(names)):
            raise ValueError("Each transition action must be declared once.")

    def get(self, action: str) -> Transition:
        for t in self.items:
            if t.action == action:
                return t
        raise KeyError(action)

    def allowed_from(self, status: str) -> list[str]:
        return [t.action for t in self.items if status in t.source]

    def statuses(self) -> set[str]:
        found: set[str] = set()
        for t in self.items:
            found |= set(t.source) | {t.target}
        return found


def transition_apply(
    obj: M,
    action: str,
    *,
    actor: Any,
    reason: str = "",
    status_field: str = "status",
    extra_fields: Iterable[str] = (),
    notify: Callable[[M], None] | None = None,
) -> M:
    """Move ``obj`` by ``action`` as its model's ``TRANSITIONS`` allow, atomically."""
    from volcity.audit.services import audit_record
    from volcity.core.models import StatusEvent

    table: Transitions = type(obj).TRANSITIONS  # type: ignore[attr-defined]
    try:
        move = table.get(action)
    except KeyError:
        raise TransitionNotAllowed() from None
    with transaction.atomic():
        locked = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        current = getattr(locked, status_field)
        if current not in move.source:
            raise TransitionNotAllowed()
        if move.reason_required and not reason.strip():
            raise ReasonRequired(field="reason")
        setattr(obj, status_field, move.target)
        obj.save(update_fields=[status_field, *extra_fields])
        actor_user = actor if getattr(actor, "is_authenticated", False) else None
        StatusEvent.objects.create(
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            action=action,
            from_status=current,
            to_status=move.target,
            actor=actor_user,
            reason=reason.strip(),
            at=timezone.now(),
        )
        audit_record(
            f"{obj._meta.label_lower}.{action}",
            obj=obj,
            actor=actor,
            changes={status_field: [current, move.target], "reason": reason.strip()},
        )
        if notify is not None:
            transaction.on_commit(lambda: notify(obj))
    return obj


def status_history(obj: models.Model) -> models.QuerySet[Any]:
    from volcity.core.models import StatusEvent

    return StatusEvent.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).order_by("id")
