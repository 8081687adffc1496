"""Certificates of service record (志愿服务记录证明): issued free of charge from a snapshot of
the volunteer's approved records, verifiable online, revoked (never deleted) by administrators.
"""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, Min, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volcity.accounts.models import RoleGrant
from volcity.accounts.roles import ADMIN_ROLES
from volcity.accounts.scope import scope_for
from volcity.activities.errors import NoRecords, NotAllowed
from volcity.activities.models import Certificate, ServiceRecord
from volcity.activities.permissions import can_issue_certificate
from volcity.audit.services import audit_record
from volcity.core.errors import Conflict, DomainError
from volcity.core.lifecycle import ReasonRequired
from volcity.core.sequences import sequence_take
from volcity.regions.codes import full_code, level_of, prefix_of
from volcity.registry.models import Volunteer

ID_TYPE = "居民身份证"
# How many activity titles the service block names.
CONTENT_TITLES = 3


class PeriodOrder(DomainError):
    code = "period_order"
    default_message = _("The end of the period is before its start.")


class AlreadyRevoked(Conflict):
    code = "already_revoked"
    default_message = _("This certificate has already been revoked.")


# Letters and digits that cannot be mistaken for each other when read off paper.
CHECK_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def certificate_number(year: int, serial: int) -> str:
    """``QZ`` + year + a 7-digit serial + ``-`` + six random characters: QZ20260000001-7KQ3MX.

    The serial counts the certificates; the random part keeps the public verification page
    from being walked number by number (it shows a masked name, a volunteer number and hours,
    which only the holder should hand out)."""
    check = "".join(secrets.choice(CHECK_ALPHABET) for _ in range(6))
    return f"QZ{year}{serial:07d}-{check}"


def _summary(records: Any) -> str:
    """The top activity titles (by minutes served) and their service categories, short."""
    titles = list(
        records.values("title")
        .annotate(m=Sum("minutes"))
        .order_by("-m", "title")[: CONTENT_TITLES + 1]
    )
    names = [row["title"] for row in titles[:CONTENT_TITLES]]
    text = "、".join(names) + ("等" if len(titles) > CONTENT_TITLES else "")
    categories = list(
        records.exclude(activity__category__isnull=True)
        .values("activity__category__name")
        .annotate(m=Sum("minutes"))
        .order_by("-m")[:CONTENT_TITLES]
    )
    if categories:
        text += "（" + "、".join(row["activity__category__name"] for row in categories) + "）"
    return text[:500]


def _person_in_charge(volunteer: Volunteer) -> str:
    """The administrator nearest the volunteer's residence (village, then town, then city);
    the issuing organisation when nobody holds the role there."""
    code = volunteer.region_id
    codes = [full_code(prefix_of(code, lv)) for lv in range(level_of(code), 0, -1)]
    grants = (
        RoleGrant.objects.filter(role__in=ADMIN_ROLES, region_id__in=codes)
        .select_related("user")
        .order_by("-region__level", "id")
    )
    for grant in grants:
        name = grant.user.display_name or grant.user.username
        if name:
            return str(name)[:40]
    return str(settings.VOLCITY_CERTIFICATE_ISSUER)[:40]


def certificate_issue(
    *,
    actor: Any,
    volunteer: Volunteer,
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
) -> Certificate:
    """Issue a certificate of the volunteer's approved service in the period (default: all).

    The volunteer may issue their own; administrators of their residence region may issue it
    for them. Free of charge. The certificate keeps a snapshot of what it certifies.
    """
    if not can_issue_certificate(actor, volunteer):
        raise NotAllowed()
    if period_start and period_end and period_end < period_start:
        raise PeriodOrder(field="period_end")
    records = ServiceRecord.objects.filter(
        volunteer_id=volunteer.pk, status=ServiceRecord.Status.APPROVED
    )
    if period_start:
        records = records.filter(served_on__gte=period_start)
    if period_end:
        records = records.filter(served_on__lte=period_end)
    with transaction.atomic():
        totals = records.aggregate(
            minutes=Sum("minutes"), count=Count("id"), first=Min("served_on"), last=Max("served_on")
        )
        if not totals["count"]:
            raise NoRecords(field="period_start" if period_start or period_end else None)
        today = timezone.localdate()
        user = volunteer.user
        certificate = Certificate.objects.create(
            number=certificate_number(today.year, sequence_take("certificate")),
            volunteer=volunteer,
            holder_name=user.display_name,
            id_type=ID_TYPE,
            id_masked=user.id_number_masked,
            volunteer_number=volunteer.number,
            minutes_total=totals["minutes"],
            records_total=totals["count"],
            period_start=totals["first"],
            period_end=totals["last"],
            content=_summary(records),
            issuer_org=str(settings.VOLCITY_CERTIFICATE_ISSUER)[:80],
            person_in_charge=_person_in_charge(volunteer),
            handler=str(actor.display_name or actor.username)[:40],
            contact=str(settings.VOLCITY_CERTIFICATE_CONTACT)[:40],
            issued_on=today,
            issued_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit_record(
            "activities.certificate.issued",
            obj=certificate,
            actor=actor,
            region_id=volunteer.region_id,
            changes={
                "volunteer": volunteer.number,
                "minutes": certificate.minutes_total,
                "records": certificate.records_total,
                "period": [str(certificate.period_start), str(certificate.period_end)],
            },
        )
    return certificate


def can_revoke_certificate(user: Any, certificate: Certificate) -> bool:
    """Administrators of the holder's residence region."""
    return scope_for(user, ADMIN_ROLES).covers_region(certificate.volunteer.region_id)


def certificate_revoke(*, actor: Any, certificate: Certificate, reason: str) -> Certificate:
    """Revoke an issued certificate (a mistake, records later corrected): the verification
    page then says it is revoked. The certificate itself is kept."""
    if not can_revoke_certificate(actor, certificate):
        raise NotAllowed()
    if not reason.strip():
        raise ReasonRequired(field="reason")
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.revoked_at is not None:
            raise AlreadyRevoked()
        certificate.revoked_at = timezone.now()
        certificate.revoke_reason = reason.strip()[:200]
        certificate.save(update_fields=["revoked_at", "revoke_reason"])
        audit_record(
            "activities.certificate.revoked",
            obj=certificate,
            actor=actor,
            region_id=certificate.volunteer.region_id,
            changes={"reason": certificate.revoke_reason},
        )
    return certificate
