"""Data quality (Mutu data): what to complete or check before the figures can be trusted: optional
answers left blank, households without a baseline or missing a round, implausible changes between
rounds, facilitators who stopped surveying. Counts per kelurahan for everyone on the page; the
household (and facilitator) codes behind them only for the user's own area (admins: all)."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from bebenah import access, charts, db, export, page, privacy
from bebenah.i18n import day, label, number, percent, t

OVERDUE_MONTHS = 9  # a household is overdue when its kelurahan was surveyed this much later
IDLE_DAYS = 60  # a facilitator is idle without a survey for this long before the latest one
COLUMNS = "quality.column"
CHART_ROWS = 12

filters = page.setup("uploader")
user = access.current_user()
try:
    scope = access.household_scope(user)  # an uploader's kecamatan or kelurahan; None for admins
    may_list = True
except PermissionError:  # an uploader without an area sees counts only
    scope, may_list = None, False
params = {**filters, "bulan": OVERDUE_MONTHS, "hari": IDLE_DAYS}

st.title(t("quality.title"))
st.caption(t("common.period", area=page.area_name(filters), dari=day(filters["dari"]), sampai=day(filters["sampai"])))
st.caption(t("quality.intro"))


def own(frame: pd.DataFrame) -> pd.Series:
    """Rows inside the area whose households the user may see (every row for admins)."""
    if not may_list:
        return pd.Series(False, index=frame.index)
    return frame["kode_kelurahan"].map(lambda code: access.in_area(code, scope)).astype(bool)


def hidden_note(hidden: int) -> None:
    if hidden:
        st.caption(t("quality.hidden_note", k=privacy.min_households()))


def headers(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.rename(columns=lambda column: t(f"{COLUMNS}.{column}"))


def counts_table(frame: pd.DataFrame, name: str, formats: dict) -> None:
    """The counts behind a chart, one click away: raw in the CSV, formatted on screen."""
    def shown(rows: pd.DataFrame) -> pd.DataFrame:
        rows = frame.loc[rows.index].copy()
        for column, format_value in formats.items():
            rows[column] = rows[column].map(format_value)
        return headers(rows)

    page.table_and_download(headers(frame), name, shown=shown)


def area_bars(frame: pd.DataFrame, columns: list[str], key: str, axis: str | None = None) -> None:
    """Households (or facilitators) per kelurahan, one bar per reason, the worst kelurahan on top; at
    most CHART_ROWS kelurahan, so that the chart reads on a projector (the table has them all)."""
    columns = [column for column in columns if frame[column].fillna(0).gt(0).any()] or columns[:1]
    known = frame.dropna(subset=columns, how="all")  # a row whose counts are all hidden draws nothing
    worst = known.assign(_sum=known[columns].sum(axis=1)).sort_values("_sum", ascending=False, kind="stable")
    shown = worst.head(CHART_ROWS)
    figure = go.Figure()
    for index, column in enumerate(columns):
        figure.add_bar(
            y=area_names(shown), x=shown[column], name=t(f"quality.reason.{column}"),
            orientation="h", marker_color=charts.PALETTE[index], customdata=shown.kecamatan,
            hovertemplate="%{y} (%{customdata}): %{x:,.0f}<extra>" + t(f"quality.reason.{column}") + "</extra>",
        )
    largest_value = shown[columns].max().max()
    figure.update_layout(barmode="group", yaxis={"autorange": "reversed"}, showlegend=len(columns) > 1)
    # Whole numbers only: plotly would put ticks at 0.5 and print them as 1.
    figure.update_xaxes(tickformat=",.0f", rangemode="tozero", title_text=axis,
                        dtick=1 if pd.notna(largest_value) and largest_value <= 8 else None)
    charts.show(figure, key=key, height=max(240, (22 + 20 * len(columns)) * len(shown) + 130))
    if len(known) > len(shown):
        st.caption(t("quality.chart_top", shown=number(len(shown)), total=number(len(known))))


def listing(name: str, title: str, formats: dict) -> None:
    """The households (or facilitators) behind the counts, in the user's area, one page at a time, with
    the CSV of the whole list under the contract's column names; a household list's CSV is read and
    built only on the click, which writes it to the audit log. Formats apply to the shown page only."""
    if name not in lists:
        return
    rows, total = lists[name]
    st.markdown(f"##### {title}")
    if not total:
        st.caption(t("quality.none_in_area"))
        return
    households = name in HOUSEHOLD_LISTS
    caption = ("quality.households_caption" if households else "quality.facilitators_caption") + ("" if scope else "_all")
    st.caption(t(caption, n=number(total)))
    if not households:
        rows = page.frame_page(rows, name)
    shown = rows.copy()
    for column, format_value in formats.items():
        shown[column] = rows[column].map(format_value)
    same = [column for column in ("kode_kelurahan", "tanggal_data_terakhir") if column in shown]  # in the caption
    st.dataframe(headers(shown.drop(columns=same)), hide_index=True, key=f"table_{name}")
    if households:
        page.pager(name, len(rows), totals[name]["baris_total"])
        page.household_download(lambda: page.whole_list(name, params_in_area), name,
                                  t("common.download_whole_csv"), key=f"download_{name}")
    else:
        page.pager(name, len(rows), len(lists[name][0]))
        st.download_button(t("common.download_csv"), data=lambda: export.csv_bytes(lists[name][0]),
                           file_name=f"{name}.csv", mime="text/csv", key=f"download_{name}")


def area_names(frame: pd.DataFrame) -> list[str]:
    """Kelurahan names for a chart axis, with the kecamatan where a name occurs twice (a chart would
    merge them), wrapped for a projector."""
    twice = frame.kelurahan.duplicated(keep=False)
    names = frame.kelurahan.where(~twice, frame.kelurahan + " (" + frame.kecamatan + ")")
    return [charts.wrap(name, 22) for name in names]


def takeaway(text: str, hidden: int) -> None:
    """A finding from the counts shown; where small counts are hidden, it says it is about those shown."""
    page.takeaway(text + (" " + t("quality.among_shown") if hidden else ""))


def largest(frame: pd.DataFrame, columns: list[str]):
    """The shown row with the most (summed over columns), or None when every count is hidden."""
    known = frame.dropna(subset=columns)
    if known.empty:
        return None
    return known.loc[known[columns].sum(axis=1).idxmax()]


def medium_day(value) -> str:
    return day(value, form="medium")


yes_no = {True: label("pilihan.ya_tidak", "ya"), False: label("pilihan.ya_tidak", "tidak")}

# The figures within the user's scope ---------------------------------------------------------------
completeness = db.run("quality_completeness", **filters)
no_baseline = db.run("quality_no_baseline_by_kelurahan", **params)
missing = db.run("quality_missing_rounds_by_kelurahan", **params)
jumps = db.run("quality_jumps_by_kelurahan", **params)
facilitators = db.run("quality_inactive_facilitators_by_kelurahan", **params)

# The households (and facilitators) behind the counts, in the user's area: household-level, so never
# run for an uploader without an area.
# Household lists come a page at a time with the whole list's totals; the facilitators are few (one
# row each), read whole.
HOUSEHOLD_LISTS = ("quality_no_baseline_households", "quality_missing_rounds_households", "quality_jumps_households")
params_in_area = {**params, "wilayah_akses": scope}
lists, totals = {}, {}
if may_list:
    for name in HOUSEHOLD_LISTS:
        rows, totals[name] = page.list_page(name, params_in_area)
        lists[name] = (rows, totals[name].get("rumah_tangga_total", 0))
    facilitator_rows = db.run("quality_inactive_facilitators", **params_in_area)
    lists["quality_inactive_facilitators"] = (facilitator_rows, len(facilitator_rows))

if may_list:
    st.caption(t("quality.scope_area", area=scope) if scope else t("quality.scope_all"))
    mine = completeness[own(completeness)]
    filled = (mine.terisi * mine.rumah_tangga).sum() / mine.rumah_tangga.sum() if mine.rumah_tangga.sum() else None
    figures = (
        ("completeness", percent(filled)),
        ("no_baseline", number(lists["quality_no_baseline_households"][1])),
        ("missing", number(lists["quality_missing_rounds_households"][1])),
        ("jumps", number(lists["quality_jumps_households"][1])),
        ("facilitators", number(lists["quality_inactive_facilitators"][1])),
    )
    for column, (name, value) in zip(st.columns(len(figures)), figures):
        column.metric(t(f"quality.metric_{name}"), value,
                      help=t(f"quality.metric_{name}_help", months=OVERDUE_MONTHS, days=IDLE_DAYS))
else:
    st.warning(t("quality.no_area"))

# 1. Completeness ------------------------------------------------------------------------------------
st.subheader(t("quality.completeness_title"))
st.caption(t("quality.completeness_caption"))
optional = [column for column in completeness.columns if column.startswith("terisi_")]
hidden = privacy.suppressed(completeness)
if completeness.empty:
    st.info(t("quality.completeness_none"))
else:
    known = completeness.dropna(subset=["terisi"])
    if not known.empty:
        worst = known.loc[known.terisi.idxmin()]
        weights = known.rumah_tangga
        shares = {column: (known[column] * weights).sum() / weights.sum() for column in optional}
        blank = min(shares, key=shares.get)
        takeaway(t("quality.completeness_takeaway", area=worst.kelurahan, round=int(worst.putaran_ke),
                   share=percent(worst.terisi), column=label("kolom", blank.removeprefix("terisi_")),
                   column_share=percent(shares[blank])), hidden)
    # The least complete kelurahan (over all its rounds) on top: where to follow up first. At most
    # CHART_ROWS of them, so that the chart reads on a projector (the table has them all).
    overall = (completeness.terisi * completeness.rumah_tangga).groupby(completeness.kode_kelurahan).sum() \
        / completeness.rumah_tangga.groupby(completeness.kode_kelurahan).sum()
    order = overall.sort_values(kind="stable").index[:CHART_ROWS]
    grid = completeness.pivot(index="kode_kelurahan", columns="putaran_ke", values="terisi").loc[order]
    surveyed = completeness.pivot(index="kode_kelurahan", columns="putaran_ke", values="rumah_tangga").loc[order]
    rows = completeness.drop_duplicates("kode_kelurahan").set_index("kode_kelurahan").loc[order].reset_index()
    rounds = [t("quality.round_n", n=int(n)) for n in grid.columns]
    figure = go.Figure(go.Heatmap(
        z=grid.to_numpy(dtype="float64"), x=rounds, y=area_names(rows),
        # Most kelurahan fill most optional answers: the colours tell 60% from 90% apart.
        zmin=0, zmax=1, colorscale=[[0, "#D55E00"], [0.6, "#E69F00"], [0.8, "#F0E442"], [1, "#009E73"]],
        text=[[percent(value) if pd.notna(value) else "" for value in row] for row in grid.to_numpy()],
        texttemplate="%{text}", textfont={"size": 14},
        customdata=surveyed.to_numpy(dtype="float64"),
        hovertemplate="%{y}, %{x}: %{text} · %{customdata:,.0f} " + t("quality.households_surveyed") + "<extra></extra>",
        colorbar={"tickformat": ".0%", "title": {"text": ""}},
    ))
    figure.update_layout(yaxis={"autorange": "reversed"}, xaxis={"side": "top"})
    charts.show(figure, key="quality_completeness_chart", height=max(280, 30 * len(grid) + 110))
    if len(overall) > len(order):
        st.caption(t("quality.chart_top", shown=number(len(order)), total=number(len(overall))))
    hidden_note(hidden)
    counts_table(completeness, "quality_completeness",
                 {"rumah_tangga": number, "terisi": percent, **{column: percent for column in optional}})

# 2. Households without a baseline --------------------------------------------------------------------
st.subheader(t("quality.no_baseline_title"))
st.caption(t("quality.no_baseline_caption"))
hidden = privacy.suppressed(no_baseline)
if no_baseline.empty:
    st.success(t("quality.no_baseline_none"))
else:
    top = largest(no_baseline, ["rt_tanpa_baseline"])
    if top is not None:
        takeaway(t("quality.no_baseline_takeaway", count=number(len(no_baseline)), area=top.kelurahan,
                   n=number(top.rt_tanpa_baseline), total=number(top.rumah_tangga)), hidden)
    area_bars(no_baseline, ["rt_tanpa_baseline"], "quality_no_baseline_chart")
    hidden_note(hidden)
    counts_table(no_baseline, "quality_no_baseline_by_kelurahan", {"rumah_tangga": number, "rt_tanpa_baseline": number})
    listing("quality_no_baseline_households", t("quality.list_title"),
            {"tanggal_pertama": medium_day})

# 3. Households missing a round -----------------------------------------------------------------------
st.subheader(t("quality.missing_title"))
st.caption(t("quality.missing_caption", months=OVERDUE_MONTHS))
reasons = ["rt_putaran_terlewat", "rt_terlambat"]
hidden = privacy.suppressed(missing)
if missing.empty:
    st.success(t("quality.missing_none"))
else:
    top = largest(missing, reasons)
    if top is not None:
        takeaway(t("quality.missing_takeaway", area=top.kelurahan, skipped=number(top.rt_putaran_terlewat),
                   overdue=number(top.rt_terlambat), months=OVERDUE_MONTHS, total=number(top.rumah_tangga)), hidden)
    area_bars(missing, reasons, "quality_missing_chart")
    hidden_note(hidden)
    counts_table(missing, "quality_missing_rounds_by_kelurahan", {column: number for column in ["rumah_tangga", *reasons]})
    listing("quality_missing_rounds_households", t("quality.list_title"), {
        "alasan": lambda code: t(f"quality.reason.{code}"), "tanggal_terakhir": medium_day,
        "survei_kelurahan_terakhir": medium_day, "putaran_hilang": lambda value: value if isinstance(value, str) else "",
    })

# 4. Implausible changes between rounds ---------------------------------------------------------------
st.subheader(t("quality.jumps_title"))
st.caption(t("quality.jumps_caption"))
kinds = ["rt_lompat_tahapan", "rt_ubah_anggota"]
hidden = privacy.suppressed(jumps)
if jumps.empty:
    st.success(t("quality.jumps_none"))
else:
    top = largest(jumps, kinds)
    if top is not None:
        takeaway(t("quality.jumps_takeaway", area=top.kelurahan, stages=number(top.rt_lompat_tahapan),
                   size=number(top.rt_ubah_anggota)), hidden)
    area_bars(jumps, kinds, "quality_jumps_chart")
    hidden_note(hidden)
    counts_table(jumps, "quality_jumps_by_kelurahan", {column: number for column in ["rumah_tangga", *kinds]})
    listing("quality_jumps_households", t("quality.list_title"), {
        "tanggal_dari": medium_day, "tanggal_ke": medium_day,
        "tahapan_dari": lambda code: label("tahapan_ks", code), "tahapan_ke": lambda code: label("tahapan_ks", code),
        "lompat_tahapan": yes_no.get, "ubah_anggota": yes_no.get,
    })

# 5. Facilitators without a survey --------------------------------------------------------------------
st.subheader(t("quality.facilitators_title", days=IDLE_DAYS))
latest = db.run("quality_latest_survey", **params).iloc[0, 0]
st.caption(t("quality.facilitators_explain", days=IDLE_DAYS, date=day(latest)))
idle = facilitators[facilitators.fasilitator_tidak_aktif > 0]
if idle.empty:
    st.success(t("quality.facilitators_none", days=IDLE_DAYS))
else:
    longest = idle.loc[idle.hari_terlama.idxmax()]
    page.takeaway(t("quality.facilitators_takeaway", inactive=number(idle.fasilitator_tidak_aktif.sum()),
                    total=number(facilitators.fasilitator.sum()), days=IDLE_DAYS, area=longest.kelurahan,
                    longest=number(longest.hari_terlama)))
    # How long each kelurahan's longest-idle facilitator has been silent: the count is 1 or 2 almost
    # everywhere, the days tell where to call first.
    area_bars(idle, ["hari_terlama"], "quality_facilitators_chart", axis=t("quality.days_axis"))
    counts_table(facilitators, "quality_inactive_facilitators_by_kelurahan",
                 {"fasilitator": number, "fasilitator_tidak_aktif": number, "hari_terlama": number})
    listing("quality_inactive_facilitators", t("quality.facilitators_list_title"), {
        "tanggal_terakhir": medium_day, "tanggal_data_terakhir": medium_day,
    })
