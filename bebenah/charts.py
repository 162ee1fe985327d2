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


def kelurahan_map(rows: pd.DataFrame, value: str, text: str, colour_title: str, chosen: str | None = None) -> go.Figure:
    """A map of kelurahan (rows: kode_kelurahan, a share `value`, the hover `text`): red (0) to blue
    (1 and over) where the share is known, grey where it is blank; the rows where `chosen` is true
    outlined. Clicks select a kelurahan (its `location` is the code).

    Each trace carries only its own boundaries, so every boundary reaches the browser once (all 267
    are 370 kB)."""
    from bebenah import maps

    grey, coloured = rows[rows[value].isna()], rows[rows[value].notna()]
    outlined = coloured[chosen] if chosen else pd.Series(False, index=coloured.index)
    figure = go.Figure()
    figure.add_choropleth(
        geojson=maps.kelurahan(grey.kode_kelurahan), locations=grey.kode_kelurahan, z=[0] * len(grey),
        colorscale=[[0, "#E3E3E3"], [1, "#E3E3E3"]], showscale=False, marker_line_color="#FFFFFF",
        marker_line_width=1, text=list(grey[text]), hoverinfo="text", name="",
    )
    figure.add_choropleth(
        geojson=maps.kelurahan(coloured.kode_kelurahan), locations=coloured.kode_kelurahan,
        z=coloured[value].clip(upper=1), zmin=0, zmax=1,
        colorscale=[[0, "#B2182B"], [0.25, "#EF8A62"], [0.5, "#FDDBC7"], [0.75, "#67A9CF"], [1, "#0072B2"]],
        colorbar={"title": {"text": colour_title, "side": "top"}, "tickformat": ".0%",
                  "orientation": "h", "thickness": 14, "len": 0.9, "y": -0.02, "yanchor": "top"},
        marker_line_color=["#000000" if line else "#FFFFFF" for line in outlined],
        marker_line_width=[4 if line else 1 for line in outlined],
        text=list(coloured[text]), hoverinfo="text", name="",
        # Plotly dims the unselected regions after a click: keep every region at full colour.
        selected={"marker": {"opacity": 1}}, unselected={"marker": {"opacity": 1}},
    )
    figure.update_geos(fitbounds="locations", visible=False, projection_type="mercator")
    figure.update_layout(margin={"l": 0, "r": 0, "t": 10, "b": 0}, clickmode="event+select", dragmode=False,
                         height=560)
    return figure


def share_bars(rows: pd.DataFrame, label: str, shares: dict, axis_title: str, wrap_width: int = 18,
               headroom: float = 1.3) -> go.Figure:
    """Horizontal bars of shares (0-1) in the rows' order, first on top, each with its percentage at
    its end: one bar per column of `shares` (column -> its legend name), side by side.
    headroom: the axis runs to this many times the largest share (at least 100%), room for the text."""
    names = [wrap(name, wrap_width) for name in rows[label]]
    figure = go.Figure()
    for position, (column, name) in enumerate(shares.items()):
        figure.add_bar(y=names, x=rows[column], orientation="h", name=name, marker_color=PALETTE[position],
                       text=[i18n.percent(share) if share == share else "" for share in rows[column]],
                       textposition="outside", hoverinfo="skip", cliponaxis=False)
    largest = rows[list(shares)].max().max()
    # Each row grows by 24 px a bar; each series adds 20 px (its legend and its share of the margins).
    figure.update_layout(barmode="group", yaxis={"autorange": "reversed"}, showlegend=len(shares) > 1,
                         xaxis={"tickformat": ".0%", "title": axis_title,
                                "range": [0, max(1.0, largest if largest == largest else 1.0) * headroom]},
                         height=max(280, (24 * len(shares) + 22) * len(rows) + 100) + 20 * len(shares))
    return figure


def heatmap(rows: pd.DataFrame, x: str, y: str, value: str, text: str, colour_title: str, colours: list,
            share: bool = False) -> go.Figure:
    """A grid of `value` with `y` down the side (sorted, first on top) and `x` along the top, each cell
    showing its `text` (a missing cell: nothing), in `colours` (a plotly colour scale).
    share: the values are shares, coloured from 0 to 100% (else from the smallest to the largest)."""
    z = rows.pivot(index=y, columns=x, values=value)
    cells = rows.pivot(index=y, columns=x, values=text).reindex_like(z).fillna("")
    scale = {"zmin": 0, "zmax": 1} if share else {}
    figure = go.Figure(go.Heatmap(
        z=z.values, x=list(z.columns), y=list(z.index), colorscale=colours, **scale,
        text=cells.values, texttemplate="%{text}", hovertemplate="%{y}<br>%{x}<br>%{text}<extra></extra>",
        xgap=2, ygap=2, textfont={"size": 14},
        colorbar={"title": {"text": colour_title}, **({"tickformat": ".0%"} if share else {})},
    ))
    figure.update_layout(yaxis={"autorange": "reversed"},
                         xaxis={"side": "top", "tickangle": -90, "tickfont": {"size": 14}},
                         height=max(320, 40 * len(z) + 280))
    return figure


def month_stacks(rows: pd.DataFrame, month: str, group: str, name: str, value: str, axis_title: str,
                 other: str, most: int = 7) -> go.Figure:
    """Bars per month stacked by `group` (named by the column `name`): the `most` largest groups in
    the palette, the rest together in one grey bar named `other` (seven colours tell groups apart on a
    projector; an eighth group keeps its own colour rather than become "other" alone)."""
    ranked = list(rows.groupby(group)[value].sum().sort_values(ascending=False).index)
    main = ranked[:most] if len(ranked) > most + 1 else ranked
    names = dict(zip(rows[group], rows[name]))
    grouped = rows.assign(legend=[code if code in main else "" for code in rows[group]])
    grouped = grouped.groupby([month, "legend"], as_index=False)[value].sum()
    figure = go.Figure()
    for position, code in enumerate([*main, ""] if len(main) < len(ranked) else main):
        stack = grouped[grouped.legend == code]
        figure.add_bar(x=stack[month], y=stack[value], name=names[code] if code else other,
                       marker_color=PALETTE[position] if code else "#BBBBBB")
    figure.update_layout(barmode="stack", yaxis_title=axis_title, xaxis=month_axis(rows[month]),
                         legend={"font": {"size": 14}}, height=460)
    return figure
