"""API shapes of certificates of service record."""

from __future__ import annotations

import datetime

from ninja import Schema

from volcity.activities.models import Certificate
from volcity.activities.queries_certificates import CertificateCheck
from volcity.activities.services.totals import hours_text


class CertificateIn(Schema):
    """The period to certify; both empty: all approved service."""

    period_start: datetime.date | None = None
    period_end: datetime.date | None = None


class CertificateRevokeIn(Schema):
    reason: str


class CertificateOut(Schema):
    id: int
    number: str
    volunteer_number: str
    holder_name: str
    id_type: str
    id_masked: str
    minutes_total: int
    hours: str
    records_total: int
    period_start: datetime.date
    period_end: datetime.date
    content: str
    issuer_org: str
    person_in_charge: str
    handler: str
    contact: str
    issued_on: datetime.date
    revoked: bool
    revoked_at: datetime.datetime | None
    revoke_reason: str
    pdf_url: str
    verify_url: str


class CertificateVerifyOut(Schema):
    """The public answer: masked name, never the ID number or phone."""

    number: str
    valid: bool
    revoked_on: datetime.date | None
    holder: str
    volunteer_number: str
    hours: str
    records_total: int
    period_start: datetime.date
    period_end: datetime.date
    issuer_org: str
    issued_on: datetime.date


def certificate_out(c: Certificate, *, pdf_url: str, verify_url: str) -> CertificateOut:
    return CertificateOut(
        id=c.pk,
        number=c.number,
        volunteer_number=c.volunteer_number,
        holder_name=c.holder_name,
        id_type=c.id_type,
        id_masked=c.id_masked,
        minutes_total=c.minutes_total,
        hours=hours_text(c.minutes_total),
        records_total=c.records_total,
        period_start=c.period_start,
        period_end=c.period_end,
        content=c.content,
        issuer_org=c.issuer_org,
        person_in_charge=c.person_in_charge,
        handler=c.handler,
        contact=c.contact,
        issued_on=c.issued_on,
        revoked=c.revoked_at is not None,
        revoked_at=c.revoked_at,
        revoke_reason=c.revoke_reason,
        pdf_url=pdf_url,
        verify_url=verify_url,
    )


def verify_out(check: CertificateCheck) -> CertificateVerifyOut:
    return CertificateVerifyOut(**check.__dict__)
