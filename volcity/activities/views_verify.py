"""The public verification page of a certificate: no login, masked name, no ID number or phone.

Not rate-limited: a number ends in six random characters, so numbers cannot be walked, and the
page shows only what the certificate's holder shows by handing it over (masked name, volunteer
number, hours).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from volcity.activities.models import Certificate
from volcity.activities.queries_certificates import certificate_check
from volcity.activities.services.certificates import can_revoke_certificate
from volcity.activities.views_certificates import RevokeForm
from volcity.core.errors import NotFound


@require_GET
def certificate_verify(request: HttpRequest, number: str) -> HttpResponse:
    try:
        check = certificate_check(number)
    except NotFound:
        return render(
            request, "activities/certificates/verify_unknown.html", {"number": number}, status=404
        )
    context: dict[str, object] = {"check": check}
    if request.user.is_authenticated and check.valid:
        found = Certificate.objects.select_related("volunteer").get(number=check.number)
        if can_revoke_certificate(request.user, found):
            context.update(certificate_id=found.pk, revoke_form=RevokeForm())
    return render(request, "activities/certificates/verify.html", context)
