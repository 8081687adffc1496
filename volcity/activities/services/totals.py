"""Hour totals kept current on write, and the star levels that follow from them.

Every change to a record's status or minutes calls ``totals_apply`` in the same transaction,
with the change as deltas. One row per volunteer, team, project and region (the region where
the service was given, its town and the city each have a row), so a profile, a team page or a
dashboard reads one row instead of summing millions of records.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from volcity.activities.models import HourTotal, ServiceRecord, StarAward
from volcity.regions.codes import full_code, level_of, prefix_of


@dataclass(frozen=True)
class Delta:
    minutes_approved: int = 0
    records_approved: int = 0
    minutes_pending: int = 0
    records_pending: int = 0

    def __bool__(self) -> bool:
        return any(
            (
                self.minutes_approved,
                self.records_approved,
                self.minutes_pending,
                self.records_pending,
            )
        )


def region_chain(code: str) -> list[int]:
    """The region and each region above it, up to the city, as integer keys."""
    level = level_of(code)
    return [int(full_code(prefix_of(code, lv))) for lv in range(level, 0, -1)]


def owners_of(record: ServiceRecord) -> list[tuple[str, int]]:
    owners: list[tuple[str, int]] = [
        (HourTotal.Kind.VOLUNTEER, record.volunteer_id),
        (HourTotal.Kind.TEAM, record.team_id),
    ]
    if record.project_id is not None:
        owners.append((HourTotal.Kind.PROJECT, record.project_id))
    owners += [(HourTotal.Kind.REGION, ref) for ref in region_chain(record.region_id)]
    return owners


def totals_apply(record: ServiceRecord, delta: Delta) -> None:
    """Add ``delta`` to every total ``record`` counts in; the caller holds the transaction.

    Rows are touched in a fixed order (kind, then key), so two approvals never wait on each
    other in opposite orders.
    """
    if not delta:
        return
    for kind, ref in sorted(owners_of(record)):
        updated = HourTotal.objects.filter(kind=kind, ref=ref).update(
            minutes_approved=F("minutes_approved") + delta.minutes_approved,
            records_approved=F("records_approved") + delta.records_approved,
            minutes_pending=F("minutes_pending") + delta.minutes_pending,
            records_pending=F("records_pending") + delta.records_pending,
        )
        if not updated:
            HourTotal.objects.get_or_create(kind=kind, ref=ref)
            HourTotal.objects.filter(kind=kind, ref=ref).update(
                minutes_approved=F("minutes_approved") + delta.minutes_approved,
                records_approved=F("records_approved") + delta.records_approved,
                minutes_pending=F("minutes_pending") + delta.minutes_pending,
                records_pending=F("records_pending") + delta.records_pending,
            )
    if delta.minutes_approved:
        stars_update(record.volunteer_id)


def star_level_for(minutes: int) -> int:
    """Stars by approved hours, earned in order: the count of thresholds reached."""
    hours = minutes / 60
    return sum(1 for threshold in settings.VOLCITY_STAR_THRESHOLDS if hours >= threshold)


def stars_update(volunteer_id: int) -> int:
    """Award each star newly reached (each once, in order) and keep the registry's level.

    A star once earned stays: a later correction that lowers the hours does not take it away,
    and the registry shows the highest star earned.
    """
    from volcity.registry.services import volunteer_star_set

    total = HourTotal.objects.filter(kind=HourTotal.Kind.VOLUNTEER, ref=volunteer_id).first()
    minutes = total.minutes_approved if total else 0
    reached = star_level_for(minutes)
    have = set(StarAward.objects.filter(volunteer_id=volunteer_id).values_list("level", flat=True))
    now = timezone.now()
    new = [
        StarAward(volunteer_id=volunteer_id, level=lv, earned_at=now, minutes_at_award=minutes)
        for lv in range(1, reached + 1)
        if lv not in have
    ]
    if new:
        StarAward.objects.bulk_create(new)
        volunteer_star_set(volunteer_id=volunteer_id, level=max(reached, *have, 0))
    return max(reached, *have, 0)


def hours_text(minutes: int) -> str:
    """Minutes as hours with one decimal, as pages and certificates show them."""
    return f"{minutes / 60:.1f}"
