"""API: certificates of service record. The volunteer lists and issues their own; the PDF for
its holder and administrators; administrators revoke; anyone verifies a number."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from ninja import Router, Status

from volcity.activities.pdf import certificate_pdf
from volcity.activities.queries_certificates import (
    certificate_by_id_for,
    certificate_check,
    certificate_get_for,
    certificate_pdf_data,
    certificate_verify_url,
    certificates_of,
)
from volcity.activities.schemas_certificates import (
    CertificateIn,
    CertificateOut,
    CertificateRevokeIn,
    CertificateVerifyOut,
    certificate_out,
    verify_out,
)
from volcity.activities.services.certificates import certificate_issue, certificate_revoke
from volcity.core.api_auth import api_user
from volcity.core.errors import DomainError
from volcity.registry.models import Volunteer
from volcity.registry.queries import volunteer_of

router = Router(tags=["certificates"])


class NotAVolunteer(DomainError):
    code = "not_a_volunteer"
    status = 403
    default_message = _("Register as a volunteer first.")


def _own(actor: Any) -> Volunteer:
    volunteer = volunteer_of(actor)
    if volunteer is None or volunteer.status == Volunteer.Status.DELETED:
        raise NotAVolunteer()
    return volunteer


def _out(request: HttpRequest, c: Any) -> CertificateOut:
    return certificate_out(
        c,
        pdf_url=reverse("api:certificate_pdf_api", kwargs={"number": c.number}),
        verify_url=certificate_verify_url(request, c.number),
    )


@router.get("/me/certificates", response=list[CertificateOut])
def my_certificates_api(request: HttpRequest) -> list[CertificateOut]:
    volunteer = _own(api_user(request))
    return [_out(request, c) for c in certificates_of(volunteer)[:200]]


@router.post("/me/certificates", response={201: CertificateOut})
def my_certificate_issue_api(
    request: HttpRequest, payload: CertificateIn
) -> Status[CertificateOut]:
    """Issue a certificate of your own approved service (free of charge)."""
    actor = api_user(request)
    made = certificate_issue(
        actor=actor,
        volunteer=_own(actor),
        period_start=payload.period_start,
        period_end=payload.period_end,
    )
    return Status(201, _out(request, made))


@router.get("/certificates/{number}/pdf", url_name="certificate_pdf_api")
def certificate_pdf_api(request: HttpRequest, number: str) -> HttpResponse:
    """The certificate as a PDF (its holder, administrators of the holder's region)."""
    found = certificate_get_for(api_user(request), number)
    body = certificate_pdf(certificate_pdf_data(found, certificate_verify_url(request, number)))
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{found.number}.pdf"'
    return response


@router.post("/certificates/{certificate_id}/revoke", response=CertificateOut)
def certificate_revoke_api(
    request: HttpRequest, certificate_id: int, payload: CertificateRevokeIn
) -> CertificateOut:
    actor = api_user(request)
    found = certificate_by_id_for(actor, certificate_id)
    return _out(request, certificate_revoke(actor=actor, certificate=found, reason=payload.reason))


@router.get("/verify/{number}", response=CertificateVerifyOut, auth=None)
def certificate_verify_api(request: HttpRequest, number: str) -> CertificateVerifyOut:
    """Public check of a certificate number: valid or revoked, with the holder's name masked."""
    return verify_out(certificate_check(number))
