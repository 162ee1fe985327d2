"""The data-quality screen's parts (app_pages/mutu_data.py): what to complete or check before the
figures can be trusted. Counts per kelurahan for everyone on the page; the households (and
facilitators) behind them only for the user's own area (admins: all)."""

import pandas as pd

from bebenah import access, charts, db, privacy, takeaways
from bebenah.i18n import day, label, number, percent, t
from bebenah.page import PAGE_ROWS
from bebenah.sections import HouseholdList, Metric, Metrics, Section, ShortList

OVERDUE_MONTHS = 9  # a household is overdue when its kelurahan was surveyed this much later
IDLE_DAYS = 60  # a facilitator is idle without a survey for this long before the latest one
CHECKS = {"bulan": OVERDUE_MONTHS, "hari": IDLE_DAYS}
COLUMNS = "quality.column"
CHART_ROWS = 12
KELURAHAN = {"kode_kelurahan": None, "kelurahan": None, "kecamatan": None}
OPTIONAL = ("terisi_rt", "terisi_kategori_pendapatan_bulanan", "terisi_desil_kesejahteraan",
            "terisi_luas_lantai_per_kapita_m2", "terisi_skor_pengasuhan", "terisi_catatan_fasilitator")


def household_area(user: dict) -> tuple[str | None, bool]:
    """The area whose households the user may list (an uploader's kecamatan or kelurahan; None for
    admins: everywhere), and whether they may list any: an uploader without an area sees counts only."""
    try:
        return access.household_scope(user), True
    except PermissionError:
        return None, False


def parts(scope: str | None, may_list: bool) -> list:
    """The headline figures within the user's area, then one section per check; the households (and
    facilitators) behind each check's counts under it, never read for a user who may not list them."""
    lists = {"wilayah_akses": scope, **CHECKS}

    def behind(listing) -> tuple:
        return (listing,) if may_list else ()

    return [
        *([headline(scope)] if may_list else []),
        Section("quality_completeness", "quality.completeness_title", headers=COLUMNS,
                lead=lambda filters: t("quality.completeness_caption"), empty="quality.completeness_none",
                chart=lambda rows: charts.kelurahan_heatmap(
                    rows, "putaran_ke", "terisi", "rumah_tangga", column_name=lambda n: t("quality.round_n", n=int(n)),
                    weight_name=t("quality.households_surveyed"), most=CHART_ROWS),
                takeaway=takeaways.least_complete_answers, privacy=hidden_note,
                caption=lambda rows: beyond_chart(rows.kode_kelurahan.nunique()),
                table={**KELURAHAN, "putaran_ke": None, "rumah_tangga": number, "terisi": percent,
                       **dict.fromkeys(OPTIONAL, percent)}),
        check("quality_no_baseline_by_kelurahan", "no_baseline", ["rt_tanpa_baseline"], behind(households(
            "quality_no_baseline_households", lists, {"tanggal_pertama": medium_day}))),
        check("quality_missing_rounds_by_kelurahan", "missing", ["rt_putaran_terlewat", "rt_terlambat"], behind(households(
            "quality_missing_rounds_households", lists, {
                "alasan": lambda code: t(f"quality.reason.{code}"), "tanggal_terakhir": medium_day,
                "survei_kelurahan_terakhir": medium_day,
                "putaran_hilang": lambda value: value if isinstance(value, str) else ""}))),
        check("quality_jumps_by_kelurahan", "jumps", ["rt_lompat_tahapan", "rt_ubah_anggota"], behind(households(
            "quality_jumps_households", lists, {
                "tanggal_dari": medium_day, "tanggal_ke": medium_day,
                "tahapan_dari": lambda code: label("tahapan_ks", code), "tahapan_ke": lambda code: label("tahapan_ks", code),
                "lompat_tahapan": yes_no, "ubah_anggota": yes_no}))),
        # How long each kelurahan's longest-idle facilitator has been silent: the count is 1 or 2 almost
        # everywhere, the days tell where to call first. The facilitators are few, read whole.
        Section("quality_inactive_facilitators_by_kelurahan", "quality.facilitators_title", params=CHECKS,
                text={"days": IDLE_DAYS}, key="quality_facilitators_chart", headers=COLUMNS,
                lead=latest_survey_line, empty="quality.facilitators_none", empty_is_good=True,
                chart=lambda rows: charts.kelurahan_bars(idle(rows), ["hari_terlama"], reasons(["hari_terlama"]),
                                                         axis_title=t("quality.days_axis"), most=CHART_ROWS),
                takeaway=lambda rows: takeaways.longest_idle(rows, IDLE_DAYS),
                caption=lambda rows: beyond_chart(len(charts.counted_kelurahan(idle(rows), ["hari_terlama"])[1])),
                table={**KELURAHAN, "fasilitator": number, "fasilitator_tidak_aktif": number, "hari_terlama": number},
                below=behind(ShortList("quality_inactive_facilitators", "quality.facilitators_list_title", params=lists,
                                   shown=listed({"tanggal_terakhir": medium_day}), empty="quality.none_in_area",
                                   caption=lambda rows: t("quality.facilitators_caption" + ("" if scope else "_all"),
                                                          n=number(len(rows)))))),
    ]


def headline(scope: str | None) -> Metrics:
    """Five figures within the user's area: the share of optional answers filled, and how many
    households (or facilitators) each check lists."""
    first_page = {"limit": PAGE_ROWS, "offset": 0}  # as the list below reads it: one read for both

    def listed_households(name: str, query: str) -> Metric:
        return Metric(f"quality.metric_{name}", lambda row: number(row.get("rumah_tangga_total", 0)),
                      help=f"quality.metric_{name}_help", query=query, params=first_page)

    return Metrics(
        "quality_completeness", per_row=5, params={"wilayah_akses": scope, **CHECKS},
        text={"months": OVERDUE_MONTHS, "days": IDLE_DAYS},
        lead=lambda filters: t("quality.scope_area", area=scope) if scope else t("quality.scope_all"),
        prepare=lambda rows: filled_in_area(rows, scope),
        items=(
            Metric("quality.metric_completeness", lambda row: percent(row.terisi), help="quality.metric_completeness_help"),
            listed_households("no_baseline", "quality_no_baseline_households"),
            listed_households("missing", "quality_missing_rounds_households"),
            listed_households("jumps", "quality_jumps_households"),
            Metric("quality.metric_facilitators", lambda row: number(row.fasilitator),
                   help="quality.metric_facilitators_help", query="quality_inactive_facilitators",
                   prepare=lambda rows: pd.DataFrame({"fasilitator": [len(rows)]})),
        ),
    )


def check(query: str, name: str, reasons_counted: list[str], below: tuple) -> Section:
    """A check that counts households per kelurahan (one bar per reason, the kelurahan with the most on
    top), with the user's own households behind the counts under it (`below`, where they may see them)."""
    return Section(
        query, f"quality.{name}_title", params=CHECKS, key=f"quality_{name}_chart", headers=COLUMNS,
        lead=lambda filters: t(f"quality.{name}_caption", months=OVERDUE_MONTHS),
        empty=f"quality.{name}_none", empty_is_good=True,
        chart=lambda rows: charts.kelurahan_bars(rows, reasons_counted, reasons(reasons_counted), most=CHART_ROWS),
        takeaway=lambda rows: takeaways.most_flagged_kelurahan(rows, reasons_counted, f"quality.{name}_takeaway",
                                                               months=OVERDUE_MONTHS),
        caption=lambda rows: beyond_chart(len(charts.counted_kelurahan(rows, reasons_counted)[1])),
        privacy=hidden_note,
        table={**KELURAHAN, "rumah_tangga": number, **dict.fromkeys(reasons_counted, number)},
        below=below,
    )


def households(query: str, params: dict, formats: dict) -> HouseholdList:
    """The households behind a check's counts in the user's area, with the CSV of the whole list under
    the contract's column names (to correct and upload again), logged in the audit log on its click."""
    return HouseholdList(
        query, "quality.list_title", params=params, shown=listed(formats), empty="quality.none_in_area",
        caption=lambda totals: t("quality.households_caption" + ("" if params["wilayah_akses"] else "_all"),
                                 n=number(totals["rumah_tangga_total"])),
        raw_file=True, area_in_target=False,
    )


def listed(formats: dict):
    """A list's rows for the screen (its file keeps the query's columns): values formatted, the columns
    every row shares dropped (the caption says them), headers in the language."""
    def shown(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
        rows = rows.assign(**{column: rows[column].map(format_value) for column, format_value in formats.items()})
        same = [column for column in ("kode_kelurahan", "tanggal_data_terakhir") if column in rows]
        return rows.drop(columns=same).rename(columns=lambda column: t(f"{COLUMNS}.{column}", lang))
    return shown


def filled_in_area(rows: pd.DataFrame, scope: str | None) -> pd.DataFrame:
    """One row: the share of optional answers filled in the user's area, over its rounds (None: no survey)."""
    mine = rows[rows.kode_kelurahan.map(lambda code: access.in_area(code, scope)).astype(bool)]
    surveyed = mine.rumah_tangga.sum()
    return pd.DataFrame({"terisi": [(mine.terisi * mine.rumah_tangga).sum() / surveyed if surveyed else None]})


def idle(rows: pd.DataFrame) -> pd.DataFrame:
    return rows[rows.fasilitator_tidak_aktif > 0]


def latest_survey_line(filters: dict) -> str:
    """What a facilitator's silence is measured against: the programme's latest survey, whatever the area."""
    latest = db.run("quality_latest_survey", **filters).iloc[0, 0]
    return t("quality.facilitators_explain", days=IDLE_DAYS, date=day(latest))


def reasons(columns: list[str]) -> dict[str, str]:
    return {column: t(f"quality.reason.{column}") for column in columns}


def beyond_chart(total: int) -> str | None:
    """Under a chart of the first CHART_ROWS kelurahan: how many there are (the table has them all)."""
    return t("quality.chart_top", shown=number(CHART_ROWS), total=number(total)) if total > CHART_ROWS else None


def hidden_note(rows: pd.DataFrame) -> str | None:
    """The door hides small counts outside the user's area only: say so where it hid some."""
    return t("quality.hidden_note", k=privacy.min_households()) if privacy.suppressed(rows) else None


def medium_day(value) -> str:
    return day(value, form="medium")


def yes_no(value) -> str | None:
    return {True: label("pilihan.ya_tidak", "ya"), False: label("pilihan.ya_tidak", "tidak")}.get(value)
