"""The registry's JSON API (volunteers, teams, memberships, party registration), mounted at
``/api/v1/registry``. One router per use case, gathered here."""

from ninja import Router

from volcity.registry.api import memberships, party, teams, volunteers

router = Router(tags=["registry"])
router.add_router("", volunteers.router)
router.add_router("", teams.router)
router.add_router("", memberships.router)
router.add_router("", party.router)

__all__ = ["router"]
