"""API of the live board, suggestions and figures."""

from ninja import Router

router = Router(tags=["dispatch"])
