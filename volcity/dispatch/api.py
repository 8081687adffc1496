"""The dispatch API, mounted at ``/api/v1/dispatch``: the order loop (``api_orders``) and the
board, suggestions and figures (``api_board``)."""

from ninja import Router

from volcity.dispatch.api_board import router as board_router
from volcity.dispatch.api_orders import router as orders_router

router = Router(tags=["dispatch"])
router.add_router("", orders_router)
router.add_router("", board_router)
