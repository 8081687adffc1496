"""Reads of the time bank, scoped to the acting user: a volunteer sees their own credits,
family and spends; the service centre's staff see the volunteers of their regions (others
are not found); administrators see the overview of their regions."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Substr
from django.utils import timezone

from volcity.accounts.roles import ADMIN_ROLES
from volcity.accounts.scope import scope_for, visible_to
from volcity.core.errors import NotFound
from volcity.core.privacy import mask_name
from volcity.ledger.models import Account
from volcity.regions.models import Region
from volcity.regions.queries import region_code_q
from volcity.registry.models import Volunteer
from volcity.registry.queries import volunteer_of
from volcity.timebank.models import FamilyMember, TimeCredit, TimeSpend
from volcity.timebank.permissions import STAFF_ROLES
from volcity.timebank.services.accounts import cap_minutes, volunteer_account
from volcity.timebank.services.family import age_on, is_elder_on
from volcity.timebank.services.spending import pending_minutes

LIST = 50


def hours_text(minutes: int) -> str:
    """ "12 h 30 min", "3 h", "45 min"; negative with a minus sign."""
    sign = "-" if minutes < 0 else ""
    h, m = divmod(abs(int(minutes)), 60)
    if h and m:
        return f"{sign}{h} h {m} min"
    if h:
        return f"{sign}{h} h"
    return f"{sign}{m} min"


@dataclass(frozen=True)
class Summary:
    balance: int
    cap: int
    pending: int
    over_cap: int
    earned: int
    spent: int

    @property
    def room(self) -> int:
        return max(0, self.cap - self.balance)

    @property
    def available(self) -> int:
        return max(0, self.balance - self.pending)

    @property
    def full(self) -> bool:
        return self.balance >= self.cap

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.balance / self.cap)) if self.cap else 0

    @property
    def balance_text(self) -> str:
        return hours_text(self.balance)

    @property
    def cap_text(self) -> str:
        return hours_text(self.cap)

    @property
    def room_text(self) -> str:
        return hours_text(self.room)

    @property
    def pending_text(self) -> str:
        return hours_text(self.pending)

    @property
    def available_text(self) -> str:
        return hours_text(self.available)

    @property
    def over_cap_text(self) -> str:
        return hours_text(self.over_cap)


def summary_of(volunteer: Volunteer) -> Summary:
    account = volunteer_account(volunteer.pk)
    credits = TimeCredit.objects.filter(volunteer=volunteer).aggregate(
        over=Sum("over_cap"), earned=Sum("credited", filter=Q(credited__gt=0))
    )
    spent = TimeSpend.objects.filter(
        volunteer=volunteer, status=TimeSpend.Status.CONFIRMED
    ).aggregate(s=Sum("minutes"))["s"]
    return Summary(
        balance=int(account.balance) if account is not None else 0,
        cap=cap_minutes(),
        pending=pending_minutes(volunteer.pk),
        over_cap=int(credits["over"] or 0),
        earned=int(credits["earned"] or 0),
        spent=int(spent or 0),
    )


def my_volunteer(user: Any) -> Volunteer | None:
    return volunteer_of(user)


def volunteers_for(actor: Any) -> QuerySet[Volunteer]:
    qs = Volunteer.objects.select_related("user", "region")
    return visible_to(actor, qs, roles=STAFF_ROLES, region_field="region")


def volunteer_by_number_for(actor: Any, number: str) -> Volunteer:
    """The volunteer with this number in the staff member's regions, else NotFound."""
    number = (number or "").strip()
    found = volunteers_for(actor).filter(number=number).first() if number else None
    if found is None:
        raise NotFound(field="number")
    return found


def volunteer_get_for(actor: Any, volunteer_id: int) -> Volunteer:
    own = my_volunteer(actor)
    if own is not None and own.pk == volunteer_id:
        return own
    found = volunteers_for(actor).filter(pk=volunteer_id).first()
    if found is None:
        raise NotFound()
    return found


def credits_of(volunteer: Volunteer, *, limit: int = LIST) -> list[TimeCredit]:
    qs = TimeCredit.objects.filter(volunteer=volunteer).select_related("record")
    return list(qs.order_by("-id")[:limit])


def spends_of(volunteer: Volunteer, *, status: str = "", limit: int = LIST) -> list[TimeSpend]:
    qs = TimeSpend.objects.filter(volunteer=volunteer).select_related(
        "volunteer", "beneficiary", "transaction"
    )
    if status:
        qs = qs.filter(status=status)
    return list(qs.order_by("-id")[:limit])


@dataclass(frozen=True)
class MemberRow:
    member: FamilyMember
    age: int
    eligible: bool
    masked_name: str


def family_of(volunteer: Volunteer, *, day: datetime.date | None = None) -> list[MemberRow]:
    day = day or timezone.localdate()
    members = FamilyMember.objects.filter(volunteer=volunteer, removed_at__isnull=True)
    return [
        MemberRow(
            member=m,
            age=age_on(m.birth_date, day),
            eligible=is_elder_on(m, day),
            masked_name=mask_name(m.name),
        )
        for m in members.order_by("id")
    ]


def family_member_get_for(actor: Any, member_id: int) -> FamilyMember:
    own = my_volunteer(actor)
    found = (
        FamilyMember.objects.filter(pk=member_id, volunteer=own).first()
        if own is not None
        else None
    )
    if found is None:
        raise NotFound()
    return found


def spend_get_for(actor: Any, spend_id: int) -> TimeSpend:
    """A spend for its volunteer, or for the staff of the volunteer's region."""
    spend = (
        TimeSpend.objects.select_related("volunteer", "beneficiary", "transaction")
        .filter(pk=spend_id)
        .first()
    )
    if spend is None:
        raise NotFound()
    if getattr(actor, "pk", None) is not None and spend.volunteer.user_id == actor.pk:
        return spend
    if not scope_for(actor, STAFF_ROLES).covers_region(spend.region_id):
        raise NotFound()
    return spend


# ---------------------------------------------------------------- overview


@dataclass
class OverviewRow:
    code: str
    name: str
    balance: int = 0
    accounts: int = 0
    spent: int = 0
    over_cap: int = 0


@dataclass
class Overview:
    rows: list[OverviewRow] = field(default_factory=list)
    town: Region | None = None

    def total(self, name: str) -> int:
        return sum(getattr(r, name) for r in self.rows)

    @property
    def totals(self) -> OverviewRow:
        return OverviewRow(
            code="",
            name="",
            balance=self.total("balance"),
            accounts=self.total("accounts"),
            spent=self.total("spent"),
            over_cap=self.total("over_cap"),
        )


def overview_for(actor: Any, *, town: str = "") -> Overview:
    """Credits in circulation (volunteers' balances), spent, over the cap: by town, or by
    village within ``town``; only the administrator's regions. A few grouped queries."""
    scope = scope_for(actor, ADMIN_ROLES)
    if scope.empty:
        raise NotFound()
    chosen = None
    if town:
        chosen = Region.objects.filter(code=town, level=2).first()
        if chosen is None or not (scope.everything or scope.covers_region(chosen.code)):
            raise NotFound(field="town")
    width = 12 if chosen is not None else 9

    def grouped(qs: QuerySet[Any], region_field: str, **sums: Any) -> dict[str, dict[str, Any]]:
        qs = visible_to(actor, qs, roles=ADMIN_ROLES, region_field=region_field)
        if chosen is not None:
            qs = qs.filter(region_code_q(chosen.code, field=region_field))
        rows = qs.annotate(g=Substr(region_field, 1, width)).values("g").annotate(**sums)
        return {r["g"]: r for r in rows}

    balances = grouped(
        Account.objects.filter(owner_type="timebank.volunteer"),
        "region_id",
        b=Sum("balance"),
        n=Count("id"),
    )
    spent = grouped(
        TimeSpend.objects.filter(status=TimeSpend.Status.CONFIRMED), "region_id", s=Sum("minutes")
    )
    over = grouped(TimeCredit.objects.filter(over_cap__gt=0), "region_id", o=Sum("over_cap"))
    keys = sorted(set(balances) | set(spent) | set(over))
    codes = [k if width == 12 else k + "000" for k in keys]
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    out = Overview(town=chosen)
    for k, code in zip(keys, codes, strict=True):
        out.rows.append(
            OverviewRow(
                code=code,
                name=names.get(code, code),
                balance=int(balances.get(k, {}).get("b") or 0),
                accounts=int(balances.get(k, {}).get("n") or 0),
                spent=int(spent.get(k, {}).get("s") or 0),
                over_cap=int(over.get(k, {}).get("o") or 0),
            )
        )
    return out
