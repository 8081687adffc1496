"""Permission-matrix rows of certificates of service record: the volunteer's pages, the PDF,
revoking, the public verification page, and their API (/api/v1/activities)."""

from __future__ import annotations

from typing import Any

ANON = None
NAMESPACES = {"activities", "verify"}
A = "/api/v1/activities"
CERT, CERT_ID, UNKNOWN = "cert_number", "cert_id", "cert_unknown"
BODIES = {"activities:certificate_revoke": {"reason": "矩阵撤销"}}

PAGES: list[tuple[str, str, str, str | None, int]] = [
    ("GET", "activities:certificate_list", "", ANON, 302),
    ("GET", "activities:certificate_list", "", "resident", 404),
    ("GET", "activities:certificate_list", "", "volunteer", 200),
    ("POST", "activities:certificate_issue", "", ANON, 302),
    ("POST", "activities:certificate_issue", "", "resident", 404),
    ("POST", "activities:certificate_issue", "", "volunteer", 302),
    ("GET", "activities:certificate_pdf", CERT, ANON, 302),
    ("GET", "activities:certificate_pdf", CERT, "volunteer", 200),
    ("GET", "activities:certificate_pdf", CERT, "town_admin", 200),
    ("GET", "activities:certificate_pdf", CERT, "other_town_admin", 404),
    ("GET", "activities:certificate_pdf", CERT, "team_leader", 404),
    ("POST", "activities:certificate_revoke", CERT_ID, ANON, 302),
    ("POST", "activities:certificate_revoke", CERT_ID, "volunteer", 403),
    ("POST", "activities:certificate_revoke", CERT_ID, "other_town_admin", 404),
    ("POST", "activities:certificate_revoke", CERT_ID, "town_admin", 302),
    ("GET", "verify:certificate", CERT, ANON, 200),
    ("GET", "verify:certificate", CERT, "town_admin", 200),
    ("GET", "verify:certificate", UNKNOWN, ANON, 404),
]

REVOKE = {"reason": "矩阵撤销"}
API: list[tuple[str, str, str, str | None, int, dict[str, Any] | None]] = [
    ("GET", f"{A}/me/certificates", "", ANON, 401, None),
    ("GET", f"{A}/me/certificates", "", "resident", 403, None),
    ("GET", f"{A}/me/certificates", "", "volunteer", 200, None),
    ("POST", f"{A}/me/certificates", "", ANON, 401, {}),
    ("POST", f"{A}/me/certificates", "", "resident", 403, {}),
    ("POST", f"{A}/me/certificates", "", "volunteer", 201, {}),
    ("GET", f"{A}/certificates/{{number}}/pdf", CERT, ANON, 401, None),
    ("GET", f"{A}/certificates/{{number}}/pdf", CERT, "volunteer", 200, None),
    ("GET", f"{A}/certificates/{{number}}/pdf", CERT, "town_admin", 200, None),
    ("GET", f"{A}/certificates/{{number}}/pdf", CERT, "other_town_admin", 404, None),
    ("POST", f"{A}/certificates/{{certificate_id}}/revoke", CERT_ID, ANON, 401, REVOKE),
    ("POST", f"{A}/certificates/{{certificate_id}}/revoke", CERT_ID, "volunteer", 403, REVOKE),
    (
        "POST",
        f"{A}/certificates/{{certificate_id}}/revoke",
        CERT_ID,
        "other_town_admin",
        404,
        REVOKE,
    ),
    ("POST", f"{A}/certificates/{{certificate_id}}/revoke", CERT_ID, "town_admin", 200, REVOKE),
    ("GET", f"{A}/verify/{{number}}", CERT, ANON, 200, None),
    ("GET", f"{A}/verify/{{number}}", UNKNOWN, ANON, 404, None),
]


def objects(people: dict[str, Any], city: dict[str, Any]) -> dict[str, Any]:
    from volcity.activities.services.certificates import certificate_issue
    from volcity.activities.tests.factories import activity_make, team_led_by, volunteer_for
    from volcity.activities.tests.factories_certificates import approved_record

    team = team_led_by(
        people["team_leader"], people["town_admin"], city["town1"].code, name="证书矩阵服务队"
    )
    activity = activity_make(
        team, people["team_leader"], title="证书矩阵活动", region_id=city["village11"].code
    )
    volunteer = volunteer_for(people["volunteer"], city["village11"].code)
    approved_record(volunteer, activity, approver=people["town_admin"], minutes=90)
    made = certificate_issue(actor=people["volunteer"], volunteer=volunteer)
    return {
        CERT: {"number": made.number},
        CERT_ID: {"certificate_id": made.pk},
        UNKNOWN: {"number": "QZ20269999999"},
    }
