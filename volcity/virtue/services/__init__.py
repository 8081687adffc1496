"""Every write of the virtue bank, one function per use case (split by area)."""

from volcity.virtue.services.catalogue import (
    bank_configure,
    catalogue_draft_from,
    catalogue_publish,
    deed_item_add,
    deed_item_remove,
    deed_item_update,
    version_in_force,
)
from volcity.virtue.services.claims import (
    Photo,
    claim_reject,
    claim_report,
    claim_review,
    objection_raise,
    objection_resolve,
)
from volcity.virtue.services.households import household_register, resident_add, resident_link_user
from volcity.virtue.services.posting import PostRun, claim_post, claims_post_due

__all__ = [
    "Photo",
    "PostRun",
    "bank_configure",
    "catalogue_draft_from",
    "catalogue_publish",
    "claim_post",
    "claim_reject",
    "claim_report",
    "claim_review",
    "claims_post_due",
    "deed_item_add",
    "deed_item_remove",
    "deed_item_update",
    "household_register",
    "objection_raise",
    "objection_resolve",
    "resident_add",
    "resident_link_user",
    "version_in_force",
]
