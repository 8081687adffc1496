"""Reading certificates: the volunteer's own, one for its owner or an administrator, the public
verification view (masked), and the plain data the PDF is drawn from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from volcity.activities.models import Certificate
from volcity.activities.pdf import CertificatePdf
from volcity.activities.services.certificates import can_revoke_certificate
from volcity.activities.services.totals import hours_text
from volcity.core.errors import NotFound
from volcity.core.privacy import mask_name
from volcity.registry.models import Volunteer


def certificates_of(volunteer: Volunteer) -> QuerySet[Certificate]:
    """The volunteer's certificates, newest first (index ``certificate_volunteer``)."""
    return Certificate.objects.filter(volunteer_id=volunteer.pk).order_by("-id")


def _may_see(user: Any, certificate: Certificate) -> bool:
    if getattr(user, "pk", None) is not None and certificate.volunteer.user_id == user.pk:
        return True
    return can_revoke_certificate(user, certificate)


def certificate_get_for(user: Any, number: str) -> Certificate:
    """A certificate by number, for its holder and administrators of the holder's region."""
    found = Certificate.objects.select_related("volunteer").filter(number=number).first()
    if found is None or not _may_see(user, found):
        raise NotFound()
    return found


def certificate_by_id_for(user: Any, certificate_id: int) -> Certificate:
    found = Certificate.objects.select_related("volunteer").filter(pk=certificate_id).first()
    if found is None or not _may_see(user, found):
        raise NotFound()
    return found


@dataclass(frozen=True)
class CertificateCheck:
    """What the public verification page shows: never the ID number or the phone."""

    number: str
    valid: bool
    revoked_on: Any
    holder: str
    volunteer_number: str
    hours: str
    records_total: int
    period_start: Any
    period_end: Any
    issuer_org: str
    issued_on: Any


def certificate_check(number: str) -> CertificateCheck:
    """The public answer for a certificate number; NotFound for an unknown one."""
    found = Certificate.objects.filter(number=number.strip().upper()).first()
    if found is None:
        raise NotFound()
    return CertificateCheck(
        number=found.number,
        valid=found.revoked_at is None,
        revoked_on=found.revoked_at.date() if found.revoked_at else None,
        holder=mask_name(found.holder_name),
        volunteer_number=found.volunteer_number,
        hours=hours_text(found.minutes_total),
        records_total=found.records_total,
        period_start=found.period_start,
        period_end=found.period_end,
        issuer_org=found.issuer_org,
        issued_on=found.issued_on,
    )


def certificate_pdf_data(certificate: Certificate, verify_url: str) -> CertificatePdf:
    return CertificatePdf(
        number=certificate.number,
        issued_on=certificate.issued_on,
        holder_name=certificate.holder_name,
        id_type=certificate.id_type,
        id_masked=certificate.id_masked,
        volunteer_number=certificate.volunteer_number,
        hours=hours_text(certificate.minutes_total),
        records_total=certificate.records_total,
        period_start=certificate.period_start,
        period_end=certificate.period_end,
        content=certificate.content,
        issuer_org=certificate.issuer_org,
        person_in_charge=certificate.person_in_charge,
        handler=certificate.handler,
        contact=certificate.contact,
        verify_url=verify_url,
        revoked=certificate.revoked_at is not None,
    )


def certificate_verify_url(request: Any, number: str) -> str:
    """The absolute address of the public verification page (printed as the QR code)."""
    from django.urls import reverse

    return str(request.build_absolute_uri(reverse("verify:certificate", args=[number])))
