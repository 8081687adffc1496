"""API of the order loop."""

from ninja import Router

router = Router(tags=["dispatch"])
