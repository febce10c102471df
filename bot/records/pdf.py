"""The one-page PDF outage record, fit to forward to AT&T: summary, chart and timeline."""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib
from fpdf import FPDF

from bot.records.record import OutageRecord
from bot.records.summary import summary_facts, when

# matplotlib ships DejaVu Sans: a Unicode font, so any name or description prints as typed.
_FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
_BOTTOM = 14.0  # mm kept free at the foot of the page
_ROW = 4.2


def _document() -> FPDF:
    pdf = FPDF(orientation="portrait", unit="mm", format="letter")
    pdf.set_auto_page_break(False)  # one page: what does not fit is counted, not overflowed
    pdf.set_margins(14, 12, 14)
    pdf.add_font("DejaVu", "", str(_FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(_FONTS / "DejaVuSans-Bold.ttf"))
    pdf.add_page()
    return pdf


def _room(pdf: FPDF, height: float) -> bool:
    return pdf.get_y() + height <= pdf.h - _BOTTOM


def record_pdf(record: OutageRecord, chart_png: bytes) -> bytes:
    """The record as a one-page PDF (US Letter)."""
    pdf = _document()
    pdf.set_title(f"Outage record {record.number}")
    pdf.set_font("DejaVu", "B", 14)
    pdf.cell(0, 8, f"Outage record {record.number} · {record.site}",
             new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 8)
    for label, value in summary_facts(record)[1:]:
        if not _room(pdf, _ROW):
            break
        pdf.set_font("DejaVu", "B", 8)
        pdf.cell(48, _ROW, label[:60])
        pdf.set_font("DejaVu", "", 8)
        pdf.multi_cell(0, _ROW, value[:400], new_x="LMARGIN", new_y="NEXT")
    width = pdf.w - pdf.l_margin - pdf.r_margin
    if _room(pdf, width * 0.45):
        shown = pdf.image(io.BytesIO(chart_png), x=pdf.l_margin, y=pdf.get_y() + 1, w=width)
        pdf.set_y(pdf.get_y() + shown.rendered_height + 2)
    _timeline(pdf, record)
    return bytes(pdf.output())


def _timeline(pdf: FPDF, record: OutageRecord) -> None:
    pdf.set_font("DejaVu", "B", 10)
    pdf.cell(0, 6, "Timeline", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 7.5)
    for shown, entry in enumerate(record.timeline):
        if not _room(pdf, 2 * _ROW):
            rest = len(record.timeline) - shown
            pdf.cell(0, _ROW, f"… {rest} more entries: see the timeline CSV",
                     new_x="LMARGIN", new_y="NEXT")
            return
        pdf.cell(40, _ROW, when(entry.at, record))
        text = entry.text if not entry.actor else f"{entry.text} ({entry.actor})"
        pdf.multi_cell(0, _ROW, text[:300], new_x="LMARGIN", new_y="NEXT")
