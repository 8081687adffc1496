"""Pages: certificates of service record."""

from django.urls import URLPattern, URLResolver, path

from volcity.activities import views_certificates as v

urlpatterns: list[URLPattern | URLResolver] = [
    path("certificates/", v.certificate_list, name="certificate_list"),
    path("certificates/issue", v.certificate_issue_view, name="certificate_issue"),
    path("certificates/<str:number>.pdf", v.certificate_pdf_view, name="certificate_pdf"),
    path(
        "certificates/<int:certificate_id>/revoke",
        v.certificate_revoke_view,
        name="certificate_revoke",
    ),
]
