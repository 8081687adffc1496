from django import template

from volcity.core.privacy import mask_id_number, mask_name, mask_phone

register = template.Library()


@register.filter(name="mask_phone")
def mask_phone_filter(value: str | None) -> str:
    return mask_phone(value) if value else "—"


@register.filter(name="mask_name")
def mask_name_filter(value: str | None) -> str:
    return mask_name(value) if value else ""


@register.filter(name="mask_id")
def mask_id_filter(value: str | None) -> str:
    return mask_id_number(value) if value else ""
