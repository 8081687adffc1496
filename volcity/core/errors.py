"""Domain errors: one base class every service raises, with a stable code.

Faces turn them into responses: the API into ``{"code", "message", "fields"}``,
pages into messages shown beside the field.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A rule of the domain refused the request.

    ``code`` is stable (clients may switch on it); ``message`` is translated;
    ``fields`` maps a field name to the reasons that field was refused.
    """

    code: str = "invalid"
    status: int = 400
    default_message: Any = _("The request was refused.")

    def __init__(
        self,
        message: Any = None,
        *,
        code: str | None = None,
        field: str | None = None,
        fields: dict[str, list[Any]] | None = None,
        status: int | None = None,
    ) -> None:
        self.message = message if message is not None else self.default_message
        if code is not None:
            self.code = code
        if status is not None:
            self.status = status
        self.fields: dict[str, list[Any]] = dict(fields or {})
        if field is not None:
            self.fields.setdefault(field, []).append(self.message)
        super().__init__(str(self.message))

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": str(self.message),
            "fields": {name: [str(m) for m in msgs] for name, msgs in self.fields.items()},
        }


class NotFound(DomainError):
    code = "not_found"
    status = 404
    default_message = _("Not found, or outside your scope.")


class PermissionDenied(DomainError):
    code = "forbidden"
    status = 403
    default_message = _("You do not have permission to do this.")


class Conflict(DomainError):
    code = "conflict"
    status = 409
    default_message = _("The record changed or already exists.")
