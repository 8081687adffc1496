"""Every write of the time bank, one function per use case (split by area)."""

from volcity.timebank.services.credits import credits_earn_for_record
from volcity.timebank.services.family import family_member_add, family_member_remove
from volcity.timebank.services.spending import (
    spend_cancel,
    spend_confirm,
    spend_confirm_in_person,
    spend_request,
)

__all__ = [
    "credits_earn_for_record",
    "family_member_add",
    "family_member_remove",
    "spend_cancel",
    "spend_confirm",
    "spend_confirm_in_person",
    "spend_request",
]
