"""One look for every chart: projector-sized type, a colour-blind-safe palette, numbers per language."""

import textwrap

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

from bebenah import i18n

# Okabe-Ito: distinguishable with every common colour-vision deficiency.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000")
# Ordered stages: light to dark blue, readable on a projector.
STAGE_COLOURS = ("#D55E00", "#E69F00", "#56B4E9", "#0072B2", "#003F6B")
PLOTLY_CONFIG = {"displaylogo": False, "topojsonURL": "/app/static/", "locale": "id"}
# The house style's fixed part as the default template: every figure starts from it, instead of each
# figure validating a whole template again (a tenth of a second per figure).
pio.templates["bebenah"] = go.layout.Template(layout={
    "colorway": list(PALETTE),
    "font": {"size": 16, "color": "#1a1a1a"},
    "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
    "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
    "hoverlabel": {"font_size": 15},
})
pio.templates.default = "plotly_white+bebenah"


def style(fig: go.Figure, height: int = 420) -> go.Figure:
    """Apply the house style in place and return the figure."""
    fig.update_layout(separators=i18n.plotly_separators(), height=height)
    return fig


def show(fig: go.Figure, key: str, height: int = 420, layout: dict | None = None, **kwargs):
    """Draw a styled figure; pass on_select="rerun" to get selection events back.

    layout: settings applied after the house style, for a figure that needs more room (a taller
    top margin for facet titles, a legend elsewhere).
    """
    config = dict(PLOTLY_CONFIG, locale=i18n.language())
    style(fig, height)
    if layout:
        fig.update_layout(layout)
    # theme=None: Streamlit's theme would override the projector-sized fonts and the palette.
    return st.plotly_chart(fig, key=key, config=config, width="stretch", theme=None, **kwargs)


def month_axis(months, most: int = 12) -> dict:
    """An x axis of months named in the language (Okt 2024 / Oct 2024): plotly's own month names
    are English only, as its locale files are not loaded offline. Evenly spaced, at most `most` ticks."""
    months = pd.to_datetime(pd.Series(list(months))).dropna()
    if months.empty:
        return {}
    every = pd.date_range(months.min(), months.max(), freq="MS")
    step = next((size for size in (1, 2, 3, 6, 12, 24) if len(every) / size <= most), 24)
    shown = [month for month in every if (month.month - 1) % step == 0] or list(every[:1])
    return {"tickvals": shown, "ticktext": [i18n.day(month, form="MMM y") for month in shown]}


def rupiah_axis(largest: float, ticks: int = 5) -> dict:
    """A y axis of rupiah with short names per language (Rp200 juta / Rp200 million), not plotly's SI "200M"."""
    if not largest or largest != largest or largest <= 0:  # none, NaN (no contribution) or nothing
        return {}
    raw = largest / ticks
    magnitude = 10 ** (len(str(int(raw))) - 1)
    step = next(size * magnitude for size in (1, 2, 2.5, 5, 10) if size * magnitude >= raw)
    values = [step * index for index in range(int(largest // step) + 2)]
    return {"tickvals": values, "ticktext": [i18n.rupiah_short(value) for value in values]}


def wrap(text, width: int = 16) -> str:
    """A long category name on several lines (plotly's <br>), so a projector shows it whole."""
    return "<br>".join(textwrap.wrap(str(text), width)) or str(text)


# Chart kinds: pure functions of a query's rows, so the page, the presentation and the exports draw
# the same figure. Each returns a figure with its height set for the rows it has.

def target_bars(rows: pd.DataFrame, label: str, value: str, target: str) -> go.Figure:
    """Horizontal bars of `value` over grey bars of `target`, one row per `label`, first on top."""
    figure = go.Figure()
    figure.add_bar(y=rows[label], x=rows[target], name=i18n.t("overview.target"), orientation="h",
                   marker_color="#BBBBBB", hovertemplate="%{y}: %{x:,.0f}<extra></extra>")
    figure.add_bar(y=rows[label], x=rows[value], name=i18n.t("overview.enrolled"), orientation="h",
                   marker_color=PALETTE[0], hovertemplate="%{y}: %{x:,.0f}<extra></extra>")
    figure.update_layout(barmode="overlay", yaxis={"autorange": "reversed"}, xaxis_title=i18n.t("common.households"),
                         height=max(320, 34 * len(rows) + 120))
    return figure


def ranked_bars(rows: pd.DataFrame, label: str, value: str, axis_title: str, colour: str = PALETTE[0]) -> go.Figure:
    """Horizontal bars ranked largest first, each with its number at its end."""
    ranked = rows.sort_values([value, label], ascending=[False, True], kind="stable")
    figure = go.Figure(go.Bar(
        y=[wrap(name, 18) for name in ranked[label]], x=ranked[value], orientation="h",
        text=[i18n.number(number) for number in ranked[value]], textposition="outside",
        marker_color=colour, hoverinfo="skip", cliponaxis=False))
    figure.update_layout(yaxis={"autorange": "reversed"},
                         xaxis={"title": axis_title, "range": [0, max(1, ranked[value].max() if len(ranked) else 1) * 1.2]},
                         height=max(280, 50 * len(ranked) + 120))
    return figure


def count_and_share_trend(rows: pd.DataFrame, period: str, count: str, target: str, share: str,
                          titles: tuple[str, str], names: tuple[str, str, str]) -> go.Figure:
    """Two panels over the same periods: bars of a count with its target as a dashed step line, and
    a line of a share. `period` holds the periods' names; at most about four are written on each panel,
    so they stay level and readable on a projector."""
    from plotly.subplots import make_subplots

    periods = list(rows[period])
    every = -(-len(periods) // 4) or 1
    figure = make_subplots(rows=1, cols=2, subplot_titles=list(titles), horizontal_spacing=0.1)
    figure.add_bar(x=periods, y=rows[count], name=names[0], marker_color=PALETTE[0],
                   hovertemplate="%{x}: %{y:,.0f}<extra></extra>", row=1, col=1)
    figure.add_scatter(x=periods, y=rows[target], name=names[1], mode="lines",
                       line={"color": "#555555", "dash": "dash", "shape": "hv", "width": 3},
                       hovertemplate="%{x}: %{y:,.0f}<extra></extra>", row=1, col=1)
    figure.add_scatter(x=periods, y=rows[share], name=names[2], mode="lines+markers",
                       line={"color": PALETTE[2], "width": 3}, marker={"size": 9},
                       hovertemplate="%{x}: %{y:.0%}<extra></extra>", row=1, col=2)
    figure.update_xaxes(tickmode="array", tickvals=periods[::every], ticktext=periods[::every], tickangle=0)
    figure.update_yaxes(tickformat=",.0f", row=1, col=1)
    figure.update_yaxes(tickformat=".0%", rangemode="tozero", row=1, col=2)
    figure.update_annotations(font_size=16)
    figure.update_layout(height=400, margin={"t": 90}, legend={"y": 1.16})
    return figure
