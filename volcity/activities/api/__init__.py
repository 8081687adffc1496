"""Service delivery's JSON API, mounted at ``/api/v1/activities``: one router per area."""

from ninja import Router

from volcity.activities.api import (
    activities,
    campaigns,
    certificates,
    checkin,
    overview,
    records,
    signups,
)

router = Router(tags=["activities"])
router.add_router("", activities.router)
router.add_router("", signups.router)
router.add_router("", checkin.router)
router.add_router("", records.router)
router.add_router("", certificates.router)
router.add_router("", campaigns.router)
router.add_router("", overview.router)

__all__ = ["router"]
