"""Uploaded photos (a deed's evidence, an order's completion report): read by Pillow and kept
only when they are a real JPEG, PNG or WebP image of at most 8 MB."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from volcity.core.errors import DomainError

MAX_PHOTO_BYTES = 8 * 1024 * 1024
IMAGE_TYPES = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
}


class PhotoInvalid(DomainError):
    code = "photo_invalid"
    default_message = _("Each photo must be a JPEG, PNG or WebP image of at most 8 MB.")


@dataclass(frozen=True)
class Photo:
    """An uploaded photo: its name and bytes (pages and the API both hand these in)."""

    name: str
    data: bytes


def photo_read(photo: Photo) -> tuple[str, str, int, int]:
    """(content type, extension, width, height) of a real image; ``PhotoInvalid`` otherwise."""
    from PIL import Image, UnidentifiedImageError

    if not photo.data or len(photo.data) > MAX_PHOTO_BYTES:
        raise PhotoInvalid(field="photos")
    try:
        with Image.open(io.BytesIO(photo.data)) as image:
            kind = image.format or ""
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise PhotoInvalid(field="photos") from None
    if kind not in IMAGE_TYPES:
        raise PhotoInvalid(field="photos")
    content_type, extension = IMAGE_TYPES[kind]
    return content_type, extension, width, height
