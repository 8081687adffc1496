"""The certificate of service record as an A4 PDF: data in, bytes out.

Chinese text needs a CJK font. The first TrueType font found is embedded (subset): the path in
the environment variable ``VOLCITY_PDF_FONT``, then WenQuanYi Micro Hei, WenQuanYi Zen Hei and
Droid Sans Fallback at their Debian paths. With none of them, the PDF names reportlab's
built-in ``STSong-Light`` CID font, which is not embedded (readers substitute a local font), and
a warning is logged.
"""

from __future__ import annotations

import datetime
import functools
import io
import logging
import os
from dataclasses import dataclass

import segno
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

log = logging.getLogger(__name__)

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)
FONT_NAME = "VolcityCJK"
FALLBACK_FONT = "STSong-Light"


def font_candidates() -> list[str]:
    """Where a CJK TrueType font is looked for, in order."""
    chosen = os.environ.get("VOLCITY_PDF_FONT", "").strip()
    return ([chosen] if chosen else []) + list(FONT_CANDIDATES)


@functools.cache
def cjk_font() -> str:
    """Register and return the name of the font the PDF uses (found once per process)."""
    for path in font_candidates():
        if not os.path.isfile(path):
            continue
        try:
            pdfmetrics.registerFont(TTFont(FONT_NAME, path, subfontIndex=0))
        except Exception:  # noqa: BLE001 - a broken font file: try the next one
            log.warning("Cannot use %s as the certificate font", path, exc_info=True)
            continue
        return FONT_NAME
    log.warning(
        "No CJK TrueType font found (tried %s); certificates use the non-embedded %s.",
        ", ".join(font_candidates()),
        FALLBACK_FONT,
    )
    pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_FONT))
    return FALLBACK_FONT


@dataclass(frozen=True)
class CertificatePdf:
    """Everything printed on a certificate, as plain values."""

    number: str
    issued_on: datetime.date
    holder_name: str
    id_type: str
    id_masked: str
    volunteer_number: str
    hours: str
    records_total: int
    period_start: datetime.date
    period_end: datetime.date
    content: str
    issuer_org: str
    person_in_charge: str
    handler: str
    contact: str
    verify_url: str
    revoked: bool = False


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Split ``text`` into lines no wider than ``width``: character by character (CJK text
    has no spaces to break at), but a Latin word moves whole to the next line when a space
    comes before it on this one."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for ch in paragraph:
            if not line or pdfmetrics.stringWidth(line + ch, font, size) <= width:
                line += ch
                continue
            head, tail = line, ""
            if ch.isascii() and not ch.isspace():
                space = line.rfind(" ")
                if space > 0 and line[space + 1 :].isascii():
                    head, tail = line[:space], line[space + 1 :]
            lines.append(head.rstrip())
            line = (tail + ch).lstrip()
        lines.append(line)
    return lines


def _qr(canvas: Canvas, data: str, x: float, y: float, size: float) -> None:
    """Draw ``data`` as a QR code (dark modules as filled squares) with its quiet zone."""
    code = segno.make(data, error="m", micro=False)
    matrix = [list(row) for row in code.matrix]
    border = 4
    count = len(matrix) + 2 * border
    module = size / count
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                canvas.rect(
                    x + (c + border) * module,
                    y + size - (r + border + 1) * module,
                    module,
                    module,
                    stroke=0,
                    fill=1,
                )


def certificate_pdf(data: CertificatePdf) -> bytes:
    """The certificate as PDF bytes."""
    font = cjk_font()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setTitle(f"志愿服务记录证明 {data.number}")
    canvas.setAuthor(data.issuer_org)
    canvas.setSubject("Certificate of Volunteer Service Record")
    width, height = A4
    left, right = 25 * mm, width - 25 * mm

    canvas.setLineWidth(2)
    canvas.rect(15 * mm, 15 * mm, width - 30 * mm, height - 30 * mm)
    canvas.setLineWidth(0.5)
    canvas.rect(17 * mm, 17 * mm, width - 34 * mm, height - 34 * mm)

    y = height - 40 * mm
    canvas.setFont(font, 24)
    canvas.drawCentredString(width / 2, y, "志愿服务记录证明")
    y -= 9 * mm
    canvas.setFont(font, 12)
    canvas.drawCentredString(width / 2, y, "Certificate of Volunteer Service Record")
    y -= 10 * mm
    canvas.setFont(font, 10)
    canvas.drawString(left, y, f"证明编号 No.: {data.number}")
    canvas.drawRightString(right, y, f"出具日期 Date of issue: {data.issued_on:%Y-%m-%d}")
    if data.revoked:
        canvas.setFillColorRGB(0.75, 0, 0)
        canvas.setFont(font, 14)
        canvas.drawCentredString(width / 2, y - 8 * mm, "已撤销 REVOKED")
        canvas.setFillColorRGB(0, 0, 0)
        y -= 8 * mm

    def block(title: str, rows: list[tuple[str, str]]) -> None:
        nonlocal y
        y -= 12 * mm
        canvas.setFont(font, 13)
        canvas.drawString(left, y, title)
        canvas.setLineWidth(0.5)
        canvas.line(left, y - 2 * mm, right, y - 2 * mm)
        y -= 4 * mm
        label_width = 62 * mm
        for label, value in rows:
            y -= 7 * mm
            canvas.setFont(font, 10)
            canvas.drawString(left, y, label)
            canvas.setFont(font, 11)
            lines = _wrap(value, font, 11, right - left - label_width)
            for i, line in enumerate(lines):
                if i:
                    y -= 6 * mm
                canvas.drawString(left + label_width, y, line)

    block(
        "一、身份信息 Identity",
        [
            ("姓名 Name", data.holder_name),
            ("证件类型 ID type", data.id_type),
            ("证件号码 ID number", data.id_masked or "—"),
            ("志愿者编号 Volunteer No.", data.volunteer_number),
        ],
    )
    block(
        "二、服务信息 Service",
        [
            ("服务时长 Total hours", f"{data.hours} 小时 hours"),
            ("服务记录 Records", f"{data.records_total} 条 records"),
            (
                "服务期间 Period",
                f"{data.period_start:%Y-%m-%d} — {data.period_end:%Y-%m-%d}",
            ),
            ("服务内容 Content", data.content),
        ],
    )
    block(
        "三、出具信息 Issuer",
        [
            ("出具单位 Issuing organisation", data.issuer_org),
            ("负责人 Person in charge", data.person_in_charge),
            ("经办人 Handled by", data.handler),
            ("联系方式 Contact", data.contact),
        ],
    )

    qr_size = 38 * mm
    qr_y = 30 * mm
    _qr(canvas, data.verify_url, right - qr_size, qr_y, qr_size)
    canvas.setFont(font, 9)
    text_width = right - left - qr_size - 6 * mm
    notes = [
        "本证明依据志愿服务信息系统中已确认的服务记录出具，免费出具。",
        "Issued free of charge from the confirmed records in the volunteer service system.",
        "扫描二维码或访问以下网址核验 Scan the code or visit to verify:",
    ]
    ty = qr_y + qr_size - 4 * mm
    for note in notes:
        for line in _wrap(note, font, 9, text_width):
            canvas.drawString(left, ty, line)
            ty -= 5 * mm
    for line in _wrap(data.verify_url, font, 9, text_width):
        canvas.drawString(left, ty, line)
        ty -= 5 * mm
    canvas.setFont(font, 12)
    canvas.drawString(left, qr_y + 2 * mm, f"{data.issuer_org}（盖章 Seal）")

    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
