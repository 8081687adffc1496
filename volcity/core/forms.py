"""Form helpers: a service's DomainError beside the right field, and a date input that
browsers fill in whatever the page's language."""

from __future__ import annotations

from django import forms

from volcity.core.errors import DomainError


def form_add_domain_error(form: forms.Form, exc: DomainError) -> None:
    placed = False
    for name, messages in exc.fields.items():
        target = name if name in form.fields else None
        for message in messages:
            form.add_error(target, str(message))
            placed = True
    if not placed:
        form.add_error(None, str(exc.message))


class DateInput(forms.DateInput):
    """``<input type="date">`` with its value in ISO form, the only one the browser's date
    picker reads: the localised format (``2026/11/30`` in Chinese) would leave it empty."""

    input_type = "date"

    def __init__(self, attrs: dict[str, str] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")
