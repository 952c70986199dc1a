"""The clinician report's look: colours, paragraph styles, tables and the page footer.

Kept apart from :mod:`limber.report.pdf` so the report's content reads as a list of
sections, and the styling can change without touching what is reported.
"""

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import matplotlib
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import registerFont, registerFontFamily
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

INK = colors.HexColor("#1f2d3d")
ACCENT = colors.HexColor("#00798c")
MUTED = colors.HexColor("#6b7785")
RULE = colors.HexColor("#d9dee5")
VERDICT_COLOURS = {
    "meaningful improvement": colors.HexColor("#2a9d8f"),
    "no real change": MUTED,
    "worse": colors.HexColor("#d1495b"),
}
WIDTH = A4[0] - 36 * mm


def _fonts() -> tuple[str, str]:
    """DejaVu Sans (shipped with matplotlib) so names and notes in any script print; the
    PDF core fonts only cover Western European letters."""
    try:
        folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
        registerFont(TTFont("LimberSans", str(folder / "DejaVuSans.ttf")))
        registerFont(TTFont("LimberSans-Bold", str(folder / "DejaVuSans-Bold.ttf")))
        registerFontFamily("LimberSans", normal="LimberSans", bold="LimberSans-Bold")
    except (OSError, TTFError):
        return "Helvetica", "Helvetica-Bold"
    return "LimberSans", "LimberSans-Bold"


FONT, BOLD = _fonts()


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    body = ParagraphStyle(
        "body",
        parent=base["BodyText"],
        fontName=FONT,
        fontSize=9,
        leading=12,
        textColor=INK,
    )
    return {
        "title": ParagraphStyle(
            "title",
            parent=base["Title"],
            fontName=BOLD,
            fontSize=20,
            leading=24,
            alignment=TA_LEFT,
            textColor=INK,
            spaceAfter=2,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base["Heading2"],
            fontName=BOLD,
            fontSize=13,
            leading=16,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=4,
        ),
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=7.5, leading=9.5, textColor=MUTED),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8, leading=10),
        "cellb": ParagraphStyle("cellb", parent=body, fontSize=8, leading=10, fontName=BOLD),
    }


S = _styles()


def para(text: str, style: str = "cell") -> Paragraph:
    return Paragraph(escape(text), S[style])


def table(rows: list[list[Any]], widths: list[float], header: bool = True) -> Table:
    cells = [[c if isinstance(c, Flowable) else para(str(c)) for c in row] for row in rows]
    if header:
        cells[0] = [para(str(c), "cellb") if not isinstance(c, Flowable) else c for c in rows[0]]
    table = Table(cells, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        style += [("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f6"))]
    table.setStyle(TableStyle(style))
    return table


def footer(canvas: Canvas, doc: SimpleDocTemplate) -> None:
    canvas.saveState()
    canvas.setFont(FONT, 7)
    canvas.setFillColor(MUTED)
    canvas.setStrokeColor(RULE)
    canvas.line(18 * mm, 14 * mm, A4[0] - 18 * mm, 14 * mm)
    canvas.drawString(18 * mm, 10 * mm, "Limber progress report - self-reported, not a diagnosis")
    canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, f"Page {doc.page}")
    canvas.restoreState()
