"""Banks and their deed catalogues: configure a bank, draft, edit and publish versions.

A published version is immutable: every claim keeps the item (and so the points) of the
version in force on the day of the deed. Changing the rules means a new draft copied from the
published one, edited, then published with a date it takes effect from (today or later); the
old one is retired but stays in force for the days before that date.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from volcity.audit.services import audit_record
from volcity.core.lifecycle import transition_apply
from volcity.ledger.services import account_open
from volcity.regions.models import Region
from volcity.virtue.errors import (
    CatalogueEmpty,
    CataloguePublished,
    DraftExists,
    EffectiveInPast,
    InvalidSetting,
    ItemCodeTaken,
    LimitIncoherent,
    NotAllowed,
    NotAVillage,
    PointsZero,
)
from volcity.virtue.models import CatalogueVersion, DeedItem, VirtueBank
from volcity.virtue.permissions import can_configure_bank

ITEM_FIELDS = ("code", "name", "category", "points", "unit", "limit_count", "limit_period", "sort")


def issuing_code(bank: VirtueBank) -> str:
    return f"virtue:bank:{bank.pk}:issued"


def bank_configure(
    *,
    actor: Any,
    region: Region,
    name: str = "",
    approvals_required: int = 3,
    notice_days: int = 3,
    base_allotment: int = 100,
    person_accounts: bool = False,
    ranking_top_n: int = 50,
    active: bool = True,
) -> VirtueBank:
    """Open the village's bank, or change its settings. Opens its issuing account (the
    source of every point, allowed below zero: its balance is minus the points in circulation)."""
    if region.level != Region.Level.VILLAGE:
        raise NotAVillage(field="region")
    if not can_configure_bank(actor, region.code):
        raise NotAllowed()
    checks: dict[str, tuple[Any, int, int]] = {
        "approvals_required": (approvals_required, 1, 15),
        "notice_days": (notice_days, 1, 30),
        "base_allotment": (base_allotment, 0, 100_000),
        "ranking_top_n": (ranking_top_n, 1, 1000),
    }
    for field, (value, low, high) in checks.items():
        if not isinstance(value, int) or not low <= value <= high:
            raise InvalidSetting(field=field)
    values: dict[str, Any] = {
        "name": (name or "").strip()[:60] or f"{region.name}美德银行",
        "approvals_required": approvals_required,
        "notice_days": notice_days,
        "base_allotment": base_allotment,
        "person_accounts": bool(person_accounts),
        "ranking_top_n": ranking_top_n,
        "active": bool(active),
    }
    with transaction.atomic():
        bank, created = VirtueBank.objects.select_for_update().get_or_create(
            region=region, defaults=values
        )
        before = {k: getattr(bank, k) for k in values}
        if not created:
            for key, value in values.items():
                setattr(bank, key, value)
            bank.save(update_fields=list(values))
        if bank.issuing_account_id is None:
            bank.issuing_account = account_open(
                code=issuing_code(bank),
                name=f"{bank.name} · 发放",
                unit="points",
                allow_negative=True,
                region=region,
                owner_type="virtue.bank",
                owner_id=str(bank.pk),
            )
            bank.save(update_fields=["issuing_account"])
        audit_record(
            "virtue.bank.opened" if created else "virtue.bank.configured",
            obj=bank,
            actor=actor,
            region_id=region.code,
            changes={k: [before[k], v] for k, v in values.items() if created or before[k] != v},
        )
    return bank


def _require_config(actor: Any, bank: VirtueBank) -> None:
    if not can_configure_bank(actor, bank.region_id):
        raise NotAllowed()


def _require_draft(version: CatalogueVersion) -> None:
    if version.status != CatalogueVersion.Status.DRAFT:
        raise CataloguePublished()


def catalogue_draft_from(
    *, actor: Any, bank: VirtueBank, version: CatalogueVersion | None = None
) -> CatalogueVersion:
    """A new draft version, its items copied from ``version`` (empty when None)."""
    _require_config(actor, bank)
    if version is not None and version.bank_id != bank.pk:
        raise InvalidSetting(field="version")
    with transaction.atomic():
        VirtueBank.objects.select_for_update().get(pk=bank.pk)
        if CatalogueVersion.objects.filter(bank=bank, status="draft").exists():
            raise DraftExists()
        number = (
            CatalogueVersion.objects.filter(bank=bank).aggregate(n=Max("number"))["n"] or 0
        ) + 1
        draft = CatalogueVersion.objects.create(
            bank=bank,
            number=number,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        if version is not None:
            DeedItem.objects.bulk_create(
                [
                    DeedItem(version=draft, **{f: getattr(item, f) for f in ITEM_FIELDS})
                    for item in version.items.all()
                ]
            )
        audit_record(
            "virtue.catalogue.drafted",
            obj=draft,
            actor=actor,
            region_id=bank.region_id,
            changes={"from": version.number if version is not None else None},
        )
    return draft


def _check_item(values: dict[str, Any]) -> None:
    points = values.get("points")
    if not isinstance(points, int) or isinstance(points, bool) or points == 0:
        raise PointsZero(field="points")
    period = values.get("limit_period") or DeedItem.Period.NONE
    count = values.get("limit_count")
    if period not in DeedItem.Period.values:
        raise LimitIncoherent(field="limit_period")
    if (period == DeedItem.Period.NONE) != (count is None) or (count is not None and count < 1):
        raise LimitIncoherent(field="limit_count")
    if values.get("category") not in DeedItem.Category.values:
        raise InvalidSetting(field="category")
    if values.get("unit") not in DeedItem.Unit.values:
        raise InvalidSetting(field="unit")
    if not (values.get("code") or "").strip():
        raise InvalidSetting(field="code")
    if not (values.get("name") or "").strip():
        raise InvalidSetting(field="name")


def deed_item_add(
    *,
    actor: Any,
    version: CatalogueVersion,
    code: str,
    name: str,
    points: int,
    category: str = DeedItem.Category.OTHER,
    unit: str = DeedItem.Unit.EACH,
    limit_count: int | None = None,
    limit_period: str = DeedItem.Period.NONE,
    sort: int = 0,
) -> DeedItem:
    _require_config(actor, version.bank)
    values = {
        "code": (code or "").strip(),
        "name": (name or "").strip(),
        "points": points,
        "category": category,
        "unit": unit,
        "limit_count": limit_count,
        "limit_period": limit_period or DeedItem.Period.NONE,
        "sort": sort,
    }
    _check_item(values)
    with transaction.atomic():
        locked = CatalogueVersion.objects.select_for_update().get(pk=version.pk)
        _require_draft(locked)
        if DeedItem.objects.filter(version=locked, code=values["code"]).exists():
            raise ItemCodeTaken(field="code")
        item = DeedItem.objects.create(version=locked, **values)
        audit_record(
            "virtue.item.added",
            obj=item,
            actor=actor,
            region_id=locked.bank.region_id,
            changes={k: v for k, v in values.items()},
        )
    return item


def deed_item_update(*, actor: Any, item: DeedItem, **changes: Any) -> DeedItem:
    """Change fields of an item of a draft version (``code``, ``name``, ``points`` …)."""
    version = item.version
    _require_config(actor, version.bank)
    unknown = set(changes) - set(ITEM_FIELDS)
    if unknown:
        raise InvalidSetting(field=sorted(unknown)[0])
    values = {f: getattr(item, f) for f in ITEM_FIELDS}
    values.update(changes)
    _check_item(values)
    with transaction.atomic():
        locked = CatalogueVersion.objects.select_for_update().get(pk=version.pk)
        _require_draft(locked)
        if (
            DeedItem.objects.filter(version=locked, code=values["code"])
            .exclude(pk=item.pk)
            .exists()
        ):
            raise ItemCodeTaken(field="code")
        before = {f: getattr(item, f) for f in changes}
        for key, value in values.items():
            setattr(item, key, value)
        item.save()
        audit_record(
            "virtue.item.updated",
            obj=item,
            actor=actor,
            region_id=locked.bank.region_id,
            changes={k: [before[k], changes[k]] for k in changes},
        )
    return item


def deed_item_remove(*, actor: Any, item: DeedItem) -> None:
    version = item.version
    _require_config(actor, version.bank)
    with transaction.atomic():
        locked = CatalogueVersion.objects.select_for_update().get(pk=version.pk)
        _require_draft(locked)
        audit_record(
            "virtue.item.removed",
            obj=item,
            actor=actor,
            region_id=locked.bank.region_id,
            changes={"code": item.code},
        )
        item.delete()


def catalogue_publish(
    *, actor: Any, version: CatalogueVersion, effective_from: datetime.date
) -> CatalogueVersion:
    """Publish a draft from ``effective_from`` (today or later, not before the version now in
    force); the published one before it is retired (it stays in force for earlier days)."""
    bank = version.bank
    _require_config(actor, bank)
    with transaction.atomic():
        VirtueBank.objects.select_for_update().get(pk=bank.pk)
        locked = CatalogueVersion.objects.get(pk=version.pk)
        _require_draft(locked)
        if not locked.items.exists():
            raise CatalogueEmpty()
        latest = (
            CatalogueVersion.objects.filter(bank=bank)
            .exclude(status="draft")
            .aggregate(d=Max("effective_from"))["d"]
        )
        if effective_from < timezone.localdate() or (
            latest is not None and effective_from < latest
        ):
            raise EffectiveInPast(field="effective_from")
        current = CatalogueVersion.objects.filter(bank=bank, status="published").first()
        if current is not None:
            transition_apply(current, "retire", actor=actor)
        version.effective_from = effective_from
        version.published_at = timezone.now()
        transition_apply(
            version, "publish", actor=actor, extra_fields=["effective_from", "published_at"]
        )
        audit_record(
            "virtue.catalogue.published",
            obj=version,
            actor=actor,
            region_id=bank.region_id,
            changes={
                "number": version.number,
                "effective_from": effective_from.isoformat(),
                "retired": current.number if current is not None else None,
            },
        )
    return version


def version_in_force(bank: VirtueBank, day: datetime.date) -> CatalogueVersion | None:
    """The published or retired version whose rules held on ``day``."""
    return (
        CatalogueVersion.objects.filter(bank=bank, effective_from__lte=day)
        .exclude(status="draft")
        .order_by("-effective_from", "-number")
        .first()
    )
