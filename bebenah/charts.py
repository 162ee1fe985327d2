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


def show(fig: go.Figure, key: str, height: int = 420, layout: dict | None = None, file_name: str | None = None,
         **kwargs):
    """Draw a styled figure; pass on_select="rerun" to get selection events back.

    layout: settings applied after the house style, for a figure that needs more room (a taller
    top margin for facet titles, a legend elsewhere).
    """
    config = dict(PLOTLY_CONFIG, locale=i18n.language())
    if file_name:  # the toolbar's camera names its PNG for what it shows (not plot-image.png)
        config["toImageButtonOptions"] = {"filename": file_name}
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
    """Horizontal bars of `value` over grey bars of `target` (its end marked by a dark tick, seen even
    where the value passes it), one row per `label`, first on top."""
    figure = go.Figure()
    figure.add_bar(y=rows[label], x=rows[target], name=i18n.t("overview.target"), orientation="h",
                   marker_color="#BBBBBB", hovertemplate="%{y}: %{x:,.0f}<extra></extra>")
    figure.add_bar(y=rows[label], x=rows[value], name=i18n.t("overview.enrolled"), orientation="h",
                   marker_color=PALETTE[0], hovertemplate="%{y}: %{x:,.0f}<extra></extra>")
    # The target as a dark tick on top too: where enrolment passes it, the grey bar is hidden behind.
    figure.add_scatter(y=rows[label], x=rows[target], mode="markers", showlegend=False, hoverinfo="skip",
                       marker={"symbol": "line-ns", "size": 26, "line": {"width": 3, "color": "#333333"}})
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


def stacked_ranked_bars(rows: pd.DataFrame, label: str, parts: dict[str, str], total: str, end_text: str,
                        value_text=i18n.rupiah) -> go.Figure:
    """Horizontal bars of `parts` (column -> legend name) stacked per `label`, ranked by `total`
    largest first (rows without one left out), each with its `end_text` at its end. A part that is
    nothing on every row gets no legend entry; the hover says each part with `value_text`."""
    ranked = rows[rows[total] > 0].sort_values(total, ascending=False, kind="stable")
    names = [wrap(name, 20) for name in ranked[label]]
    figure = go.Figure()
    for (column, name), colour in zip(parts.items(), PALETTE):
        if ranked[column].sum() > 0:
            figure.add_bar(y=names, x=ranked[column], name=name, orientation="h", marker_color=colour,
                           customdata=[value_text(value) for value in ranked[column]],
                           hovertemplate="%{y}<br>%{customdata}<extra></extra>")
    figure.add_scatter(y=names, x=ranked[total], mode="text", text=[f"  {text}" for text in ranked[end_text]],
                       textposition="middle right", showlegend=False, hoverinfo="skip", cliponaxis=False)
    # Room on the right for the text at the bars' ends; the numbers are on the bars, not on an axis.
    figure.update_layout(barmode="stack", yaxis={"autorange": "reversed"}, height=max(300, 56 * len(ranked) + 120),
                         xaxis={"range": [0, ranked[total].max() * 2.1 if len(ranked) else 1], "visible": False})
    return figure


def labelled_heatmap(rows: pd.DataFrame, x: str, y: str, z: str, text: str, hover: str, colour_title: str,
                     columns: list | None = None) -> go.Figure:
    """A matrix of `z` (one row of `rows` per cell), each cell with its own short `text` and `hover`.
    Rows of the matrix are the `y` values with the largest sum of `z` first (ties as they come);
    its columns are `columns` in that order (default: the `x` values sorted), named on top."""
    y_order = rows.groupby(y, sort=False)[z].sum().sort_values(ascending=False, kind="stable").index
    columns = columns if columns is not None else sorted(rows[x].unique())

    def matrix(values: str, aggregate: str) -> pd.DataFrame:
        return rows.pivot_table(index=y, columns=x, values=values, aggfunc=aggregate).reindex(
            index=y_order, columns=columns)

    cells = matrix(z, "sum")
    figure = go.Figure(go.Heatmap(
        z=cells.values, x=list(cells.columns), y=list(cells.index),
        text=matrix(text, "first").fillna("").values, texttemplate="%{text}",
        colorscale=[[0, "#EAF3FA"], [1, PALETTE[0]]], customdata=matrix(hover, "first").fillna("").values,
        hovertemplate="%{y}<br>%{x}<br>%{customdata}<extra></extra>", xgap=2, ygap=2, textfont={"size": 13},
        colorbar={"title": {"text": colour_title}},
    ))
    figure.update_layout(yaxis={"autorange": "reversed"}, height=max(320, 40 * len(cells) + 260),
                         xaxis={"side": "top", "tickangle": -90, "tickfont": {"size": 14}})
    return figure


OTHERS = "__lainnya__"


def fold_smallest(rows: pd.DataFrame, step: str, column: str, name_column: str, value: str, at_step: int,
                  most: int, others_name: str) -> pd.DataFrame:
    """The rows of `at_step` whose `column` is not among its `most` largest by `value` joined into one
    node named `others_name`, and their links summed: a flow of 170 links stays readable."""
    here = rows[step] == at_step
    totals = rows[here].groupby(column)[value].sum().sort_values(ascending=False, kind="stable")
    if len(totals) <= most:
        return rows
    small = here & ~rows[column].isin(totals.index[:most - 1])
    folded = rows.copy()
    folded.loc[small, column], folded.loc[small, name_column] = OTHERS, others_name
    keys = [key for key in folded.columns if key != value]
    return folded.groupby(keys, sort=False, dropna=False, as_index=False)[value].sum()


def sankey(rows: pd.DataFrame, step: str, source: str, target: str, value: str, source_name: str,
           target_name: str, most: int | None = None) -> go.Figure:
    """A flow through stages: each row a link of `value` from `source` at stage `step` to `target` at
    the next stage (step 1: agency -> type, step 2: type -> area). A stage's nodes are the sources of
    its step and then the targets of the step before, in the order they come; each stage has its
    colour, and each node says its number. most: at most this many nodes at the first and the last
    stage, the smallest joined as "the others"."""
    steps = sorted(rows[step].unique())
    if most and steps:
        others = i18n.t("common.others")
        rows = fold_smallest(rows, step, source, source_name, value, steps[0], most, others)
        rows = fold_smallest(rows, step, target, target_name, value, steps[-1], most, others)
    links = list(zip(rows[step], rows[source], rows[target]))
    stages = {current: list(dict.fromkeys([*rows[source][rows[step] == current],
                                           *rows[target][rows[step] == current - 1]]))
              for current in ([*steps, steps[-1] + 1] if steps else [])}
    nodes = [(stage, code) for stage, codes in stages.items() for code in codes]
    index = {node: position for position, node in enumerate(nodes)}
    names = {**dict(zip(zip(rows[step], rows[source]), rows[source_name])),
             **dict(zip(zip(rows[step] + 1, rows[target]), rows[target_name]))}
    # A node's number: what flows out of it, or into it at the last stage.
    out = rows.groupby([step, source])[value].sum().to_dict()
    into = rows.groupby([rows[step] + 1, target])[value].sum().to_dict()
    totals = {node: max(out.get(node, 0), into.get(node, 0)) for node in nodes}
    figure = go.Figure(go.Sankey(
        node={"label": [f"{wrap(names[node], 28)} · {i18n.number(totals[node])}" if most else wrap(names[node], 28)
                        for node in nodes], "pad": 20, "thickness": 18,
              "color": [PALETTE[(stage - steps[0]) % len(PALETTE)] for stage, _ in nodes]},
        link={"source": [index[(at, start)] for at, start, _ in links],
              "target": [index[(at + 1, end)] for at, _, end in links],
              "value": list(rows[value]), "color": "rgba(0,0,0,0.18)"},
        textfont={"size": 15},
    ))
    tallest = max((len(codes) for codes in stages.values()), default=0)
    figure.update_layout(height=max(380, 56 * tallest + 120))
    return figure


def rupiah_months_and_count_line(bars: pd.DataFrame, line: pd.DataFrame, stack: str, order, count: str,
                                 titles: tuple[str, str]) -> go.Figure:
    """Rupiah bars per month (columns bulan and nilai_idr) stacked by `stack` (the legend's names) in
    `order`, and a line of `count` per month (summed over `line`'s rows, also with bulan) on a second
    axis. titles: the rupiah axis's and the count's (also the line's name)."""
    figure = go.Figure()
    for name in order:
        part = bars[bars[stack] == name]
        if not part.empty:
            figure.add_bar(x=part.bulan, y=part.nilai_idr, name=name,
                           customdata=[i18n.rupiah(value) for value in part.nilai_idr],
                           hovertemplate="%{x|%b %Y}<br>%{customdata}<extra></extra>")
    per_month = line.groupby("bulan", as_index=False)[count].sum()
    figure.add_scatter(x=per_month.bulan, y=per_month[count], yaxis="y2", name=titles[1], mode="lines+markers",
                       line_color=PALETTE[7])
    most = per_month[count].max() if len(per_month) else 1
    figure.update_layout(barmode="stack",
                         yaxis={"title": titles[0], **rupiah_axis(bars.groupby("bulan").nilai_idr.sum().max())},
                         yaxis2={"title": titles[1], "overlaying": "y", "side": "right", "rangemode": "tozero",
                                 "showgrid": False, "tickformat": ",d", "dtick": max(1, -(-most // 5))},
                         xaxis=month_axis([*bars.bulan, *per_month.bulan]))
    return figure


def part_of_whole_bars(rows: pd.DataFrame, label: str, part: str, whole: str, names: tuple[str, str],
                       axis_title: str) -> go.Figure:
    """Horizontal bars of a `whole` per `label`, its `part` in colour and the rest in grey (one
    agency's deliveries against every agency's), in the rows' order, first on top."""
    labels = [wrap(name, 22) for name in rows[label]]
    figure = go.Figure()
    figure.add_bar(y=labels, x=rows[part], name=names[0], orientation="h", marker_color=PALETTE[0])
    figure.add_bar(y=labels, x=rows[whole] - rows[part], name=names[1], orientation="h", marker_color="#BBBBBB")
    figure.update_layout(barmode="stack", yaxis={"autorange": "reversed"}, xaxis_title=axis_title,
                         height=max(280, 60 * len(rows) + 140))
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


def shares_against_average(rows: pd.DataFrame, names: list[str], code: str, share: str, count: str, of: str, average,
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
    to bottom in `order` and sized by `value`, each labelled with its number; node colours follow
    `order`, links coloured by `colour_by`. Rows with a blank value (hidden by the door) are left out."""
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
    # Each node says its households, so the room reads the flow without hovering.
    totals = [flows.groupby(side)[value].sum().reindex(codes).fillna(0) for side in (source, target)]
    labels = [f"{names(code)} · {i18n.number(total[code])}" for total in totals for code in codes]
    figure = go.Figure(go.Sankey(
        arrangement="fixed",
        valueformat=",.0f",
        node={
            "label": labels,
            "customdata": [names(code) for code in codes] * 2,
            "color": [colours[order.index(code)] for code in codes] * 2,
            "x": [0.001] * len(codes) + [0.999] * len(codes),
            "y": centres,
            "pad": 18, "thickness": 22,
            "hovertemplate": "%{customdata}: %{value:,.0f} " + unit + "<extra></extra>",
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
