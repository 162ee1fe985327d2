"""Presentation mode: the briefing's slides one at a time on a projector (1280×720 and up), large
type, no sidebar, next and previous and a counter, each slide fitting the screen without scrolling.
It draws the Slides bebenah.briefing builds, the same the PDF and the PowerPoint hold."""

import streamlit as st

from bebenah import charts
from bebenah.briefing import Slide
from bebenah.i18n import escape_markdown, t

VIEW = "presentasi_tampilan"
CHART_HEIGHT = 400
TABLE_ROWS = 7
FIGURES_PER_ROW = 4
# Readable from the back of a room: nothing under 18 px; the sidebar and the toolbar closed.
STYLE = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1rem 2rem 0.5rem 2rem !important; max-width: 100% !important; }
[data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stCaptionContainer"],
[data-testid="stMetricLabel"] p, [data-testid="stMetricDelta"] { font-size: 20px !important; }
[data-testid="stMain"] [data-testid="stCaptionContainer"], [data-testid="stMain"] [data-testid="stCaptionContainer"] * { color: #333 !important; }
[data-testid="stMain"] [data-testid="stMetricValue"], [data-testid="stMain"] [data-testid="stMetricValue"] * { font-size: 44px !important; line-height: 1.2 !important; }
[data-testid="stMain"] [data-testid="stTable"] td, [data-testid="stMain"] [data-testid="stTable"] th { font-size: 18px !important; padding: 0.3rem 0.5rem !important; }
[data-testid="stMain"] h2 { font-size: 34px !important; padding: 0 0 0.3rem 0 !important; }
</style>"""


def _move(step: int, total: int) -> None:
    st.session_state[VIEW] = min(max(st.session_state.get(VIEW, 0) + step, 0), total - 1)


def present(slides: list[Slide], footer: str, leave) -> None:
    """Draw the current slide with its controls; `leave` is called by the button that ends it."""
    st.html(STYLE)
    total = len(slides)
    index = min(max(st.session_state.get(VIEW, 0), 0), total - 1)
    shown = slides[index]
    title, counter, back, forward, close = st.columns([5, 0.8, 1.6, 1.6, 1.1], vertical_alignment="center")
    title.header(shown.title)
    counter.markdown(f"**{index + 1} / {total}**")
    back.button(t("briefing.previous"), key="presentasi_back", on_click=_move, args=(-1, total),
                disabled=index == 0, width="stretch")
    forward.button(t("briefing.next"), key="presentasi_next", on_click=_move, args=(1, total),
                   disabled=index == total - 1, width="stretch", type="primary")
    close.button(t("briefing.leave"), key="presentasi_leave", on_click=leave, width="stretch")
    draw(shown, key=f"presentasi_{index}")
    st.caption(footer)


def draw(shown: Slide, key: str) -> None:
    """One slide's body: its finding, then its chart, figures or table (or what it says instead)."""
    if shown.takeaway:
        st.markdown(f"**{escape_markdown(shown.takeaway)}**")
    if shown.empty:
        st.info(shown.empty)
        return
    if shown.chart is not None:
        charts.show(shown.chart, key=f"{key}_chart", height=CHART_HEIGHT)
    for start in range(0, len(shown.figures), FIGURES_PER_ROW):
        row = shown.figures[start:start + FIGURES_PER_ROW]
        for column, figure in zip(st.columns(FIGURES_PER_ROW if len(shown.figures) > 3 else len(row)), row):
            column.metric(figure.label, figure.value, delta=figure.change, delta_color=figure.colour)
            if figure.caption:
                column.caption(figure.caption)
    if shown.table is not None:
        # An HTML table, whose type the room can read (a data grid draws 14 px on a canvas); values
        # from the data are shown as text, never as markdown.
        st.table(shown.table.head(TABLE_ROWS).astype(str).map(escape_markdown), hide_index=True)
        if len(shown.table) > TABLE_ROWS:
            st.caption(t("briefing.more_rows", count=len(shown.table) - TABLE_ROWS))
