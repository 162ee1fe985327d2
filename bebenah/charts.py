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


def kelurahan_names(rows: pd.DataFrame, width: int = 22) -> list[str]:
    """Kelurahan names for a chart axis, with the kecamatan where a name occurs twice (a chart would
    merge them), wrapped for a projector."""
    twice = rows.kelurahan.duplicated(keep=False)
    names = rows.kelurahan.where(~twice, rows.kelurahan + " (" + rows.kecamatan + ")")
    return [wrap(name, width) for name in names]


def counted_kelurahan(rows: pd.DataFrame, values: list[str]) -> tuple[list[str], pd.DataFrame]:
    """The value columns with a count somewhere (the first when none has), and the rows with one of
    them known (a row whose counts are all hidden draws nothing), the largest sum first."""
    values = [value for value in values if rows[value].fillna(0).gt(0).any()] or values[:1]
    known = rows.dropna(subset=values, how="all")
    return values, known.assign(_sum=known[values].sum(axis=1)).sort_values("_sum", ascending=False, kind="stable")


def kelurahan_bars(rows: pd.DataFrame, values: list[str], names: dict[str, str], axis_title: str | None = None,
                   most: int = 12) -> go.Figure | None:
    """Horizontal bars per kelurahan (rows with kelurahan and kecamatan), one bar per value column
    named by `names`, the largest sum on top; at most `most` kelurahan, so that the chart reads on a
    projector (the table has them all). None when there are no rows."""
    if rows.empty:
        return None
    values, ranked = counted_kelurahan(rows, values)
    shown = ranked.head(most)
    figure = go.Figure()
    for index, value in enumerate(values):
        figure.add_bar(
            y=kelurahan_names(shown), x=shown[value], name=names[value], orientation="h",
            marker_color=PALETTE[index], customdata=shown.kecamatan,
            hovertemplate="%{y} (%{customdata}): %{x:,.0f}<extra>" + names[value] + "</extra>",
        )
    largest = shown[values].max().max()
    figure.update_layout(barmode="group", yaxis={"autorange": "reversed"}, showlegend=len(values) > 1,
                         height=max(240, (22 + 20 * len(values)) * len(shown) + 130))
    # Whole numbers only: plotly would put ticks at 0.5 and print them as 1.
    figure.update_xaxes(tickformat=",.0f", rangemode="tozero", title_text=axis_title,
                        dtick=1 if pd.notna(largest) and largest <= 8 else None)
    return figure


def kelurahan_heatmap(rows: pd.DataFrame, column: str, value: str, weight: str, column_name, weight_name: str,
                      most: int = 12) -> go.Figure:
    """Shares (0-1) in a grid, one row per kelurahan (kode_kelurahan, kelurahan, kecamatan) and one
    column per `column` (named by column_name(value)), each cell with its share; the kelurahan least
    on average (weighted by `weight`, shown on hover) on top, at most `most` of them."""
    by_kelurahan = rows.groupby("kode_kelurahan")
    overall = (rows[value] * rows[weight]).groupby(rows.kode_kelurahan).sum() / by_kelurahan[weight].sum()
    order = overall.sort_values(kind="stable").index[:most]
    grid = rows.pivot(index="kode_kelurahan", columns=column, values=value).loc[order]
    weights = rows.pivot(index="kode_kelurahan", columns=column, values=weight).loc[order]
    names = rows.drop_duplicates("kode_kelurahan").set_index("kode_kelurahan").loc[order].reset_index()
    figure = go.Figure(go.Heatmap(
        z=grid.to_numpy(dtype="float64"), x=[column_name(name) for name in grid.columns], y=kelurahan_names(names),
        # Most shares are high: the colours tell 60% from 90% apart.
        zmin=0, zmax=1, colorscale=[[0, "#D55E00"], [0.6, "#E69F00"], [0.8, "#F0E442"], [1, "#009E73"]],
        text=[[i18n.percent(share) if pd.notna(share) else "" for share in row] for row in grid.to_numpy()],
        texttemplate="%{text}", textfont={"size": 14},
        customdata=weights.to_numpy(dtype="float64"),
        hovertemplate="%{y}, %{x}: %{text} · %{customdata:,.0f} " + weight_name + "<extra></extra>",
        colorbar={"tickformat": ".0%", "title": {"text": ""}},
    ))
    figure.update_layout(yaxis={"autorange": "reversed"}, xaxis={"side": "top"}, height=max(280, 30 * len(grid) + 110))
    return figure
