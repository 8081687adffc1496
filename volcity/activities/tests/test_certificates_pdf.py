"""The certificate PDF opened by real readers: pypdf for its text, poppler and zbar for the QR."""

from __future__ import annotations

import datetime
import io
import shutil
import subprocess  # noqa: S404 - the real PDF and QR readers
from pathlib import Path
from typing import Any

import pypdf
import pytest
import time_machine
from reportlab.pdfbase import pdfmetrics

from volcity.activities.pdf import CertificatePdf, _wrap, certificate_pdf, cjk_font
from volcity.activities.services.certificates import certificate_issue
from volcity.activities.tests.factories import activity_make, team_led_by, volunteer_for
from volcity.activities.tests.factories_certificates import approved_record

NOW = datetime.datetime(2026, 11, 20, 2, 0, tzinfo=datetime.UTC)
DATA = CertificatePdf(
    number="QZ20260000042",
    issued_on=datetime.date(2026, 11, 20),
    holder_name="张三丰",
    id_type="居民身份证",
    id_masked="370781********123X",
    volunteer_number="37078100004242",
    hours="12.5",
    records_total=4,
    period_start=datetime.date(2026, 1, 5),
    period_end=datetime.date(2026, 6, 1),
    content="关爱老人、环境整治等（助老）",
    issuer_org="青州市志愿服务联合会",
    person_in_charge="李负责",
    handler="王经办",
    contact="0536-3261234",
    verify_url="https://volcity.example/verify/QZ20260000042",
)


def _text(body: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(body))
    assert len(reader.pages) == 1
    return reader.pages[0].extract_text()


def test_pdf_holds_the_number_the_volunteer_number_and_the_hours() -> None:
    body = certificate_pdf(DATA)
    assert body.startswith(b"%PDF")
    text = _text(body)
    for part in ("QZ20260000042", "37078100004242", "12.5", "2026-01-05", "2026-06-01"):
        assert part in text
    assert "Certificate of Volunteer Service Record" in text


def test_pdf_chinese_text_extracts_when_a_cjk_font_is_embedded() -> None:
    if cjk_font() != "VolcityCJK":
        pytest.skip("no CJK TrueType font on this machine: the PDF uses STSong-Light")
    text = _text(certificate_pdf(DATA))
    for part in ("志愿服务记录证明", "张三丰", "居民身份证", "青州市志愿服务联合会", "王经办"):
        assert part in text


def test_lines_break_between_latin_words_else_between_characters() -> None:
    font, size = "Helvetica", 9
    sentence = "Issued free of charge from the confirmed records in the volunteer service system."
    width = pdfmetrics.stringWidth(sentence[:-3], font, size)  # the last word does not fit
    assert _wrap(sentence, font, size, width) == [sentence[: -len(" system.")], "system."]
    # No space to break at: a long address (or URL) breaks between characters.
    url = "http://127.0.0.1:8000/verify/QZ20260000001"
    narrow = pdfmetrics.stringWidth(url[:20], font, size)
    lines = _wrap(url, font, size, narrow)
    assert "".join(lines) == url and len(lines) > 1
    assert all(pdfmetrics.stringWidth(x, font, size) <= narrow for x in lines)


def test_pdf_qr_code_decodes_to_exactly_the_verify_url(tmp_path: Path) -> None:
    if not (shutil.which("pdftoppm") and shutil.which("zbarimg")):
        pytest.skip("pdftoppm (poppler-utils) and zbarimg (zbar-tools) are needed to read the QR")
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(certificate_pdf(DATA))
    subprocess.run(  # noqa: S603
        ["pdftoppm", "-png", "-r", "150", str(pdf), str(tmp_path / "page")], check=True
    )
    page = next(tmp_path.glob("page*.png"))
    found = subprocess.run(  # noqa: S603
        ["zbarimg", "--raw", "-q", str(page)], capture_output=True, text=True, check=True
    )
    assert found.stdout.strip().splitlines() == [DATA.verify_url]


@time_machine.travel(NOW, tick=False)
def test_pdf_download_for_an_issued_certificate(
    people: dict[str, Any], city: dict[str, Any], client_as: Any
) -> None:
    team = team_led_by(people["team_leader"], people["town_admin"], city["town1"].code)
    activity = activity_make(team, people["team_leader"], region_id=city["village11"].code)
    volunteer = volunteer_for(people["volunteer"], city["village11"].code)
    approved_record(volunteer, activity, approver=people["town_admin"], minutes=150)
    made = certificate_issue(actor=people["volunteer"], volunteer=volunteer)
    response = client_as("volunteer").get(f"/activities/certificates/{made.number}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="certificate-{made.number}.pdf"' in response["Content-Disposition"]
    text = _text(response.content)
    assert made.number in text and volunteer.number in text and "2.5" in text
    assert f"http://testserver/verify/{made.number}" in text.replace("\n", "")
