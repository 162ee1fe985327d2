"""A screen's parts, declared: each section names its query, its chart kind, its takeaway and its
table. page.sections() draws them on a page; build() gives the same rows, sentence and figure to
anything else that shows them (a presentation, an export), so they never disagree."""

from dataclasses import dataclass, field
from typing import Callable

import pandas as pd
import plotly.graph_objects as go

from bebenah import db


@dataclass(frozen=True)
class Section:
    """query:    queries/<query>.sql, run through the one door with the page's filters (and `params`).
    title:    the locale key of the section's heading.
    chart:    a chart kind of bebenah.charts, rows -> figure (a lambda naming the columns).
    takeaway: a function of bebenah.takeaways, rows -> one sentence or None.
    table:    the columns of the table behind the chart, each with its screen format (None: as it is);
              the CSV has every column of `table` raw. Column names come from `headers`.<column>.
    prepare:  rows -> rows, for what the screen needs beside the query's columns (names for codes).
    name:     the section's name where a page reads one query twice: its table's key and CSV file
              name (default: the query's), and its chart's key <name>_chart unless `key` says.
    caption:  rows -> a line under the chart (what a colour or a line means) or None.
    on_select: selection event of the chart, rows -> None: called when a user clicks a bar or an area
              (the page narrows its filters to it); the chart then sends selection events back.
    layout:   plotly layout applied after the house style (a taller top margin for facet titles)."""

    query: str
    title: str
    chart: Callable[[pd.DataFrame], go.Figure]
    takeaway: Callable[[pd.DataFrame], str | None] | None = None
    table: dict[str, Callable | None] = field(default_factory=dict)
    headers: str = "common.column"
    params: dict = field(default_factory=dict)
    prepare: Callable[[pd.DataFrame], pd.DataFrame] | None = None
    name: str | None = None
    key: str | None = None
    caption: Callable[[pd.DataFrame], str | None] | None = None
    on_select: Callable[[dict, pd.DataFrame], None] | None = None
    layout: dict | None = None

    @property
    def table_name(self) -> str:
        return self.name or self.query

    @property
    def chart_key(self) -> str:
        return self.key or f"{self.table_name}_chart"


@dataclass(frozen=True)
class Built:
    rows: pd.DataFrame
    takeaway: str | None
    figure: go.Figure | None  # None when the query returned no rows


def build(section: Section, filters: dict) -> Built:
    """The section's rows as the current user may see them, its sentence and its figure."""
    rows = db.run(section.query, **filters, **section.params)
    if section.prepare:
        rows = section.prepare(rows)
    if rows.empty:
        return Built(rows, None, None)
    return Built(rows, section.takeaway(rows) if section.takeaway else None, section.chart(rows))
