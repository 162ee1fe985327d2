"""The coverage screen's parts: where the programme reaches, where it does not, and who gets no help."""

import pandas as pd

from bebenah import charts, page, takeaways
from bebenah.i18n import day, labels, number, percent, t
from bebenah.sections import Columns, Finding, HouseholdList, Notice, Section

COLUMNS = "coverage.column"  # table headers: locales/coverage.toml


def named_types(rows: pd.DataFrame) -> pd.DataFrame:
    """The intervention types named beside their codes (codes still rank and group them)."""
    return rows.assign(nama_jenis=labels(rows.jenis_intervensi, "jenis_intervensi"))


def household_level(rows: pd.DataFrame) -> pd.DataFrame:
    return rows[rows.tingkat == "rumah_tangga"]


def map_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """Kelurahan outside the programme have no share (grey), and every kelurahan its hover line."""
    rows = rows.assign(capaian=rows.capaian.where(rows.di_program))
    return rows.assign(hover=[
        t("coverage.map_hover", area=row.kelurahan, kecamatan=row.kecamatan, enrolled=number(row.rt_terdaftar),
          target=number(row.sasaran_rt), share=percent(row.capaian)) if row.capaian == row.capaian
        else f"{row.kelurahan} ({row.kecamatan})<br>"
        + t("coverage.map_hidden" if row.di_program else "coverage.map_no_programme")
        for row in rows.itertuples()])


def gap_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """Needs and the types that answer them named; the cell text (a hidden count shows a dash)."""
    return rows.assign(
        nama_kebutuhan=labels(rows.kebutuhan, "kebutuhan"),
        penjawab=labels(rows.jenis_penjawab, "jenis_intervensi", separator=" "),
        teks=[number(value) for value in rows.rt_tanpa_intervensi],
    )


def gap_notice(rows: pd.DataFrame) -> Notice | None:
    """No heatmap when every gap figure is hidden, or when there is no gap."""
    if rows.empty:
        return None
    if rows.rt_tanpa_intervensi.isna().all():
        return Notice("coverage.gaps_hidden")
    if rows.rt_tanpa_intervensi.sum() == 0:
        return Notice("coverage.gaps_none", good=True)
    return None


def gap_households(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Gap rows for the screen and the file: needs named (once per need), headers in the language."""
    return rows.assign(kebutuhan=labels(rows.kebutuhan, "kebutuhan", lang)).drop(columns="kode_kelurahan") \
        .rename(columns=lambda column: t(f"{COLUMNS}.{column}", lang))


def overlap_households(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Overlap rows for the screen and the file: types and agencies named, headers in the language."""
    return rows.assign(
        jenis_intervensi=labels(rows.jenis_intervensi, "jenis_intervensi", lang),
        lembaga=labels(rows.lembaga, "lembaga", lang, separator=" "),
    ).drop(columns="kode_kelurahan").rename(columns=lambda column: t(f"{COLUMNS}.{column}", lang))


def chosen_level(filters: dict) -> str:
    """The level of the area the filters choose (a kota when none is chosen)."""
    return "kelurahan" if filters.get("kelurahan") else "kecamatan" if filters.get("kecamatan") else "kota"


def parts(filters: dict) -> list:
    """The coverage screen for these filters: reach per kecamatan, or per kelurahan once one is chosen."""
    level = "kecamatan" if not (filters["kecamatan"] or filters["kelurahan"]) else "kelurahan"
    return [
        Finding("coverage_by_area", lambda rows: takeaways.enrolment_and_reach(rows, chosen_level(filters)),
                stop_when_empty=True),
        # 1-2. Map of enrolment against target, and beside it the interventions' reach per area.
        Columns((
            Section("coverage_map_kelurahan", "coverage.map_title", key="coverage_map", prepare=map_rows,
                    chart=lambda rows: charts.kelurahan_map(rows, value="capaian", text="hover", chosen="dipilih",
                                                            colour_title=t(f"{COLUMNS}.capaian")),
                    takeaway=takeaways.lowest_share_of_target,
                    on_select=page.choose_clicked_kelurahan(outside="coverage.map_outside"),
                    caption=lambda rows: t("coverage.map_hint"), table_rows=lambda rows: rows[rows.di_program],
                    table={"kelurahan": None, "kecamatan": None, "rt_terdaftar": number, "sasaran_rt": number,
                           "capaian": percent}, headers=COLUMNS),
            Section("coverage_by_area", f"coverage.reach_title_{level}", key="coverage_reach_chart",
                    prepare=lambda rows: rows[rows.tingkat == level].sort_values(["cakupan", "wilayah"],
                                                                                 na_position="last"),
                    chart=lambda rows: charts.share_bars(rows, label="wilayah", shares={"cakupan": ""},
                                                         axis_title=t(f"{COLUMNS}.cakupan")),
                    takeaway=takeaways.least_reached_area),
        ), widths=(3, 2), small_titles=False),
        Section("coverage_by_area", "coverage.enrolment_title", headers=COLUMNS,
                prepare=lambda rows: rows.assign(tingkat=[t(f"filters.{tingkat}") for tingkat in rows.tingkat]),
                table={"tingkat": None, "wilayah": None, "rt_terdaftar": number, "sasaran_rt": number,
                       "capaian": percent, "rt_dijangkau": number, "cakupan": percent}),
        # Coverage per intervention type: households reached / enrolled, and / the type's target.
        Section("coverage_by_jenis", "coverage.types_title", key="coverage_types_chart", prepare=named_types,
                instead=lambda rows: Notice("coverage.types_none") if household_level(rows).empty else None,
                chart=lambda rows: charts.share_bars(
                    household_level(rows), label="nama_jenis", wrap_width=24, headroom=1.15,
                    shares={"cakupan": t("coverage.of_enrolled"), "capaian_sasaran": t("coverage.of_type_target")},
                    axis_title=t(f"{COLUMNS}.cakupan")),
                takeaway=lambda rows: takeaways.widest_reaching_type(household_level(rows)), headers=COLUMNS,
                table={"nama_jenis": None, "kegiatan": number, "rt_dijangkau": number, "rt_terdaftar": number,
                       "cakupan": percent, "sasaran_rt": number, "capaian_sasaran": percent}),
        # 3. Heatmap of kelurahan against intervention type.
        Section("coverage_kelurahan_by_jenis", "coverage.heatmap_title", key="coverage_heatmap",
                prepare=lambda rows: named_types(rows).assign(teks=[percent(share) for share in rows.cakupan]),
                instead=lambda rows: Notice("coverage.types_none") if rows.empty else None,
                chart=lambda rows: charts.heatmap(rows, x="nama_jenis", y="kelurahan", value="cakupan", text="teks",
                                                  colour_title=t(f"{COLUMNS}.cakupan"), share=True,
                                                  colours=[[0, "#F7FBFF"], [0.5, "#6BAED6"], [1, "#08306B"]]),
                takeaway=takeaways.untouched_areas, headers=COLUMNS,
                table={"kelurahan": None, "nama_jenis": None, "rt_terdaftar": number, "rt_dijangkau": number,
                       "cakupan": percent, "kegiatan": number}),
        # 4. Needs-based gaps: families with a need that no delivered intervention answers.
        Section("gaps_by_kelurahan", "coverage.gaps_title", key="coverage_gaps_chart", prepare=gap_rows,
                intro=t("coverage.gaps_caption", sampai=day(filters["sampai"])), instead=gap_notice,
                chart=lambda rows: charts.heatmap(rows, x="nama_kebutuhan", y="kelurahan", value="rt_tanpa_intervensi",
                                                  text="teks", colour_title=t(f"{COLUMNS}.rt_tumpang_tindih"),
                                                  colours=[[0, "#FFF5EB"], [1, "#D55E00"]]),
                takeaway=takeaways.largest_gap, headers=COLUMNS,
                table={"kecamatan": None, "kelurahan": None, "nama_kebutuhan": None, "rt_berkebutuhan": number,
                       "rt_tanpa_intervensi": number, "porsi_tanpa_intervensi": percent, "penjawab": None}),
        # The list itself: household codes, for uploaders of the area and admins only.
        HouseholdList("gaps_households", "coverage.gap_list_title", subheading=True, shown=gap_households,
                      key="gaps_households_table", for_viewers="coverage.households_viewer",
                      without_area="coverage.households_no_area",
                      caption=lambda totals: t("coverage.gap_list_caption", rows=number(totals.get("baris_total", 0)),
                                               households=number(totals.get("rumah_tangga_total", 0)))),
        # 5. Overlaps: the same intervention type from two or more agencies for one family. No chart:
        # the table itself is what the meeting reads, so it is shown, not folded away.
        Section("overlaps_by_kelurahan", "coverage.overlaps_title", headers=COLUMNS, table_open=True,
                prepare=lambda rows: named_types(rows).assign(
                    nama_lembaga=labels(rows.lembaga, "lembaga", separator=" ")),
                instead=lambda rows: Notice("coverage.overlaps_none", good=True) if rows.empty else None,
                takeaway=takeaways.overlapping_agencies,
                table={"kelurahan": None, "nama_jenis": None, "nama_lembaga": None, "rt_tumpang_tindih": number,
                       "kegiatan": number}),
        HouseholdList("overlaps_households", folded="coverage.overlaps_households", shown=overlap_households,
                      key="overlaps_households_table"),
        # 6. Deliveries over time, by type and month.
        Section("coverage_deliveries_by_month", "coverage.monthly_title", key="coverage_monthly_chart",
                prepare=named_types,
                chart=lambda rows: charts.month_stacks(rows, month="bulan", group="jenis_intervensi", name="nama_jenis",
                                                       value="kegiatan", axis_title=t(f"{COLUMNS}.kegiatan"),
                                                       other=t("coverage.other_types")),
                takeaway=takeaways.busiest_month, headers=COLUMNS,
                table={"bulan": lambda month: day(month, form="MMMM y"), "nama_jenis": None, "kegiatan": number,
                       "rt_dijangkau": number}),
    ]
