"""One look for every chart: projector-sized type, a colour-blind-safe palette, numbers per language."""

import textwrap

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.subplots import make_subplots
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


def share_bars(rows: pd.DataFrame, names: list[str], code: str, share: str, count: str, of: str, average,
               least: int = 260, per_bar: int = 40) -> go.Figure:
    """Horizontal bars of a share (count of of), top to bottom in the rows' order, each saying of how many;
    bars below `average` in orange, the average a dashed line. Each bar carries (code, count, of) in
    customdata, so a click names what it chose."""
    below = rows[share] < average if pd.notna(average) else rows[share] < 0
    codes = list(zip(rows[code].astype(str), rows[count], rows[of]))
    # A faint 100% track behind each bar: the whole row answers a click, even an area at 0%.
    figure = go.Figure(go.Bar(y=names, x=[1] * len(rows), orientation="h", marker_color="rgba(0,0,0,0.06)",
                              hoverinfo="none", customdata=codes, showlegend=False))
    figure.add_bar(
        y=names, x=rows[share], orientation="h",
        marker_color=[PALETTE[1] if flag else PALETTE[2] for flag in below],
        text=[i18n.t("progress.bar_text", share=i18n.percent(value), of=i18n.number(total))
              for value, total in zip(rows[share], rows[of])],
        # inside long bars (clear of the average line), outside short ones
        textposition=["inside" if value >= 0.3 else "outside" for value in rows[share]], insidetextanchor="end",
        insidetextfont={"color": ["#1a1a1a" if flag else "white" for flag in below]}, cliponaxis=False,
        customdata=codes, showlegend=False,
        hovertemplate="%{y}: %{x:.0%} (%{customdata[1]:,.0f} / %{customdata[2]:,.0f})<extra></extra>",
    )
    figure.update_layout(barmode="overlay", yaxis={"autorange": "reversed"},
                         xaxis={"tickformat": ".0%", "range": [0, 1.02]}, height=max(least, per_bar * len(rows) + 110))
    if pd.notna(average):
        figure.add_vline(x=average, line={"color": "#333333", "dash": "dash", "width": 2}, layer="below")
        figure.add_annotation(x=average, y=1, xref="x", yref="paper", yanchor="bottom", showarrow=False,
                              text=i18n.t("progress.average", share=i18n.percent(average)), font={"size": 14})
    return figure


def ordered_sankey(rows: pd.DataFrame, source: str, target: str, value: str, order: tuple, names, colours: tuple,
                   link_colour: dict, colour_by: str, share: str, sides: tuple[str, str], unit: str, of: str) -> go.Figure:
    """Flows from the `source` column's codes (left) to the `target` column's (right), each side stacked top
    to bottom in `order` and sized by `value`; node colours follow `order`, links coloured by `colour_by`.
    Rows with a blank value (hidden by the door) are left out."""
    flows = rows.dropna(subset=[value])
    present = set(flows[source]) | set(flows[target])
    codes = [code for code in order if code in present]
    position = {code: index for index, code in enumerate(codes)}
    # Node y is its centre: stack each side's codes top to bottom in order, sized by households.
    centres = []
    for side in (source, target):
        sizes = flows.groupby(side)[value].sum().reindex(codes).fillna(0)
        room = 1 - 0.04 * (len(codes) - 1)
        tops = sizes.cumsum().shift(fill_value=0) / sizes.sum() * room + 0.04 * pd.Series(range(len(codes)), index=codes)
        centres += list((tops + sizes / sizes.sum() * room / 2).clip(0.001, 0.999))
    figure = go.Figure(go.Sankey(
        arrangement="fixed",
        valueformat=",.0f",
        node={
            "label": [names(code) for code in codes] * 2,
            "color": [colours[order.index(code)] for code in codes] * 2,
            "x": [0.001] * len(codes) + [0.999] * len(codes),
            "y": centres,
            "pad": 18, "thickness": 22,
            "hovertemplate": "%{label}: %{value:,.0f} " + unit + "<extra></extra>",
        },
        link={
            "source": [position[code] for code in flows[source]],
            "target": [len(codes) + position[code] for code in flows[target]],
            "value": flows[value],
            "color": [link_colour[code] for code in flows[colour_by]],
            "customdata": flows[share],
            "hovertemplate": "%{source.label} → %{target.label}<br>%{value:,.0f} " + unit
            + " (%{customdata:.0%} " + of + ")<extra></extra>",
        },
    ))
    for x, text, anchor in ((0, sides[0], "left"), (1, sides[1], "right")):
        figure.add_annotation(x=x, y=1.0, xref="paper", yref="paper", text=f"<b>{text}</b>", showarrow=False,
                              xanchor=anchor, yanchor="bottom", font={"size": 16})
    figure.update_layout(height=460)
    return figure


def dumbbell(rows: pd.DataFrame, label: str, before: str, after: str, names: tuple[str, str], count: str,
             unit: str, value_format: str = ",.1f") -> go.Figure:
    """One line per `label` from its `before` value (grey dot) to its `after` value (blue dot), first on top."""
    figure = go.Figure()
    lines_x, lines_y = [], []
    for name, start, end in zip(rows[label], rows[before], rows[after]):
        lines_x += [start, end, None]
        lines_y += [name, name, None]
    figure.add_scatter(x=lines_x, y=lines_y, mode="lines", line={"color": "#999999", "width": 3},
                       hoverinfo="skip", showlegend=False)
    for column, colour, name in ((before, "#999999", names[0]), (after, PALETTE[0], names[1])):
        figure.add_scatter(
            x=rows[column], y=rows[label], mode="markers", name=name,
            marker={"color": colour, "size": 16, "line": {"color": "white", "width": 1}},
            customdata=rows[count],
            hovertemplate="%{y}: %{x:" + value_format + "} (%{customdata:,.0f} " + unit + ")<extra>" + name + "</extra>",
        )
    figure.update_layout(yaxis={"autorange": "reversed"}, xaxis={"tickformat": value_format},
                         height=max(300, 40 * len(rows) + 120))
    return figure


def small_multiples(rows: pd.DataFrame, panel: str, panels: dict, series: str, series_name, x: str, y: str,
                    count: str, y_format, x_title: str, columns: int = 5) -> go.Figure:
    """One small line chart per code of `panels` (code -> its title, in order), `columns` to a row: a line
    of `y` over `x` for each value of `series` (the same colour in every panel, one legend).
    y_format: a panel's rows -> its axis format (".0%" for shares)."""
    count_rows = (len(panels) + columns - 1) // columns
    figure = make_subplots(rows=count_rows, cols=columns, subplot_titles=list(panels.values()),
                           vertical_spacing=0.2, horizontal_spacing=0.05)
    groups = sorted(rows[series].unique())
    for index, code in enumerate(panels):
        in_panel = rows[rows[panel] == code]
        place = {"row": index // columns + 1, "col": index % columns + 1}
        for colour, group in zip(PALETTE, groups):
            line = in_panel[in_panel[series] == group]
            figure.add_scatter(
                x=line[x], y=line[y], mode="lines+markers", name=series_name(group),
                line={"color": colour, "width": 3}, marker={"size": 8}, legendgroup=str(group), showlegend=index == 0,
                customdata=line[count],
                hovertemplate=x_title + " %{x}: %{y:" + y_format(line) + "} (%{customdata:,.0f})<extra>"
                + series_name(group) + "</extra>", **place,
            )
        figure.update_yaxes(tickformat=y_format(in_panel), **place)
    figure.update_xaxes(dtick=1)
    figure.update_annotations(font_size=15)
    figure.update_layout(height=280 * count_rows + 130)
    return figure
