"""Template filters of the service-record pages."""

from __future__ import annotations

from django import template

from volcity.activities.services.totals import hours_text

register = template.Library()


@register.filter(name="hours")
def hours_filter(minutes: int | None) -> str:
    """Minutes as hours with one decimal (``90`` → ``1.5``)."""
    return hours_text(int(minutes or 0))
