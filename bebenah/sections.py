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
    chart:    a chart kind of bebenah.charts, rows -> figure (a lambda naming the columns); None for a
              section that is its table (and takeaway) only.
    takeaway: a function of bebenah.takeaways, rows -> one sentence or None.
    table:    the columns of the table behind the chart, each with its screen format (None: as it is);
              the CSV has every column of `table` raw. Column names come from `headers`.<column>.
    prepare:  rows -> rows, for what the screen needs beside the query's columns (names for codes).
    name:     the section's name where a page reads one query twice: its table's key and CSV file
              name (default: the query's), and its chart's key <name>_chart unless `key` says.
    caption:  rows -> a line under the chart (what a colour or a line means) or None.
    on_select: selection event of the chart, rows -> None: called when a user clicks a bar or an area
              (the page narrows its filters to it); the chart then sends selection events back. It may
              return a locale key instead: a line shown above the chart once (why the click changed nothing).
    layout:   plotly layout applied after the house style (a taller top margin for facet titles).
    intro:    a line under the heading, in the language, shown whatever the rows (what the figures count).
    instead:  rows -> a Notice shown in place of the takeaway and chart when the rows hold nothing to draw
              (every count hidden, nothing missing), or None; the table still follows when there are rows.
    table_rows: rows -> the rows of the table when fewer than the chart's (a map's grey kelurahan).
    table_open: the table shown as it is, not folded away: where the table is what a meeting reads."""

    query: str
    title: str
    chart: Callable[[pd.DataFrame], go.Figure] | None = None
    takeaway: Callable[[pd.DataFrame], str | None] | None = None
    table: dict[str, Callable | None] = field(default_factory=dict)
    headers: str = "common.column"
    params: dict = field(default_factory=dict)
    prepare: Callable[[pd.DataFrame], pd.DataFrame] | None = None
    name: str | None = None
    key: str | None = None
    caption: Callable[[pd.DataFrame], str | None] | None = None
    on_select: Callable[[dict, pd.DataFrame], str | None] | None = None
    layout: dict | None = None
    intro: str | None = None
    instead: Callable[[pd.DataFrame], "Notice | None"] | None = None
    table_rows: Callable[[pd.DataFrame], pd.DataFrame] | None = None
    table_open: bool = False

    @property
    def table_name(self) -> str:
        return self.name or self.query

    @property
    def chart_key(self) -> str:
        return self.key or f"{self.table_name}_chart"


@dataclass(frozen=True)
class Notice:
    """A message in place of a section's chart: text is its locale key; good for good news (nothing
    missing), shown in green."""

    text: str
    good: bool = False


@dataclass(frozen=True)
class Built:
    rows: pd.DataFrame
    takeaway: str | None
    figure: go.Figure | None  # None when the query returned no rows, or the section has no chart
    notice: Notice | None = None  # what the section says instead of its takeaway and chart


def build(section: Section, filters: dict) -> Built:
    """The section's rows as the current user may see them, its sentence and its figure (or its notice)."""
    rows = db.run(section.query, **filters, **section.params)
    if section.prepare:
        rows = section.prepare(rows)
    notice = section.instead(rows) if section.instead else None
    if rows.empty or notice:
        return Built(rows, None, None, notice)
    return Built(rows, section.takeaway(rows) if section.takeaway else None,
                 section.chart(rows) if section.chart else None)


@dataclass(frozen=True)
class Metric:
    """One headline figure of a Metrics section, from the query's first row.
    label:   locale key of the figure's name; help: locale key of its tooltip.
    value:   row -> the figure as text in the language (i18n.number, percent, rupiah_short).
    caption: row -> the line under it ("of 1.234 households") or None.
    delta:   row -> st.metric's change arguments ({"delta": "+5", "delta_description": ...}) or {}.
    trend:   row -> the small line inside the figure (a list of numbers) or None."""

    label: str
    value: Callable[[pd.Series], str]
    caption: Callable[[pd.Series], str | None] | None = None
    help: str | None = None
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
    The rows are those of the user's own area (access.household_scope() as $wilayah_akses, which the
    query's in_scope() applies); a viewer, or an uploader without an area, gets no row and no query.
    shown:   rows, language -> rows for the screen and the file (names for codes, headers in the language).
    caption: totals -> the line above the table ("1.234 households") or None.
    key:     the table's key where it is not table_<name>.
    subheading: the title as a smaller heading: the list belongs to the section above it.
    for_viewers: locale key of the line a viewer sees instead (None: nothing).
    without_area: locale key of the warning an uploader without a work area sees instead (None: nothing).
    folded:  locale key of an expander the list sits in, given {rows} (the list's length); an empty
             list then draws nothing (a click for nothing)."""

    query: str
    title: str | None = None
    params: dict = field(default_factory=dict)
    shown: Callable[[pd.DataFrame, str], pd.DataFrame] | None = None
    caption: Callable[[dict], str | None] | None = None
    name: str | None = None
    key: str | None = None
    subheading: bool = False
    for_viewers: str | None = None
    without_area: str | None = None
    folded: str | None = None

    @property
    def table_name(self) -> str:
        return self.name or self.query


@dataclass(frozen=True)
class Columns:
    """Parts side by side (on a narrow screen, one under the other); their titles as smaller headings
    unless small_titles is False (sections of their own that share a row, not parts of one)."""

    parts: tuple
    widths: tuple | None = None
    small_titles: bool = True


@dataclass(frozen=True)
class Finding:
    """A sentence from a query's rows with no chart: a page's headline, rows -> sentence or None.
    stop_when_empty: with no row, the page says `empty` and draws nothing after it (nothing would have rows)."""

    query: str
    sentence: Callable[[pd.DataFrame], str | None]
    params: dict = field(default_factory=dict)
    empty: str = "common.no_data"
    stop_when_empty: bool = False


def build_metrics(metrics: Metrics, filters: dict) -> Built:
    rows = db.run(metrics.query, **filters, **metrics.params)
    if metrics.prepare:
        rows = metrics.prepare(rows)
    return Built(rows, metrics.caption(rows) if metrics.caption and not rows.empty else None, None)


def build_finding(finding: Finding, filters: dict) -> Built:
    rows = db.run(finding.query, **filters, **finding.params)
    return Built(rows, None if rows.empty else finding.sentence(rows), None)
