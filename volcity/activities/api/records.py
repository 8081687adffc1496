"""API: records (filled in by its area)."""

from ninja import Router

router = Router()
