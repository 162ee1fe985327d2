"""A screen's parts, declared: each section names its query, its chart kind, its takeaway and its
table. page.sections() draws them on a page; build() gives the same rows, sentence and figure to
anything else that shows them (a presentation, an export), so they never disagree."""

from dataclasses import dataclass, field
from typing import Callable

import pandas as pd
import plotly.graph_objects as go

from bebenah import db
from bebenah.i18n import t


class Named:
    """A part that reads one query: its table's key and CSV file are named after `name`, else the query."""

    @property
    def table_name(self) -> str:
        return self.name or self.query


@dataclass(frozen=True)
class Section(Named):
    """query:    queries/<query>.sql, run through the one door with the page's filters (and `params`).
    title:    the locale key of the section's heading.
    chart:    a chart kind of bebenah.charts, rows -> figure (a lambda naming the columns), or None
              when the rows hold nothing to draw; chart=None for a section that is its table (and
              takeaway) only.
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
    note:     False where a part below says what the door blanked in the same rows (charts side by
              side over one table), so the note is not said twice.
    chart_when_empty: True when the chart draws more than the query's rows (a line from another
              query): it is drawn, and the table shown, even when the query returns no row.
    text:     placeholders of the section's locale texts (title, empty): {"days": 60}.
    lead:     filters (with `params`) -> the line under the heading, before the finding (what the
              section counts), or None; it may read a named query of its own (the date a count is
              measured against).
    empty:    locale key shown when the query returns no rows, or the chart finds nothing to draw;
              empty_is_good: the section is a check that found nothing wrong (shown as good news).
    privacy:  rows -> the line saying which counts the door hid, in place of the default note (a page
              that hides them only outside the user's area says so), or None.
    below:    parts drawn under the table when the section has rows (the households behind its
              counts), their titles as small headings.
    intro:    a line under the heading, in the language, shown whatever the rows (what the figures count).
    instead:  rows -> a Notice shown in place of the takeaway and chart when the rows hold nothing to draw
              (every count hidden, nothing missing), or None; the table still follows when there are rows.
    table_rows: rows -> the rows of the table when fewer than the chart's (a map's grey kelurahan).
    table_open: the table shown as it is, not folded away: where the table is what a meeting reads.
    title may be None (a section straight under its Chapter's heading); `text` fills its placeholders.
    empty may be None: say nothing when there is nothing to draw (the privacy note explains blanked rows).
    figures:  instead of a chart, one headline figure per row of figure_rows(rows) (default: every row),
              drawn by this Metric, `per_row` to a line.
    explains: rows -> a line between the takeaway and the chart or figures (what the figures count).
    after:    rows -> a line after the chart (or in its place), shown whether or not there is a chart.
    when:     rows -> whether the section shows at all (a ranking of one area says nothing).
    also:     further queries, run with the same filters, whose rows the takeaway and the chart read after
              the section's own: takeaway(rows, *also_rows), chart(rows, *also_rows) (the ranking that
              names the laggard, the selection's average a ranking draws).
    raw_file: the CSV keeps the query's column names and every table column raw (for scripts that read it)."""

    query: str
    title: str | None
    chart: Callable[..., go.Figure | None] | None = None
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
    note: bool = True
    chart_when_empty: bool = False
    text: dict = field(default_factory=dict)
    lead: Callable[[dict], str | None] | None = None
    empty: str | None = "common.no_data"
    empty_is_good: bool = False
    privacy: Callable[[pd.DataFrame], str | None] | None = None
    below: tuple = ()
    intro: str | None = None
    instead: Callable[[pd.DataFrame], "Notice | None"] | None = None
    table_rows: Callable[[pd.DataFrame], pd.DataFrame] | None = None
    table_open: bool = False
    figures: "Metric | None" = None
    figure_rows: Callable[[pd.DataFrame], pd.DataFrame] | None = None
    per_row: int = 5
    explains: Callable[[pd.DataFrame], str | None] | None = None
    after: Callable[[pd.DataFrame], str | None] | None = None
    when: Callable[[pd.DataFrame], bool] | None = None
    also: tuple[str, ...] = ()
    raw_file: bool = False

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
    """The section's rows as the current user may see them, its sentence and its figure (or its
    notice). No figure and no sentence when there are no rows or the chart kind finds nothing to
    draw in them; a table-only section (chart=None) keeps its sentence."""
    rows = read(section, filters)
    notice = section.instead(rows) if section.instead else None
    if notice:
        return Built(rows, None, None, notice)
    also = [db.run(query, **filters, **section.params) for query in section.also]
    if section.chart is None:
        return Built(rows, section.takeaway(rows, *also) if section.takeaway and not rows.empty else None, None)
    figure = section.chart(rows, *also) if not rows.empty or section.chart_when_empty else None
    if rows.empty:
        return Built(rows, None, figure)
    return Built(rows, section.takeaway(rows, *also) if section.takeaway else None, figure)


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
    empty:    locale key shown when the query returns no row (default common.no_data).
    takeaway: rows -> the finding said above the figures (as a Section's), or None.
    widths:   the relative widths of a row's figures (a long rupiah figure needs more room).
    note:     False where another part says what the door blanked in the same rows.
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
    takeaway: Callable[[pd.DataFrame], str | None] | None = None
    widths: tuple | None = None
    note: bool = True
    text: dict = field(default_factory=dict)
    lead: Callable[[dict], str | None] | None = None


@dataclass(frozen=True)
class HouseholdList(Named):
    """A list of households (or any list query with $limit, $offset and the totals baris_total and
    rumah_tangga_total): one page on screen with a pager, the whole list only as a CSV built on the
    download's click, which the door audits (UU 27/2022).
    The rows are those of the user's own area (access.household_scope() as $wilayah_akses, which the
    query's in_scope() applies); a viewer, or an uploader without an area, gets no row and no query.
    shown:   rows, language -> rows for the screen and the file (names for codes, headers in the language).
    caption: totals -> the line above the table ("1.234 households") or None.
    empty:   locale key shown instead of the table when the list is empty (None: the empty table).
    raw_file: the CSV keeps the query's columns under their contract names (a file to correct and
             upload again), not the screen's table.
    area_in_target: the audit entry names the user's area in its target (`<name> <area>`); False:
             in its detail instead.
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
    empty: str | None = None
    raw_file: bool = False
    area_in_target: bool = True
    key: str | None = None
    subheading: bool = False
    for_viewers: str | None = None
    without_area: str | None = None
    folded: str | None = None


@dataclass(frozen=True)
class ShortList(Named):
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


@dataclass(frozen=True)
class Columns:
    """Parts side by side (on a narrow screen, one under the other); their titles as smaller headings
    unless small_titles is False (sections of their own that share a row, not parts of one).
    title: locale key of a heading over all of them, or None."""

    parts: tuple
    widths: tuple | None = None
    title: str | None = None
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
    rows = read(metrics, filters)
    return Built(rows, metrics.caption(rows) if metrics.caption and not rows.empty else None, None)


@dataclass(frozen=True)
class Card:
    """One card of a Cards section: a figure under its name, a sentence, and a link to the page that
    explains it: (url path, link text, {filter: value} the page opens narrowed to)."""

    label: str
    value: str
    text: str
    link: tuple[str, str, dict] | None = None


@dataclass(frozen=True)
class Cards:
    """Rows of a query as cards side by side (the largest gaps, each with its page).
    card:   row -> Card, for each row whose `shown` column is not blank (the door blanked the rest).
    empty:  locale key said when the query returns no row; hidden: locale key said, with {count},
            of rows the door blanked."""

    query: str
    title: str
    card: Callable[[object], Card]
    shown: str
    empty: str
    hidden: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Table(Named):
    """A query's rows as a table with its CSV, in a fold under a caption (what the rows are).
    table:   column -> screen format (None: as it is), as Section.table; headers: the locale prefix.
    caption: rows -> the line above the fold, or None."""

    query: str
    title: str
    table: dict[str, Callable | None]
    headers: str = "common.column"
    caption: Callable[[pd.DataFrame], str | None] | None = None
    params: dict = field(default_factory=dict)
    prepare: Callable[[pd.DataFrame], pd.DataFrame] | None = None
    name: str | None = None


def read(part, filters: dict) -> pd.DataFrame:
    """A part's rows as the current user may see them (through the door), prepared for the screen."""
    rows = db.run(part.query, **filters, **part.params)
    prepare = getattr(part, "prepare", None)
    return prepare(rows) if prepare else rows


@dataclass(frozen=True)
class Download:
    """One file of a Downloads part. label: locale key of its button; data: rows -> the file's bytes,
    built on the button's click only; key: the button's widget key."""

    label: str
    data: Callable[[pd.DataFrame], bytes]
    file_name: str
    mime: str
    key: str


@dataclass(frozen=True)
class Downloads(Named):
    """A query's rows as files to take away (the 3W as CSV and XLSX for coordination partners): the
    buttons side by side under a caption, and a page of the rows one click away.
    prepare: rows -> the table the files hold (names for codes, headers in the language).
    caption: table -> the line under the heading, or None.
    preview: a page of the table -> what the screen shows of it (None: as it is).
    name:    the preview's table key table_<name> and its pager's <name>_page (default the query's)."""

    query: str
    title: str
    files: tuple[Download, ...]
    prepare: Callable[[pd.DataFrame], pd.DataFrame] | None = None
    caption: Callable[[pd.DataFrame], str | None] | None = None
    preview: Callable[[pd.DataFrame], pd.DataFrame] | None = None
    params: dict = field(default_factory=dict)
    name: str | None = None


def named_columns(rows: pd.DataFrame, headers: str) -> pd.DataFrame:
    """The columns under their names in the language (`headers`: the locale key prefix)."""
    return rows.rename(columns=lambda column: t(f"{headers}.{column}"))


def formatted_rows(frame: pd.DataFrame, formats: dict, headers: str) -> pd.DataFrame:
    """A table's listed columns formatted for people (a format per value, a ByRow from the whole row,
    None: as it is) under their names: what the screen and the exports show."""
    rows = frame[list(formats)].copy()
    for column, format_value in formats.items():
        if isinstance(format_value, ByRow):
            rows[column] = [format_value.format(row) for _, row in frame.iterrows()]
        elif format_value:
            rows[column] = rows[column].map(format_value)
    return named_columns(rows, headers)


def metric_row(metric: Metric, metrics: Metrics, filters: dict, row: pd.Series) -> pd.Series:
    """The row one figure reads: the Metrics' first row, or the first row of the figure's own query."""
    if not metric.query:
        return row
    rows = read(metric, {**filters, **metrics.params})
    return rows.iloc[0] if len(rows) else pd.Series(dtype=object)


def build_finding(finding: Finding, filters: dict) -> Built:
    rows = read(finding, filters)
    return Built(rows, None if rows.empty else finding.sentence(rows), None)
