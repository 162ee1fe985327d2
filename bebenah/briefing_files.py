"""The briefing as files to take away: a PDF (A4 landscape, to send to Kemenko PMK), a PowerPoint
(16:9, to edit) and the minutes (notulen) as PDF. Each page or slide is one of bebenah.briefing's
Slides, the same the projector shows, with the footer that says area, period, data cut-off, the
uploads behind it and the sample-data notice. Charts are drawn by kaleido (Chromium), with the
house template and colours given explicitly (Streamlit's default template has placeholder colours).
"""

import io
import shutil
import threading
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from fpdf import FPDF
from fpdf.fonts import FontFace
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from bebenah import charts, db
from bebenah.briefing import Figure, Slide
from bebenah.i18n import t

FONTS = db.ROOT / "data" / "fonts"
CHART_SIZE = (1400, 620)  # pixels drawn at scale 2: sharp on paper and on a projector
INK, GREY, BLUE = (26, 26, 26), (90, 90, 90), (0, 114, 178)
TABLE_ROWS = 18  # rows of a table on one page or slide; the rest on the next
_kaleido = threading.Lock()
_started = False


class ChartsUnavailable(RuntimeError):
    """No browser to draw charts with: the export buttons say how to install one instead."""


def chromium_present() -> bool:
    return shutil.which("chromium") is not None or shutil.which("chromium-browser") is not None \
        or shutil.which("google-chrome") is not None


def chart_png(figure: go.Figure) -> bytes:
    """A chart as PNG with the house template, through one kaleido server kept warm (a browser starts
    once, then about a tenth of a second a figure)."""
    if not chromium_present():
        raise ChartsUnavailable()
    drawn = go.Figure(figure)
    charts.style(drawn, CHART_SIZE[1])
    drawn.update_layout(template="plotly_white+bebenah", paper_bgcolor="white", plot_bgcolor="white",
                        width=CHART_SIZE[0], height=CHART_SIZE[1])
    with _kaleido:
        _warm()
        return drawn.to_image(format="png", width=CHART_SIZE[0], height=CHART_SIZE[1], scale=2)


def _warm() -> None:
    """Start kaleido's browser once per process (under _kaleido)."""
    global _started
    if not _started:
        import kaleido

        kaleido.start_sync_server(silence_warnings=True)
        _started = True


def captioned_png(figure: go.Figure, title: str, footer: str) -> bytes:
    """A chart to pass on by itself: its title above, and under it what it shows (area, period,
    data cut-off, source, the sample-data mark), so that a forwarded picture still says so."""
    captioned = go.Figure(figure)
    captioned.update_layout(title={"text": title, "x": 0.01, "font": {"size": 22}},
                            margin={"t": 80, "b": 110})
    captioned.add_annotation(text="<br>".join(_wrapped(footer, 150)), xref="paper", yref="paper", x=0, y=-0.08,
                             xanchor="left", yanchor="top", showarrow=False, align="left",
                             font={"size": 13, "color": "#444"})
    return chart_png(captioned)


CARD_SIDE = 1080  # a square as messaging apps show it whole


def share_card(figure: Figure, title: str, footer: str) -> bytes:
    """One headline figure as a square picture for a messaging group: what it is, the figure, its
    change, the line under it, and at the foot area, period, source and the sample-data mark."""
    card = go.Figure()
    lines = [
        (0.90, f"<b>{title}</b>", 34, "#555555"),
        (0.74, figure.label, 44, "#1a1a1a"),
        (0.52, f"<b>{figure.value}</b>", 150, "#0072B2"),
        (0.33, figure.change or "", 52, "#009E73" if (figure.change or "").startswith("+") else "#444444"),
        (0.20, "<br>".join(_wrapped(figure.caption or "", 48)), 30, "#444444"),
        (0.04, "<br>".join(_wrapped(footer, 70)), 20, "#666666"),
    ]
    for y, text, size, colour in lines:
        if text:
            card.add_annotation(text=text, x=0.5, y=y, xref="paper", yref="paper", showarrow=False,
                                font={"size": size, "color": colour}, align="center")
    card.update_layout(template="plotly_white+bebenah", width=CARD_SIDE, height=CARD_SIDE,
                       margin={"l": 30, "r": 30, "t": 30, "b": 30}, xaxis={"visible": False}, yaxis={"visible": False},
                       paper_bgcolor="white", plot_bgcolor="white")
    if not chromium_present():
        raise ChartsUnavailable()
    with _kaleido:
        _warm()
        return card.to_image(format="png", width=CARD_SIDE, height=CARD_SIDE, scale=1)


def _wrapped(text: str, width: int) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width) or [""]


def _pages(frame: pd.DataFrame) -> list[pd.DataFrame]:
    return [frame.iloc[start:start + TABLE_ROWS] for start in range(0, max(len(frame), 1), TABLE_ROWS)]


# PDF -----------------------------------------------------------------------------------------------


class _Paper(FPDF):
    def __init__(self, footer_text: str):
        super().__init__(orientation="landscape", format="A4")
        self.footer_text = footer_text
        self.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(True, margin=18)
        self.set_margins(14, 12, 14)

    def multi_cell(self, *args, align="L", **kwargs):
        """Left-aligned unless said otherwise (fpdf2 justifies by default: wide gaps in narrow columns)."""
        return super().multi_cell(*args, align=align, **kwargs)

    def footer(self):
        self.set_y(-14)
        self.set_font("DejaVu", "", 8)
        self.set_text_color(*GREY)
        self.multi_cell(self.epw - 14, 3.8, self.footer_text, new_x="RIGHT", new_y="TOP")
        self.cell(14, 3.8, f"{self.page_no()}", align="R")


def _pdf_title(paper: _Paper, title: str, takeaway: str | None) -> None:
    paper.set_font("DejaVu", "B", 20)
    paper.set_text_color(*INK)
    paper.multi_cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
    if takeaway:
        paper.set_font("DejaVu", "B", 12)
        paper.multi_cell(0, 6, takeaway, new_x="LMARGIN", new_y="NEXT")
    paper.ln(3)


def _pdf_figures(paper: _Paper, figures: tuple[Figure, ...]) -> None:
    per_row = 4 if len(figures) > 3 else max(len(figures), 1)
    width = paper.epw / per_row
    for start in range(0, len(figures), per_row):
        top = paper.get_y()
        bottom = top
        for index, figure in enumerate(figures[start:start + per_row]):
            paper.set_xy(paper.l_margin + index * width, top)
            paper.set_font("DejaVu", "", 10)
            paper.set_text_color(*GREY)
            paper.multi_cell(width - 4, 5, figure.label, new_x="LEFT", new_y="NEXT")
            paper.set_font("DejaVu", "B", 22)
            paper.set_text_color(*INK)
            paper.multi_cell(width - 4, 10, figure.value, new_x="LEFT", new_y="NEXT")
            if figure.change:
                paper.set_font("DejaVu", "B", 11)
                paper.set_text_color(*BLUE)
                paper.multi_cell(width - 4, 5.5, figure.change, new_x="LEFT", new_y="NEXT")
            if figure.caption:
                paper.set_font("DejaVu", "", 9.5)
                paper.set_text_color(*GREY)
                paper.multi_cell(width - 4, 4.6, figure.caption, new_x="LEFT", new_y="NEXT")
            bottom = max(bottom, paper.get_y())
        paper.set_xy(paper.l_margin, bottom + 5)


def _pdf_table(paper: _Paper, frame: pd.DataFrame) -> None:
    paper.set_font("DejaVu", "", 9)
    paper.set_text_color(*INK)
    heading = FontFace(emphasis="BOLD", fill_color=(230, 238, 245))
    with paper.table(headings_style=heading, line_height=5, padding=1.2, text_align="LEFT") as table:
        table.row([str(column) for column in frame.columns])
        for values in frame.astype(str).itertuples(index=False):
            table.row(list(values))


def _pdf_slide(paper: _Paper, shown: Slide) -> None:
    paper.add_page()
    _pdf_title(paper, shown.title, shown.takeaway)
    if shown.empty:
        paper.set_font("DejaVu", "", 12)
        paper.multi_cell(0, 6, shown.empty, new_x="LMARGIN", new_y="NEXT")
        return
    if shown.chart is not None:
        height = min(paper.eph - (paper.get_y() - paper.t_margin) - 8, paper.epw * CHART_SIZE[1] / CHART_SIZE[0])
        paper.image(io.BytesIO(chart_png(shown.chart)), x=paper.l_margin, h=height, keep_aspect_ratio=True,
                    w=paper.epw)
    if shown.figures:
        _pdf_figures(paper, shown.figures)
    if shown.table is not None:
        for number, part in enumerate(_pages(shown.table)):
            if number:
                paper.add_page()
                _pdf_title(paper, f"{shown.title} ({number + 1})", None)
            _pdf_table(paper, part)
    for note in shown.notes:
        paper.set_font("DejaVu", "", 9)
        paper.set_text_color(*GREY)
        paper.multi_cell(0, 4.5, note, new_x="LMARGIN", new_y="NEXT")


def briefing_pdf(slides: list[Slide], footer: str, cover: str) -> bytes:
    """Every slide a page of an A4-landscape PDF, after a cover page naming the briefing."""
    paper = _Paper(footer)
    paper.set_title(cover)
    paper.add_page()
    paper.set_y(70)
    paper.set_font("DejaVu", "B", 28)
    paper.set_text_color(*INK)
    paper.multi_cell(0, 14, cover, align="C", new_x="LMARGIN", new_y="NEXT")
    paper.set_font("DejaVu", "", 13)
    paper.set_text_color(*GREY)
    paper.multi_cell(0, 7, footer, align="C", new_x="LMARGIN", new_y="NEXT")
    for shown in slides:
        _pdf_slide(paper, shown)
    return bytes(paper.output())


@dataclass(frozen=True)
class Minutes:
    """What the notulen say: the meeting, who attended, what changed since the one before and the
    actions agreed (with their status now)."""

    title: str
    lines: tuple[str, ...]  # date, area, agencies present
    since: Slide | None
    agreed: Slide


def minutes_pdf(minutes: Minutes, footer: str) -> bytes:
    paper = _Paper(footer)
    paper.set_title(minutes.title)
    paper.add_page()
    _pdf_title(paper, minutes.title, None)
    paper.set_font("DejaVu", "", 11)
    paper.set_text_color(*INK)
    for line in minutes.lines:
        paper.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    paper.ln(4)
    for shown in filter(None, (minutes.agreed, minutes.since)):
        paper.set_font("DejaVu", "B", 14)
        paper.multi_cell(0, 8, shown.title, new_x="LMARGIN", new_y="NEXT")
        if shown.takeaway:
            paper.set_font("DejaVu", "", 11)
            paper.multi_cell(0, 6, shown.takeaway, new_x="LMARGIN", new_y="NEXT")
        if shown.empty:
            paper.set_font("DejaVu", "", 11)
            paper.multi_cell(0, 6, shown.empty, new_x="LMARGIN", new_y="NEXT")
        if shown.table is not None:
            _pdf_table(paper, shown.table)
        if shown.figures:
            _pdf_figures(paper, shown.figures)
        paper.ln(4)
    return bytes(paper.output())


# PowerPoint ----------------------------------------------------------------------------------------

WIDE, TALL = Emu(12192000), Emu(6858000)  # 16:9, as PowerPoint makes it


def _text(slide, left, top, width, height, text: str, size: int, bold: bool = False, colour=INK):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    paragraph = frame.paragraphs[0]
    run = paragraph.add_run()
    run.text = text
    run.font.size, run.font.bold = Pt(size), bold
    run.font.color.rgb = RGBColor(*colour)
    return box


def _pptx_figures(slide, figures: tuple[Figure, ...], top) -> None:
    per_row = 4 if len(figures) > 3 else max(len(figures), 1)
    width = (WIDE - Inches(1)) // per_row
    for index, figure in enumerate(figures):
        left = Inches(0.5) + (index % per_row) * width
        row_top = top + (index // per_row) * Inches(2.3)
        _text(slide, left, row_top, width - Inches(0.2), Inches(0.5), figure.label, 16, colour=GREY)
        _text(slide, left, row_top + Inches(0.6), width - Inches(0.2), Inches(0.7), figure.value, 30, bold=True)
        lines = [line for line in (figure.change, figure.caption) if line]
        if lines:
            _text(slide, left, row_top + Inches(1.3), width - Inches(0.2), Inches(0.9), " · ".join(lines), 13,
                  colour=GREY)


def _pptx_table(slide, frame: pd.DataFrame, top) -> None:
    rows, columns = len(frame) + 1, len(frame.columns)
    shape = slide.shapes.add_table(rows, columns, Inches(0.5), top, WIDE - Inches(1), Inches(0.4) * rows)
    table = shape.table
    for column, name in enumerate(frame.columns):
        table.cell(0, column).text = str(name)
    for row, values in enumerate(frame.astype(str).itertuples(index=False), start=1):
        for column, value in enumerate(values):
            table.cell(row, column).text = value
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(12)


def briefing_pptx(slides: list[Slide], footer: str, cover: str) -> bytes:
    """Every slide a 16:9 slide of a PowerPoint, after a cover slide naming the briefing."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDE, TALL
    blank = deck.slide_layouts[6]

    def new_slide(title: str, takeaway: str | None):
        page = deck.slides.add_slide(blank)
        _text(page, Inches(0.5), Inches(0.3), WIDE - Inches(1), Inches(0.8), title, 30, bold=True)
        if takeaway:
            _text(page, Inches(0.5), Inches(1.05), WIDE - Inches(1), Inches(0.7), takeaway, 18, bold=True, colour=BLUE)
        _text(page, Inches(0.5), TALL - Inches(0.6), WIDE - Inches(1), Inches(0.5), footer, 10, colour=GREY)
        return page

    cover_slide = deck.slides.add_slide(blank)
    _text(cover_slide, Inches(0.8), Inches(2.5), WIDE - Inches(1.6), Inches(1.4), cover, 40, bold=True)
    _text(cover_slide, Inches(0.8), Inches(4.2), WIDE - Inches(1.6), Inches(1.2), footer, 16, colour=GREY)
    for shown in slides:
        parts = _pages(shown.table) if shown.table is not None else [None]
        for number, part in enumerate(parts):
            page = new_slide(shown.title if not number else f"{shown.title} ({number + 1})",
                             shown.takeaway if not number else None)
            top = Inches(1.8)
            if shown.empty:
                _text(page, Inches(0.5), top, WIDE - Inches(1), Inches(1), shown.empty, 20)
                continue
            if shown.chart is not None and not number:
                height = TALL - top - Inches(0.8)
                width = Emu(int(height * CHART_SIZE[0] / CHART_SIZE[1]))
                page.shapes.add_picture(io.BytesIO(chart_png(shown.chart)), (WIDE - width) // 2, top,
                                        width=width, height=height)
            if shown.figures and not number:
                _pptx_figures(page, shown.figures, top)
            if part is not None:
                _pptx_table(page, part, top)
            if shown.notes and not number:
                page.notes_slide.notes_text_frame.text = "\n".join(shown.notes)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def install_hint() -> str:
    return t("briefing.no_chromium")
