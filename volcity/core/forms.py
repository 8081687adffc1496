"""Helpers that put a service's DomainError beside the right field of a form."""

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
