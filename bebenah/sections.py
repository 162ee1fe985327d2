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
    chart:    a chart kind of bebenah.charts, rows -> figure (a lambda naming the columns), or None
              when the rows hold nothing to draw.
    takeaway: a function of bebenah.takeaways, rows -> one sentence or None.
    table:    the columns of the table behind the chart, each with its screen format (None: as it is);
              the CSV has every column of `table` raw. Column names come from `headers`.<column>.
    prepare:  rows -> rows, for what the screen needs beside the query's columns (names for codes).
    name:     the section's name where a page reads one query twice: its table's key and CSV file
              name (default: the query's), and its chart's key <name>_chart unless `key` says.
    caption:  rows -> a line under the chart (what a colour or a line means) or None.
    on_select: selection event of the chart, rows -> None: called when a user clicks a bar or an area
              (the page narrows its filters to it); the chart then sends selection events back.
    layout:   plotly layout applied after the house style (a taller top margin for facet titles).
    text:     placeholders of the section's locale texts (title, empty): {"days": 60}.
    lead:     filters (with `params`) -> the line under the heading, before the finding (what the
              section counts), or None; it may read a named query of its own (the date a count is
              measured against).
    empty:    locale key shown when the query returns no rows, or the chart finds nothing to draw;
              empty_is_good: the section is a check that found nothing wrong (shown as good news).
    privacy:  rows -> the line saying which counts the door hid, in place of the default note (a page
              that hides them only outside the user's area says so), or None.
    below:    parts drawn under the table when the section has rows (the households behind its
              counts), their titles as small headings."""

    query: str
    title: str
    chart: Callable[[pd.DataFrame], go.Figure | None]
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
    text: dict = field(default_factory=dict)
    lead: Callable[[dict], str | None] | None = None
    empty: str = "common.no_data"
    empty_is_good: bool = False
    privacy: Callable[[pd.DataFrame], str | None] | None = None
    below: tuple = ()

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
    """The section's rows as the current user may see them, its sentence and its figure (None, and no
    sentence, when there are no rows or the chart kind finds nothing to draw in them)."""
    rows = db.run(section.query, **filters, **section.params)
    if section.prepare:
        rows = section.prepare(rows)
    figure = None if rows.empty else section.chart(rows)
    if figure is None:
        return Built(rows, None, None)
    return Built(rows, section.takeaway(rows) if section.takeaway else None, figure)


@dataclass(frozen=True)
class Metric:
    """One headline figure of a Metrics section, from the query's first row.
    label:   locale key of the figure's name; help: locale key of its tooltip.
    value:   row -> the figure as text in the language (i18n.number, percent, rupiah_short).
    caption: row -> the line under it ("of 1.234 households") or None.
    delta:   row -> st.metric's change arguments ({"delta": "+5", "delta_description": ...}) or {}.
    trend:   row -> the small line inside the figure (a list of numbers) or None.
    query:   the figure's own query, where the headline figures come from several (a list's totals):
             its row is the first of prepare(rows) (rows as they are by default), an empty row when
             there is none; params: that query's, beside the filters and the Metrics' params."""

    label: str
    value: Callable[[pd.Series], str]
    caption: Callable[[pd.Series], str | None] | None = None
    help: str | None = None
    delta: Callable[[pd.Series], dict] | None = None
    trend: Callable[[pd.Series], list | None] | None = None
    query: str | None = None
    params: dict = field(default_factory=dict)
    prepare: Callable[[pd.DataFrame], pd.DataFrame] | None = None


@dataclass(frozen=True)
class Metrics:
    """A row (or rows, `per_row` at a time) of headline figures read from one query's first row.
    empty: locale key shown when the query returns no row (default common.no_data).
    text:  placeholders of the figures' labels and tooltips: {"months": 9}.
    lead:  filters (with `params`) -> the line above the figures (what they count) or None."""

    query: str
    items: tuple[Metric, ...]
    title: str | None = None
    params: dict = field(default_factory=dict)
    prepare: Callable[[pd.DataFrame], pd.DataFrame] | None = None
    caption: Callable[[pd.DataFrame], str | None] | None = None
    per_row: int = 3
    empty: str = "common.no_data"
    text: dict = field(default_factory=dict)
    lead: Callable[[dict], str | None] | None = None


@dataclass(frozen=True)
class HouseholdList:
    """A list of households (or any list query with $limit, $offset and the totals baris_total and
    rumah_tangga_total): one page on screen with a pager, the whole list only as a CSV built on the
    download's click, which the door audits (UU 27/2022).
    shown:   rows, language -> rows for the screen and the file (names for codes, headers in the language).
    caption: totals -> the line above the table ("1.234 households") or None.
    empty:   locale key shown instead of the table when the list is empty (None: the empty table).
    raw_file: the CSV keeps the query's columns under their contract names (a file to correct and
             upload again), not the screen's table.
    area_in_target: the audit entry names the user's area in its target (`<name> <area>`); False:
             in its detail instead."""

    query: str
    title: str | None = None
    params: dict = field(default_factory=dict)
    shown: Callable[[pd.DataFrame, str], pd.DataFrame] | None = None
    caption: Callable[[dict], str | None] | None = None
    name: str | None = None
    empty: str | None = None
    raw_file: bool = False
    area_in_target: bool = True

    @property
    def table_name(self) -> str:
        return self.name or self.query


@dataclass(frozen=True)
class Table:
    """A short list read whole (a few dozen rows: the facilitators to call), not household-level: a
    page of it on screen with its pager, every row of the query in the CSV.
    shown:   rows, language -> rows for the screen (names for codes, headers in the language).
    caption: rows -> the line above the table ("31 facilitators") or None.
    empty:   locale key shown instead of the table when the list is empty (None: the empty table)."""

    query: str
    title: str | None = None
    params: dict = field(default_factory=dict)
    shown: Callable[[pd.DataFrame, str], pd.DataFrame] | None = None
    caption: Callable[[pd.DataFrame], str | None] | None = None
    name: str | None = None
    empty: str | None = None

    @property
    def table_name(self) -> str:
        return self.name or self.query


@dataclass(frozen=True)
class Columns:
    """Parts side by side (on a narrow screen, one under the other); their titles as smaller headings."""

    parts: tuple
    widths: tuple | None = None


def build_metrics(metrics: Metrics, filters: dict) -> Built:
    rows = db.run(metrics.query, **filters, **metrics.params)
    if metrics.prepare:
        rows = metrics.prepare(rows)
    return Built(rows, metrics.caption(rows) if metrics.caption and not rows.empty else None, None)


def metric_row(metric: Metric, metrics: Metrics, filters: dict, row: pd.Series) -> pd.Series:
    """The row one figure reads: the Metrics' first row, or the first row of the figure's own query."""
    if not metric.query:
        return row
    rows = db.run(metric.query, **filters, **metrics.params, **metric.params)
    if metric.prepare:
        rows = metric.prepare(rows)
    return rows.iloc[0] if len(rows) else pd.Series(dtype=object)
