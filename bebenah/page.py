"""What every page does first (database, language, guard, filters) and the pieces pages share."""

import html
import threading
from contextlib import nullcontext
from urllib.parse import urlencode
from datetime import date

import pandas as pd
import streamlit as st

from bebenah import PROGRAMME_START, access, charts, db, export, i18n, login, privacy
from bebenah.sections import (Cards, Chapter, Columns, Downloads, Finding, HouseholdList, Metrics, Section, ShortList,
                              Table, build, build_finding, build_metrics, formatted_rows, metric_row, read)
from bebenah.i18n import LANGUAGE_NAMES, LANGUAGES, day, escape_markdown, t

_build_lock = threading.Lock()


def setup(role: str = "viewer", area_filters: bool = True, writer_only: bool = False, period: bool = True,
          banner: bool = True) -> dict:
    """Guard the page and draw the shared sidebar; returns the filters for named queries.

    Every page calls this first (a page file also runs on its own, in tests). Who may not open the
    page sees the sign-in form (or a refusal) and nothing else: the script stops here.
    area_filters=False for pages the area and period filters mean nothing to (the audit log): {}.
    writer_only=True for pages that change data or read the whole audit log: a reader refuses them.
    period=False for pages whose figures run from the programme's start to today whatever is chosen
    (the meeting page): the area filters only.
    banner=False where the page says it is sample data in its own place (a presentation's footer).
    """
    start()
    guard(role, sample_data=is_sample_data())
    if writer_only and db.read_only():
        st.info(t("access.read_only_copy"))
        st.stop()
    filters = sidebar_filters(period) if area_filters else {}
    if banner:
        sample_data_banner()
    return filters


# Captions readable on a projector: Streamlit's 14 px light grey washes out.
READABLE = """<style>
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * { color: #4a4a4a !important; font-size: 15px; }
</style>"""


def start() -> None:
    """What every page does before its guard: database, language, the account box (app.py sets the
    page config, once), captions readable on a projector."""
    st.html(READABLE)
    ensure_database()
    choose_language()
    login.account_sidebar(access.current_user())
    login.sync_cookie()


def guard(role: str, sample_data: bool) -> None:
    """Let the page go on only for who may open it; show the sign-in form (or a refusal) and stop otherwise."""
    user = access.current_user()
    if access.may_open(user, role, sample_data):
        return
    if user["role"] is None:
        st.title(t("access.sign_in_title"))
        st.info(t("access.sign_in_needed"))
        if login.form():
            st.rerun()
    else:
        st.error(t("access.denied"))
    st.stop()


def ensure_database() -> None:
    """Build the sample database on first start when no database file exists; open it, or say in
    words (no traceback, no file path or process id) that another program holds it."""
    path = db.database_path()
    if not path.exists() and not db.read_only():  # a reader waits for the writer's copy, it builds none
        _build_sample(path)
    try:
        db.connection(str(path))
    except db.DatabaseBusy:
        st.error(t("setup.database_busy"), icon=":material/lock:")
        st.stop()


def _build_sample(path) -> None:
    with _build_lock:
        if path.exists():
            return
        from bebenah import demo

        with st.spinner(t("setup.building_demo")):
            path.parent.mkdir(parents=True, exist_ok=True)
            demo.build(path)
        db.connection.clear()
        db.clear_caches()
        st.toast(t("setup.demo_built"))


def choose_language() -> str:
    return st.sidebar.radio(
        "Bahasa / Language",
        LANGUAGES,
        format_func=LANGUAGE_NAMES.get,
        horizontal=True,
        key="lang",
        bind="query-params",
    )


def sidebar_filters(period: bool = True) -> dict:
    """Kota, kecamatan, kelurahan and period; each one bound to the URL so a link reproduces the view.

    The URL carries names (?kecamatan=Jagakarsa), unique at each level; a value that is not an
    option from the database is dropped by Streamlit, never used.
    """
    areas = db.run("area_options")
    sidebar = st.sidebar
    sidebar.header(t("filters.title"))
    kota = _area_choice(sidebar, areas, "kota", "kode_kota", "kota")
    if kota:
        areas = areas[areas.kode_kota == kota]
    kecamatan = _area_choice(sidebar, areas, "kecamatan", "kode_kecamatan", "kecamatan")
    if kecamatan:
        areas = areas[areas.kode_kecamatan == kecamatan]
    kelurahan = _area_choice(sidebar, areas, "kelurahan", "kode_kelurahan", "kelurahan")
    today = date.today()
    if not period:
        return {"kota": kota, "kecamatan": kecamatan, "kelurahan": kelurahan, "dari": PROGRAMME_START, "sampai": today}
    dari = sidebar.date_input(
        t("filters.dari"), value=PROGRAMME_START, min_value=PROGRAMME_START, max_value=today,
        format="DD/MM/YYYY", key="dari", bind="query-params",
    )
    sampai = sidebar.date_input(
        t("filters.sampai"), value=today, min_value=PROGRAMME_START, max_value=today,
        format="DD/MM/YYYY", key="sampai", bind="query-params",
    )
    if dari > sampai:
        sidebar.warning(t("filters.period_reversed"))
        dari, sampai = sampai, dari
    coarse = privacy.whole_quarters(dari, sampai)
    if coarse != (dari, sampai):
        dari, sampai = coarse
        sidebar.caption(t("filters.period_quarters", dari=day(dari, form="medium"), sampai=day(sampai, form="medium")))
    return {"kota": kota, "kecamatan": kecamatan, "kelurahan": kelurahan, "dari": dari, "sampai": sampai}


def _area_choice(container, areas: pd.DataFrame, key: str, code_column: str, name_column: str):
    names = dict(areas[[code_column, name_column]].drop_duplicates().itertuples(index=False))
    return container.selectbox(
        t(f"filters.{key}"),
        list(names),
        index=None,
        format_func=names.get,
        placeholder=t("common.all"),
        key=key,
        bind="query-params",
    )


def area_name(filters: dict) -> str:
    """The chosen area in words: 'Kecamatan Jagakarsa', or the whole programme."""
    areas = db.run("area_options")
    for key, code_column, name_column in (
        ("kelurahan", "kode_kelurahan", "kelurahan"),
        ("kecamatan", "kode_kecamatan", "kecamatan"),
        ("kota", "kode_kota", "kota"),
    ):
        if filters.get(key):
            name = areas.loc[areas[code_column] == filters[key], name_column].iloc[0]
            return name if key == "kota" else f"{t('filters.' + key)} {name}"
    return t("filters.whole_programme")


def sample_data_banner() -> None:
    if is_sample_data():
        st.info(t("setup.sample_banner"), icon=":material/science:")


def is_sample_data() -> bool:
    return not db.run("setting", key="sumber_data").query("value == 'demo'").empty


def household_download(frame, name: str, label: str | None = None, key: str | None = None, **rules) -> None:
    """The download button of a household-level CSV (export.household_csv: who may, and the audit entry)."""
    st.download_button(
        label or t("common.download_csv"),
        data=export.household_csv(frame, name, **rules),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=key or f"download_{name}",
    )


def privacy_note(*frames: pd.DataFrame) -> None:
    """Say under a chart that the door blanked small household counts in its results, and why."""
    blanked = privacy.suppressed(*frames)
    if blanked:
        st.caption(t("privacy.suppressed_note", cells=blanked, k=privacy.min_households()))


def takeaway(text: str) -> None:
    """A one-line finding above a chart, computed from the data by the page."""
    st.markdown(f"**{escape_markdown(text)}**")


# Long lists (households, facilitators): one page of rows to the browser, the whole list only as a file.
PAGE_ROWS = 50
TOTALS = ("baris_total", "rumah_tangga_total")


def table_and_download(
    frame: pd.DataFrame, name: str, note: str | None = None, shown=None
) -> None:
    """The table behind a chart, one click away: paged_table() in an expander."""
    with st.expander(t("common.show_table")):
        if note:
            st.caption(note)
        paged_table(frame, name, shown)


def paged_table(frame: pd.DataFrame, name: str, shown=None) -> None:
    """A table with its CSV: a page of rows on screen (a table of every kelurahan and type is
    thousands of rows), every row in the file.

    shown: what the screen shows when it differs from the file (numbers formatted for the language),
    a function of a page of `frame`'s rows: only the rows on screen are formatted.
    """
    key = f"table_{name}"
    rows = frame_page(frame, key)
    st.dataframe(rows if shown is None else shown(rows), hide_index=True, key=key)
    if len(frame) > PAGE_ROWS:
        pager(key, len(rows), len(frame))
    downloads(frame, name)


def downloads(frame: pd.DataFrame, name: str) -> None:
    """A table as CSV, as CSV for Excel in Indonesian (";" and decimal comma) and as XLSX, each built
    on its click."""
    csv, excel_csv, xlsx = st.columns(3)
    csv.download_button(t("common.download_csv"), data=lambda: export.csv_bytes(frame), file_name=f"{name}.csv",
                        mime="text/csv", key=f"download_{name}", width="stretch")
    excel_csv.download_button(t("common.download_csv_excel_id"), data=lambda: export.csv_bytes(frame, excel_id=True),
                              file_name=f"{name}_excel.csv", mime="text/csv", key=f"download_{name}_excel",
                              width="stretch", help=t("common.download_csv_excel_id_help"))
    xlsx.download_button(t("common.download_xlsx"), data=lambda: export.xlsx_bytes({name: frame}),
                         file_name=f"{name}.xlsx", mime=export.MIME_XLSX, key=f"download_{name}_xlsx",
                         width="stretch")


def latest_data_caption(latest) -> None:
    st.caption(t("common.latest_data", date=day(latest)))


def formatted_table(frame: pd.DataFrame, name: str, formats: dict, headers: str, folded: bool = True,
                    raw_file: bool = False) -> None:
    """The table behind a chart: the listed columns under their names from the locale files
    (`headers` is the key prefix, e.g. "coverage.column"), formatted for the language on screen
    and raw in the CSV (raw_file: under the query's own column names too).

    formats: column -> a function that formats one value for the screen, a ByRow that formats it from
    its whole row, or None to show it as it is.
    folded:  in an expander (table_and_download), or False: shown as it is (paged_table).
    """
    def formatted(rows: pd.DataFrame) -> pd.DataFrame:
        return formatted_rows(frame.loc[rows.index], formats, headers)

    # The file as people read it in a spreadsheet: shares as percentages, counts as whole numbers.
    file = frame[list(formats)] if raw_file else export.for_people(frame[list(formats)],
                                                                    lambda column: t(f"{headers}.{column}"))
    (table_and_download if folded else paged_table)(file, name, shown=formatted)


def list_page(name: str, params: dict, key: str | None = None, rows: int = PAGE_ROWS) -> tuple[pd.DataFrame, dict]:
    """One page of a list query (queries with $limit and $offset that carry baris_total and
    rumah_tangga_total): the page's rows, and the totals of the whole list ({} when it is empty).

    The page shown is kept in the session under `<key>_page`; draw pager() under the table.
    """
    state = f"{key or name}_page"
    current = st.session_state.get(state, 0)
    found = db.run(name, **params, limit=rows, offset=current * rows)
    if found.empty and current:  # the filters changed under a later page: back to the first
        st.session_state[state] = current = 0
        found = db.run(name, **params, limit=rows, offset=0)
    totals = {column: int(found[column].iloc[0]) for column in TOTALS if column in found and len(found)}
    return found.drop(columns=list(TOTALS), errors="ignore"), totals


def whole_list(name: str, params: dict) -> pd.DataFrame:
    """Every row of a list query, uncached: for a download, built on its click only."""
    cur = db.cursor()
    try:
        return db.query(cur, name, **params, limit=None, offset=None).drop(columns=list(TOTALS), errors="ignore")
    finally:
        cur.close()


def frame_page(frame: pd.DataFrame, key: str, rows: int = PAGE_ROWS) -> pd.DataFrame:
    """One page of a frame already in memory (a query without paging), kept under `<key>_page`."""
    state = f"{key}_page"
    current = st.session_state.get(state, 0)
    if current * rows >= len(frame):
        st.session_state[state] = current = 0
    return frame.iloc[current * rows:(current + 1) * rows]


def pager(key: str, shown: int, total: int, rows: int = PAGE_ROWS) -> None:
    """"Rows 1-50 of 1.234.567" with previous and next buttons (keys `<key>_previous`, `<key>_next`)."""
    from bebenah.i18n import number

    state = f"{key}_page"
    current = st.session_state.get(state, 0)
    first = current * rows + 1 if shown else 0
    st.caption(t("common.rows_of", first=number(first), last=number(current * rows + shown), total=number(total)))
    if total <= rows:
        return

    def move(step: int) -> None:
        st.session_state[state] = max(0, st.session_state.get(state, 0) + step)

    # Side by side at their labels' width, also in a narrow column (fixed columns cut "Sebelumnya").
    with st.container(horizontal=True):
        st.button(t("common.previous_page"), key=f"{key}_previous", on_click=move, args=(-1,),
                  disabled=current == 0)
        st.button(t("common.next_page"), key=f"{key}_next", on_click=move, args=(1,),
                  disabled=(current + 1) * rows >= total)


def sections(filters: dict, parts: list, heading=st.subheader) -> None:
    """Draw each declared part in order: a Section (heading, takeaway, chart, the privacy note, the
    table behind it), Metrics, a HouseholdList, a Finding, Cards, a Table, a ShortList, Downloads, or Columns of them side by side.

    heading: how the parts' titles are drawn; minor_heading for parts under a heading of the page's."""
    for part in parts:
        draw(filters, part, heading)


def minor_heading(text: str) -> None:
    """A heading one step below a subheader: parts side by side, or under a chooser's heading."""
    st.markdown(f"#### {text}")


def draw(filters: dict, part, heading=st.subheader) -> None:
    if isinstance(part, Chapter):
        st.header(t(part.title))
        for inner in part.parts:
            draw(filters, inner)
    elif isinstance(part, Columns):
        if part.title:
            heading(t(part.title))
        for column, inner in zip(st.columns(list(part.widths or [1] * len(part.parts))), part.parts):
            with column:
                draw(filters, inner, heading=minor_heading if part.small_titles else heading)
    elif isinstance(part, Finding):
        draw_finding(filters, part)
    else:
        DRAWERS.get(type(part), draw_section)(filters, part, heading)


def draw_finding(filters: dict, finding: Finding) -> None:
    built = build_finding(finding, filters)
    if built.rows.empty:
        st.info(t(finding.empty))
        if finding.stop_when_empty:
            st.stop()
    elif built.takeaway:
        takeaway(built.takeaway)


def draw_metrics(filters: dict, metrics: Metrics, heading=st.subheader) -> None:
    built = build_metrics(metrics, filters)
    if metrics.title:
        heading(t(metrics.title, **metrics.text))
    lead(metrics.lead, {**filters, **metrics.params})
    if built.rows.empty:
        st.info(t(metrics.empty))
        return
    finding = metrics.takeaway(built.rows) if metrics.takeaway else None
    if finding:
        takeaway(finding)
    row = built.rows.iloc[0]
    figures([(item, metric_row(item, metrics, filters, row)) for item in metrics.items], metrics.per_row,
            metrics.widths, metrics.text)
    if built.takeaway:
        st.caption(built.takeaway)
    if metrics.note:
        privacy_note(built.rows)


def figures(shown: list, per_row: int, widths: tuple | None = None, text: dict | None = None) -> None:
    """Headline figures, `per_row` to a line: each a Metric with the row it reads. A label or tooltip
    is a locale key (filled from `text`) or a function of the row."""
    def words(value, row):
        return value(row) if callable(value) else t(value, **(text or {}))

    for start in range(0, len(shown), per_row):
        for column, (item, row) in zip(st.columns(list(widths) if widths else per_row), shown[start:start + per_row]):
            column.metric(words(item.label, row), item.value(row), help=words(item.help, row) if item.help else None,
                          chart_data=item.trend(row) if item.trend else None,
                          **(item.delta(row) if item.delta else {}))
            caption = item.caption(row) if item.caption else None
            if caption:
                column.caption(caption)


def draw_household_list(filters: dict, listing: HouseholdList, heading=st.subheader) -> None:
    """One page of the list of the user's own area, its pager, and the audited CSV of the whole list;
    for who may not list households, the list's refusal and no query."""
    if listing.title:
        (minor_heading if listing.subheading else heading)(t(listing.title))
    user = access.current_user()
    try:
        scope = access.household_scope(user)
    except PermissionError:
        if not access.allows(user, "uploader"):
            if listing.for_viewers:
                st.caption(t(listing.for_viewers))
        elif listing.without_area:
            st.warning(t(listing.without_area))
        return
    lang = i18n.language()  # the file is built on the click, outside the page's run
    params = {**filters, **listing.params, "wilayah_akses": scope}
    name = listing.table_name
    rows, totals = list_page(listing.query, params, key=name)
    if listing.empty and not totals:
        st.caption(t(listing.empty))
        return
    if listing.folded and not totals:
        return
    with st.expander(t(listing.folded, rows=i18n.number(totals["baris_total"]))) if listing.folded else nullcontext():
        caption = listing.caption(totals) if listing.caption else None
        if caption:
            st.caption(caption)
        shown = (lambda frame: listing.shown(frame, lang)) if listing.shown else (lambda frame: frame)
        st.dataframe(shown(rows), hide_index=True, key=listing.key or f"table_{name}")
        pager(name, len(rows), totals.get("baris_total", 0))
        household_download(lambda: whole_list(listing.query, params), name, t("common.download_whole_csv"),
                           prepare=None if listing.raw_file else shown,
                           target=f"{name} {scope or '*'}" if listing.area_in_target else None,
                           area_in_log=not listing.area_in_target)


def draw_short_list(filters: dict, table: ShortList, heading=st.subheader) -> None:
    """A page of a short list with its pager (always: a list of 3 says so too) and the CSV of every row."""
    if table.title:
        heading(t(table.title))
    whole = read(table, filters)
    if table.empty and whole.empty:
        st.caption(t(table.empty))
        return
    caption = table.caption(whole) if table.caption else None
    if caption:
        st.caption(caption)
    name = table.table_name
    rows = frame_page(whole, name)
    st.dataframe(table.shown(rows, i18n.language()) if table.shown else rows, hide_index=True, key=f"table_{name}")
    pager(name, len(rows), len(whole))
    st.download_button(t("common.download_csv"), data=lambda: export.csv_bytes(whole), file_name=f"{name}.csv",
                       mime="text/csv", key=f"download_{name}")


def lead(line, filters: dict) -> None:
    """The line under a part's heading that says what it counts, where the part has one."""
    text = line(filters) if line else None
    if text:
        st.caption(text)


def draw_section(filters: dict, section: Section, heading=st.subheader) -> None:
    built = build(section, filters)
    if section.when and not section.when(built.rows):
        return
    if section.title:
        heading(t(section.title, **section.text))
    lead(section.lead, {**filters, **section.params})
    if section.intro:
        st.caption(section.intro)
    if built.notice:
        (st.success if built.notice.good else st.info)(t(built.notice.text))
        if built.rows.empty:
            return
    elif built.rows.empty and built.figure is None:
        if section.empty:
            (st.success if section.empty_is_good else st.info)(t(section.empty, **section.text))
        return
    if built.takeaway:
        takeaway(built.takeaway)
    explains = section.explains(built.rows) if section.explains else None
    if explains:
        st.caption(explains)
    if section.figures:
        shown = section.figure_rows(built.rows) if section.figure_rows else built.rows
        figures([(section.figures, row) for _, row in shown.iterrows()], section.per_row)
    elif built.figure is not None:
        draw_chart(section, built, filters)
    elif section.chart is not None and section.empty and not privacy.suppressed(built.rows):
        # The chart kind found nothing to draw, and not because the door hid it (its note says that).
        (st.success if section.empty_is_good else st.info)(t(section.empty, **section.text))
        if section.empty_is_good:
            return  # a check that found nothing wrong: no table of zeros
    after = section.after(built.rows) if section.after else None
    if after:
        st.caption(after)
    if not section.table_open:  # the note under the chart; under an open table, the note follows it
        section_privacy_note(section, built.rows)
    if section.table:
        formatted_table(section.table_rows(built.rows) if section.table_rows else built.rows, section.table_name,
                        section.table, section.headers, folded=not section.table_open, raw_file=section.raw_file)
    if section.table_open:
        section_privacy_note(section, built.rows)
    for part in section.below:
        draw(filters, part, heading=lambda text: st.markdown(f"##### {text}"))


def section_privacy_note(section: Section, rows: pd.DataFrame) -> None:
    """The section's own line on what the door hid, or the common one (none where a part below says it)."""
    if section.privacy:
        note = section.privacy(rows)
        if note:
            st.caption(note)
    elif section.note:
        privacy_note(rows)


def draw_chart(section: Section, built, filters: dict) -> None:
    """A section's chart and the line under it; a chart that answers clicks sends them to on_select,
    whose note (a click that changed nothing) shows above the chart in the run the click starts.
    Under it, the chart as a PNG to pass on, named for what it shows, with its title, area, period,
    source and the sample-data mark drawn in."""
    selecting, note_key = {}, f"{section.chart_key}_note"
    if section.on_select:
        def selected() -> None:
            note = section.on_select(st.session_state.get(section.chart_key) or {}, built.rows)
            if note:
                st.session_state[note_key] = note
        selecting = {"on_select": selected, "selection_mode": "points"}
        note = st.session_state.pop(note_key, None)
        if note:
            st.caption(t(note))
    title = t(section.title, **section.text) if section.title else ""
    charts.show(built.figure, key=section.chart_key, height=built.figure.layout.height or 420,
                layout=section.layout, file_name=chart_file_name(title, filters), **selecting)
    caption = section.caption(built.rows) if section.caption else None
    if caption:
        st.caption(caption)
    chart_png_button(built.figure, title, filters, section.chart_key)


def share_cards(filters: dict, part, title: str) -> None:
    """The headline figures of `part` as square pictures to pass on in a messaging group, one
    chosen at a time, each built on its click."""
    from bebenah import briefing, briefing_files

    if not briefing_files.chromium_present():
        return
    shown = briefing.slide(title, part, filters)
    if not shown.figures:
        return
    with st.expander(t("common.share_cards"), icon=":material/share:"):
        st.caption(t("common.share_cards_help"))
        labels = [figure.label for figure in shown.figures]
        chosen = st.selectbox(t("common.share_card_figure"), range(len(labels)), format_func=labels.__getitem__,
                              key="share_card_figure")
        figure = shown.figures[chosen]
        st.download_button(
            t("common.download_png"), key="share_card_png", mime="image/png",
            file_name=f"{chart_file_name(figure.label, filters)}.png", icon=":material/image:",
            data=lambda: briefing_files.share_card(figure, shown.title, briefing.footer(filters, is_sample_data())))


def chart_file_name(title: str, filters: dict) -> str:
    """grafik_<what it shows>_<area>_<date>: a PNG someone can find again in a chat's downloads."""
    from bebenah import briefing

    return briefing.file_stem(filters, filters.get("sampai") or date.today(), what=title)


def chart_png_button(figure, title: str, filters: dict, key: str) -> None:
    from bebenah import briefing, briefing_files

    if not briefing_files.chromium_present():
        return
    st.download_button(
        t("common.download_png"), key=f"{key}_png", mime="image/png", file_name=f"{chart_file_name(title, filters)}.png",
        data=lambda: briefing_files.captioned_png(figure, title, briefing.footer(filters, is_sample_data())),
        icon=":material/image:", help=t("common.download_png_help"))


def draw_cards(filters: dict, cards: Cards, heading=st.subheader) -> None:
    heading(t(cards.title))
    rows = read(cards, filters)
    if rows.empty:
        st.caption(t(cards.empty))
        return
    shown = rows.dropna(subset=[cards.shown])
    for column, row in zip(st.columns(3), shown.itertuples()):
        card = cards.card(row)
        with column.container(border=True):
            st.metric(card.label, card.value)
            st.markdown(escape_markdown(card.text))
            if card.link:
                link_narrowed(*card.link)
    if len(shown) < len(rows):
        st.caption(t(cards.hidden, count=len(rows) - len(shown)))


def draw_table(filters: dict, table: Table, heading=st.subheader) -> None:
    if table.title:  # None: the table behind the charts above it
        heading(t(table.title))
    rows = read(table, filters)
    if rows.empty:
        return
    caption = table.caption(rows) if table.caption else None
    if caption:
        st.caption(caption)
    formatted_table(rows, table.table_name, table.table, table.headers)
    privacy_note(rows)


def link_narrowed(url_path: str, text: str, areas: dict) -> None:
    """A link to another page, narrowed to `areas` (level -> name), keeping the language and period.

    A plain link, in the same tab, that loads the page afresh, so that its filters take their values from the URL as a
    shared link does: st.page_link(query_params=...) lands unfiltered once the filters hold a value in
    the session, and st.switch_page refuses to leave while filters are bound to the URL.
    """
    query = {**st.query_params.to_dict(), **areas}
    query = urlencode({key: value for key, value in query.items() if value})
    href = f"{url_path}?{query}" if query else url_path
    # In the same tab (a markdown link opens a new one each time); href and text escaped as HTML.
    st.markdown(f'<a href="{html.escape(href)}" target="_self">➡️ {html.escape(text)}</a>', unsafe_allow_html=True)


def period_caption(filters: dict) -> None:
    """Under a page's title: the area and the period its figures are of."""
    st.caption(t("common.period", area=area_name(filters), dari=day(filters["dari"]), sampai=day(filters["sampai"])))


def draw_downloads(filters: dict, downloads: Downloads, heading=st.subheader) -> None:
    """The caption, the privacy note, the file buttons side by side and a page of the rows in a fold."""
    heading(t(downloads.title))
    rows = read(downloads, filters)
    caption = downloads.caption(rows) if downloads.caption else None
    if caption:
        st.caption(caption)
    privacy_note(rows)
    for column, file in zip(st.columns(len(downloads.files)), downloads.files):
        # Each file is built on its click, not on every run of the page.
        column.download_button(t(file.label), data=lambda file=file: file.data(rows), file_name=file.file_name,
                               mime=file.mime, key=file.key, width="stretch")
    name = downloads.table_name
    with st.expander(t("common.show_table")):
        shown = frame_page(rows, name)
        st.dataframe(downloads.preview(shown) if downloads.preview else shown, hide_index=True, key=f"table_{name}")
        pager(name, len(shown), len(rows))


def choose_clicked_kelurahan(outside: str):
    """A kelurahan map's on_select: a click on a kelurahan chooses it in the sidebar; a click on the
    chosen one clears it. It runs as the chart's callback, before the sidebar's selectbox renders, so
    the selectbox (and the URL bound to it) takes the new value in the same rerun.
    outside: locale key of the note when the kelurahan is not in the programme (no filter can take it)."""
    def chosen(event: dict, rows: pd.DataFrame) -> str | None:
        points = event.get("selection", {}).get("points", [])
        if not points:
            return None
        code = points[0].get("location")
        if code not in set(db.run("area_options").kode_kelurahan):
            return outside
        st.session_state["kelurahan"] = None if st.session_state.get("kelurahan") == code else code
        return None
    return chosen


def choose_clicked_area(event: dict, rows: pd.DataFrame) -> None:
    """A Section's on_select: a click on a kecamatan's or kelurahan's bar (its code first in the bar's
    customdata) chooses it in the sidebar. As the chart's callback it runs before the sidebar's
    selectboxes render, so they (and the URL bound to them) take the new value in the same rerun."""
    points = (event or {}).get("selection", {}).get("points", [])
    codes = [point.get("customdata", [None])[0] for point in points]
    if not codes or not codes[0]:
        return
    st.session_state["kecamatan"] = codes[0][:8]
    if len(codes[0]) > 8:
        st.session_state["kelurahan"] = codes[0]


def cohort_and_round(filters: dict) -> dict:
    """The progress pages' own sidebar choosers under the shared filters: the cohort (baseline year) and the
    survey round progress is counted up to, bound to the URL; returns the filters with both."""
    st.sidebar.header(t("progress.filters_title"))
    kohort = st.sidebar.selectbox(
        t("progress.kohort"), [int(year) for year in db.run("progress_kohort_options").kohort], index=None,
        format_func=str, placeholder=t("progress.all_cohorts"), help=t("progress.kohort_help"),
        key="kohort", bind="query-params",
    )
    putaran = st.sidebar.selectbox(
        t("progress.putaran"), [int(n) for n in db.run("progress_putaran_options").putaran_ke], index=None,
        format_func=str, placeholder=t("progress.latest_round"), help=t("progress.putaran_help"),
        key="putaran", bind="query-params",
    )
    return {**filters, "kohort": kohort, "putaran": putaran}


# What draws each kind of part (a Section when none of these).
DRAWERS = {Metrics: draw_metrics, HouseholdList: draw_household_list, Cards: draw_cards, Table: draw_table,
           Downloads: draw_downloads, ShortList: draw_short_list}
