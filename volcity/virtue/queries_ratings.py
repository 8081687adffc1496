"""Reads of rankings and ratings: monthly totals, the live quarter ranking with its red and
black lists, published lists (masked for the public), ratings and consents.

Every figure counts **posted** deeds only, by the month or quarter of ``DeedClaim.posted_at``
in local time (Asia/Shanghai): what reached the ledger in that period. Totals are one grouped
query over the ``(bank, posted_at)`` index; the households are a second query.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.utils import timezone

from volcity.core.errors import NotFound
from volcity.core.privacy import mask_name
from volcity.virtue.errors_ratings import BadPeriod
from volcity.virtue.models import DeedClaim, DeedItem, Household, Resident, VirtueBank
from volcity.virtue.models_ratings import (
    BankSharingConsent,
    CreditRating,
    ListEntry,
    ListPublication,
    RatingExport,
    RatingPolicy,
)

DEFAULT_PARTNERS = ("青州农商银行",)


def partners() -> list[str]:
    """The partner banks a household may consent to share its rating with."""
    return list(getattr(settings, "VOLCITY_RATING_PARTNERS", DEFAULT_PARTNERS))


# ---------------------------------------------------------------- periods


def local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def month_bounds(year: int, month: int) -> tuple[datetime.datetime, datetime.datetime]:
    start = datetime.date(year, month, 1)
    end = datetime.date(year + month // 12, month % 12 + 1, 1)
    return local_midnight(start), local_midnight(end)


def quarter_first_day(year: int, quarter: int) -> datetime.date:
    return datetime.date(year, 3 * quarter - 2, 1)


def quarter_last_day(year: int, quarter: int) -> datetime.date:
    if quarter == 4:
        return datetime.date(year, 12, 31)
    return quarter_first_day(year, quarter + 1) - datetime.timedelta(days=1)


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.datetime, datetime.datetime]:
    end = quarter_last_day(year, quarter) + datetime.timedelta(days=1)
    return local_midnight(quarter_first_day(year, quarter)), local_midnight(end)


def quarter_of(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def previous_quarter(day: datetime.date) -> tuple[int, int]:
    year, quarter = quarter_of(day)
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


def parse_month(text: str | None, *, default: datetime.date | None = None) -> tuple[int, int]:
    """``2026-11`` → (2026, 11); empty → the month of ``default`` (today)."""
    if not text:
        day = default or timezone.localdate()
        return day.year, day.month
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip())
    if not m or not 1 <= int(m.group(2)) <= 12 or int(m.group(1)) < 2000:
        raise BadPeriod(field="month")
    return int(m.group(1)), int(m.group(2))


def parse_quarter(text: str | None, *, default: datetime.date | None = None) -> tuple[int, int]:
    """``2026-Q4`` (or ``2026Q4``) → (2026, 4); empty → the quarter of ``default`` (today)."""
    if not text:
        return quarter_of(default or timezone.localdate())
    m = re.fullmatch(r"(\d{4})-?[Qq]([1-4])", text.strip())
    if not m or int(m.group(1)) < 2000:
        raise BadPeriod(field="quarter")
    return int(m.group(1)), int(m.group(2))


def quarter_label(year: int, quarter: int) -> str:
    return f"{year}-Q{quarter}"


# ---------------------------------------------------------------- totals


@dataclass
class TotalRow:
    household_id: int
    number: str
    head_name: str
    earned: int = 0
    deducted: int = 0
    net: int = 0
    deeds: int = 0
    categories: list[str] = field(default_factory=list)
    rank: int = 0


def _totals(
    bank: VirtueBank, start: datetime.datetime, end: datetime.datetime
) -> dict[int, tuple[int, int, int, int]]:
    """household id → (earned, deducted, net, deeds) of deeds posted in [start, end)."""
    rows = (
        DeedClaim.objects.filter(bank=bank, posted_at__gte=start, posted_at__lt=end)
        .values("household_id")
        .annotate(
            earned=Sum("points", filter=Q(points__gt=0), default=0),
            lost=Sum("points", filter=Q(points__lt=0), default=0),
            net=Sum("points", default=0),
            deeds=Count("id"),
        )
        .order_by()
    )
    return {r["household_id"]: (r["earned"], -r["lost"], r["net"], r["deeds"]) for r in rows}


SORTS = {
    "net": lambda r: (-r.net, r.number),
    "earned": lambda r: (-r.earned, r.number),
    "deducted": lambda r: (-r.deducted, r.number),
    "number": lambda r: (r.number,),
}


def monthly_totals(bank: VirtueBank, year: int, month: int, *, sort: str = "net") -> list[TotalRow]:
    """Every household of the bank with its points earned, deducted and net in the month
    (households without a posted deed show zeros)."""
    totals = _totals(bank, *month_bounds(year, month))
    rows = [
        TotalRow(h_id, number, head, *totals.get(h_id, (0, 0, 0, 0)))
        for h_id, number, head, active in Household.objects.filter(bank=bank)
        .order_by("number")
        .values_list("id", "number", "head_name", "active")
        if active or h_id in totals
    ]
    rows.sort(key=SORTS.get(sort, SORTS["net"]))
    return rows


def policy_of(bank: VirtueBank) -> RatingPolicy:
    """The bank's policy, or the defaults when none was saved (not written by a read)."""
    return RatingPolicy.objects.filter(bank=bank).first() or RatingPolicy(bank=bank)


@dataclass
class Ranking:
    year: int
    quarter: int
    top_n: int
    threshold: int
    rows: list[TotalRow]
    red: list[TotalRow]
    black: list[TotalRow]


def _competition_ranks(rows: list[TotalRow], key: Any) -> None:
    """1, 2, 2, 4: equal keys share a rank."""
    previous, rank = None, 0
    for position, row in enumerate(rows, start=1):
        value = key(row)
        if value != previous:
            rank, previous = position, value
        row.rank = rank


def quarter_ranking(bank: VirtueBank, year: int, quarter: int) -> Ranking:
    """The quarter's ranking, red list and black list, computed from the posted deeds.

    * ranking: households with a deed posted in the quarter, by net points (highest first);
      equal net points share a rank, and are listed by points earned, then household number;
    * black list: points deducted in the quarter at or beyond the policy's threshold, most
      deducted first, with the categories of the deducted deeds (never their descriptions);
    * red list: households with net points above zero and not on the black list, ranked
      again among themselves; every household whose rank is within ``ranking_top_n`` (so a
      household tied with the last place is praised too).
    """
    policy = policy_of(bank)
    start, end = quarter_bounds(year, quarter)
    totals = _totals(bank, start, end)
    households = Household.objects.filter(pk__in=list(totals)).values_list(
        "id", "number", "head_name"
    )
    rows = [TotalRow(h_id, number, head, *totals[h_id]) for h_id, number, head in households]
    rows.sort(key=lambda r: (-r.net, -r.earned, r.number))
    black = [r for r in rows if r.deducted >= policy.black_list_threshold]
    black_ids = {r.household_id for r in black}
    black = [TotalRow(**{**r.__dict__}) for r in black]
    black.sort(key=lambda r: (-r.deducted, r.number))
    _competition_ranks(black, lambda r: r.deducted)
    cats = categories_deducted(bank, start, end, list(black_ids))
    for r in black:
        r.categories = cats.get(r.household_id, [])
    red = [
        TotalRow(**{**r.__dict__}) for r in rows if r.net > 0 and r.household_id not in black_ids
    ]
    _competition_ranks(red, lambda r: r.net)
    red = [r for r in red if r.rank <= bank.ranking_top_n]
    _competition_ranks(rows, lambda r: r.net)
    return Ranking(year, quarter, bank.ranking_top_n, policy.black_list_threshold, rows, red, black)


def categories_deducted(
    bank: VirtueBank, start: datetime.datetime, end: datetime.datetime, household_ids: list[int]
) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    if not household_ids:
        return found
    pairs = (
        DeedClaim.objects.filter(
            bank=bank,
            household_id__in=household_ids,
            posted_at__gte=start,
            posted_at__lt=end,
            points__lt=0,
        )
        .values_list("household_id", "item__category")
        .distinct()
        .order_by("household_id", "item__category")
    )
    for h_id, category in pairs:
        found.setdefault(h_id, []).append(category)
    return found


def category_labels(codes: list[str]) -> list[str]:
    labels = dict(DeedItem.Category.choices)
    return [str(labels.get(c, c)) for c in codes]


# ---------------------------------------------------------------- published lists


def publications_of(bank: VirtueBank) -> list[ListPublication]:
    return list(ListPublication.objects.filter(bank=bank).order_by("-year", "-quarter"))


def publication_get(bank: VirtueBank, year: int, quarter: int) -> ListPublication | None:
    return ListPublication.objects.filter(bank=bank, year=year, quarter=quarter).first()


@dataclass(frozen=True)
class PublicEntry:
    """A published entry as the public sees it: the name masked (surname + *)."""

    id: int
    household_id: int
    kind: str
    rank: int
    household_number: str
    name: str
    net: int
    deducted: int
    categories: list[str]


def entries_of(publication: ListPublication, *, public: bool) -> list[Any]:
    """Entries of a publication; for the public, masked and without withdrawn entries."""
    qs = publication.entries.order_by("kind", "rank", "household_number")
    if not public:
        return list(qs.select_related("withdrawn_by"))
    return [
        PublicEntry(
            id=e.pk,
            household_id=e.household_id,
            kind=e.kind,
            rank=e.rank,
            household_number=e.household_number,
            name=mask_name(e.head_name),
            net=e.net,
            deducted=e.deducted,
            categories=category_labels(e.categories),
        )
        for e in qs.filter(withdrawn_at__isnull=True)
    ]


def entry_get_for(user: Any, entry_id: int) -> ListEntry:
    from volcity.virtue.permissions import can_see_bank

    found = ListEntry.objects.select_related("publication__bank").filter(pk=entry_id).first()
    if found is None or not can_see_bank(user, found.publication.bank.region_id):
        raise NotFound()
    return found


# ---------------------------------------------------------------- ratings and consents


def latest_rating(household: Household) -> CreditRating | None:
    return CreditRating.objects.filter(household=household).order_by("-as_of").first()


def ratings_of(bank: VirtueBank, as_of: datetime.date | None = None) -> list[CreditRating]:
    """The ratings of the bank's latest run (or of ``as_of``), best first."""
    if as_of is None:
        last = CreditRating.objects.filter(bank=bank).order_by("-as_of").first()
        if last is None:
            return []
        as_of = last.as_of
    return list(
        CreditRating.objects.filter(bank=bank, as_of=as_of)
        .select_related("household")
        .order_by("-score", "household__number")
    )


def consents_of(household: Household) -> list[BankSharingConsent]:
    return list(
        BankSharingConsent.objects.filter(household=household)
        .select_related("resident", "recorded_by", "revoked_by")
        .order_by("-granted_at", "-id")
    )


def consent_get_for(user: Any, consent_id: int) -> BankSharingConsent:
    from volcity.virtue.queries import household_get_for

    found = BankSharingConsent.objects.filter(pk=consent_id).first()
    if found is None:
        raise NotFound()
    household_get_for(user, found.household_id)
    return found


def exports_of(bank: VirtueBank) -> list[RatingExport]:
    return list(RatingExport.objects.filter(bank=bank).select_related("exported_by")[:20])


def member_of(user: Any, household: Household) -> Resident | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Resident.objects.filter(user=user, household=household).first()
