"""Request context for the audit log: who is acting and from where.

The middleware sets it per request; management commands and tasks can set it with
``acting_as``. Services never take the request: they read the context here.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class AuditContext:
    actor: Any = None
    ip: str | None = None
    request_id: str = ""


_current: ContextVar[AuditContext | None] = ContextVar("volcity_audit", default=None)
_NOBODY = AuditContext()


def current() -> AuditContext:
    return _current.get() or _NOBODY


@contextmanager
def acting_as(actor: Any = None, *, ip: str | None = None) -> Iterator[AuditContext]:
    ctx = AuditContext(actor=actor, ip=ip, request_id=str(uuid.uuid4()))
    token = _current.set(ctx)
    try:
        yield ctx
    finally:
        _current.reset(token)
