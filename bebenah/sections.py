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
    layout:   plotly layout applied after the house style (a taller top margin for facet titles).
    title may be None (a section straight under its Chapter's heading); title_params fill its placeholders.
    chart may be None, or return None: nothing to draw (every share hidden); `empty` (a locale key, None:
              say nothing) is then said unless the door blanked rows, which the privacy note explains.
    figures:  instead of a chart, one headline figure per row of figure_rows(rows) (default: every row),
              drawn by this Metric, `per_row` to a line.
    lead:     rows -> a line between the takeaway and the chart or figures (what the figures count).
    note:     rows -> a line after the chart (or in its place), shown whether or not there is a chart.
    when:     rows -> whether the section shows at all (a ranking of one area says nothing).
    also:     further queries, run with the same filters, whose rows the takeaway and the chart read after
              the section's own: takeaway(rows, *also_rows), chart(rows, *also_rows) (the ranking that
              names the laggard, the selection's average a ranking draws).
    raw_file: the CSV keeps the query's column names and every table column raw (for scripts that read it)."""

    query: str
    title: str | None
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
    title_params: dict = field(default_factory=dict)
    empty: str | None = "common.no_data"
    figures: "Metric | None" = None
    figure_rows: Callable[[pd.DataFrame], pd.DataFrame] | None = None
    per_row: int = 5
    lead: Callable[[pd.DataFrame], str | None] | None = None
    note: Callable[[pd.DataFrame], str | None] | None = None
    when: Callable[[pd.DataFrame], bool] | None = None
    also: tuple[str, ...] = ()
    raw_file: bool = False

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
    figure: go.Figure | None  # None when the query returned no rows, or the chart had nothing to draw


def build(section: Section, filters: dict) -> Built:
    """The section's rows as the current user may see them, its sentence and its figure."""
    rows = db.run(section.query, **filters, **section.params)
    if section.prepare:
        rows = section.prepare(rows)
    if rows.empty:
        return Built(rows, None, None)
    also = [db.run(query, **filters, **section.params) for query in section.also]
    return Built(rows, section.takeaway(rows, *also) if section.takeaway else None,
                 section.chart(rows, *also) if section.chart else None)


@dataclass(frozen=True)
class ByRow:
    """A table column's screen format that reads its whole row (a value in the unit its row names)."""

    format: Callable[[pd.Series], str]


@dataclass(frozen=True)
class Chapter:
    """A heading over parts (drawn as a page's header, its parts' titles one level below)."""

    title: str
    parts: tuple


@dataclass(frozen=True)
class Metric:
    """One headline figure of a Metrics section, from the query's first row (or of a Section's figures, from each row).
    label:   locale key of the figure's name; help: locale key of its tooltip; either may be row -> text
             (a figure per row names itself from the row).
    value:   row -> the figure as text in the language (i18n.number, percent, rupiah_short).
    caption: row -> the line under it ("of 1.234 households") or None.
    delta:   row -> st.metric's change arguments ({"delta": "+5", "delta_description": ...}) or {}.
    trend:   row -> the small line inside the figure (a list of numbers) or None."""

    label: str | Callable[[pd.Series], str]
    value: Callable[[pd.Series], str]
    caption: Callable[[pd.Series], str | None] | None = None
    help: str | Callable[[pd.Series], str] | None = None
    delta: Callable[[pd.Series], dict] | None = None
    trend: Callable[[pd.Series], list | None] | None = None


@dataclass(frozen=True)
class Metrics:
    """A row (or rows, `per_row` at a time) of headline figures read from one query's first row.
    empty: locale key shown when the query returns no row (default common.no_data)."""

    query: str
    items: tuple[Metric, ...]
    title: str | None = None
    params: dict = field(default_factory=dict)
    prepare: Callable[[pd.DataFrame], pd.DataFrame] | None = None
    caption: Callable[[pd.DataFrame], str | None] | None = None
    per_row: int = 3
    empty: str = "common.no_data"


@dataclass(frozen=True)
class HouseholdList:
    """A list of households (or any list query with $limit, $offset and the totals baris_total and
    rumah_tangga_total): one page on screen with a pager, the whole list only as a CSV built on the
    download's click, which the door audits (UU 27/2022).
    shown:   rows, language -> rows for the screen and the file (names for codes, headers in the language).
    caption: totals -> the line above the table ("1.234 households") or None."""

    query: str
    title: str | None = None
    params: dict = field(default_factory=dict)
    shown: Callable[[pd.DataFrame, str], pd.DataFrame] | None = None
    caption: Callable[[dict], str | None] | None = None
    name: str | None = None

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
