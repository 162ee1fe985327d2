"""The contributions page's parts: headline figures, what each agency puts in, who does what where
(the matrix and the flow), one agency's scorecard, and the 3W files for coordination partners."""

import pandas as pd

from bebenah import charts, db, i18n, takeaways, threew
from bebenah.i18n import day, label, labelled, number, percent, rupiah, rupiah_short, t
from bebenah.sections import Columns, Download, Downloads, Metric, Metrics, Section, Table

KINDS = ("dana_idr", "barang", "jam_fasilitator", "sesi", "rujukan")
COLUMNS = "coverage.column"  # table headers, shared with the coverage page: locales/coverage.toml


def agencies() -> pd.DataFrame:
    """Every agency in the register, the largest partner first (a scorecard's choices)."""
    return db.run("agency_options")


def agency_name(code) -> str:
    """An agency's short name from the locale files, else its registered name (admins add agencies)."""
    name = label("lembaga", code)
    return agencies().set_index("kode").nama.get(code, str(code)) if name == code else name


def named(rows: pd.DataFrame, column: str = "lembaga") -> pd.DataFrame:
    """The rows with each agency's name in `column` beside its code."""
    return rows.assign(**{column: [agency_name(code) for code in rows.kode_lembaga]})


def totals(rows: pd.DataFrame) -> pd.DataFrame:
    """The programme's headline in one row: agencies active, value, deliveries and hours, with the
    largest contributor (the query's first row) and its share."""
    return pd.DataFrame([{
        "lembaga_aktif": len(rows), "nilai_idr": rows.nilai_idr.sum(), "kegiatan": rows.kegiatan.sum(),
        "jam_fasilitator": rows.jam_fasilitator.sum(), "terbesar": agency_name(rows.kode_lembaga.iloc[0]),
        "porsi_terbesar": rows.porsi_nilai.iloc[0]}])


def given(rows: pd.DataFrame) -> pd.DataFrame:
    """Each agency's value split into money, goods and the rest, with the text at its bar's end."""
    return named(rows).assign(
        lainnya=rows.nilai_idr - rows.dana_idr - rows.barang_idr,
        teks=[f"{rupiah_short(value)} · {percent(share)}" for value, share in zip(rows.nilai_idr, rows.porsi_nilai)])


def cells(rows: pd.DataFrame) -> pd.DataFrame:
    """The matrix's cells: agencies' names, city-wide rows named, and each cell's short text, which
    stays short enough for its box (deliveries, or "Rp" where an agency only gave money or goods)."""
    return named(rows, "nama").assign(
        wilayah=rows.wilayah.fillna(t("contributions.city_wide")),
        teks=[number(row.kegiatan) if row.kegiatan else ("Rp" if row.nilai_idr else "") for row in rows.itertuples()],
        hover=[f"{number(row.kegiatan)} {t('contributions.deliveries').lower()} · {rupiah_short(row.nilai_idr)}"
               for row in rows.itertuples()])


def area_order(rows: pd.DataFrame) -> list:
    """The matrix's columns: the areas by name, and the city-wide column last."""
    return sorted(set(rows.wilayah[rows.kode_wilayah.notna()])) + (
        [t("contributions.city_wide")] if rows.kode_wilayah.isna().any() else [])


FLOW_NODES = 8  # agencies and areas drawn in the flow; the smaller ones joined as "the others"


def links(rows: pd.DataFrame) -> pd.DataFrame:
    """The flow's links with both ends named: agency -> type (langkah 1), type -> area (langkah 2)."""
    kind = lambda code: label("jenis_intervensi", code)  # noqa: E731
    return rows.assign(
        nama=[agency_name(row.sumber) if row.langkah == 1 else kind(row.sumber) for row in rows.itertuples()],
        wilayah=[kind(row.tujuan) if row.langkah == 1 else row.nama_tujuan for row in rows.itertuples()])


def share(column: str, key: str):
    """A figure's share of the programme's under it, in grey: a share, not a change (no arrow, no colour)."""
    return lambda row: {"delta": f"{percent(row[column])} {t(key)}", "delta_color": "off", "delta_arrow": "off"}


def parts(filters: dict) -> list | None:
    """Headline figures, what each agency puts in, and who does what where; None when no agency gave
    or delivered anything in the filters' selection."""
    if db.run("contributions_by_agency", **filters).empty:
        return None
    level = "kecamatan" if not (filters["kecamatan"] or filters["kelurahan"]) else "kelurahan"
    deliveries = t("contributions.deliveries")
    return [
        Metrics("contributions_by_agency", prepare=totals, takeaway=takeaways.agencies_and_largest_contributor,
                per_row=4, widths=(4, 2, 2, 3), note=False, items=(
                    Metric("contributions.total_value", lambda row: rupiah_short(row.nilai_idr)),
                    Metric("contributions.agencies_active", lambda row: number(row.lembaga_aktif)),
                    Metric("contributions.deliveries", lambda row: number(row.kegiatan)),
                    Metric("contributions.hours", lambda row: number(row.jam_fasilitator)))),
        # Per agency: money, goods, hours, sessions, referrals; households and kelurahan reached; share.
        Columns(title="contributions.per_agency_title", parts=(
            Section("contributions_by_agency", "contributions.value_chart_title", key="contributions_value_chart",
                    prepare=given, note=False, chart=lambda rows: charts.stacked_ranked_bars(
                        rows, label="lembaga", total="nilai_idr", end_text="teks", parts={
                            "dana_idr": label("jenis_kontribusi", "dana_idr"),
                            "barang_idr": label("jenis_kontribusi", "barang"),
                            "lainnya": t("contributions.other_value")})),
            Section("contributions_by_agency", "contributions.deliveries_chart_title",
                    key="contributions_deliveries_chart", prepare=named, note=False,
                    takeaway=takeaways.most_deliveries,
                    chart=lambda rows: charts.ranked_bars(rows[rows.kegiatan > 0], label="lembaga", value="kegiatan",
                                                          axis_title=deliveries, colour=charts.PALETTE[2])),
        )),
        Table("contributions_by_agency", None, headers=COLUMNS,
              prepare=lambda rows: labelled(named(rows, "nama"), "jenis", "jenis_lembaga"), table={
                  "nama": None, "jenis": None, "dana_idr": rupiah, "barang_idr": rupiah, "jam_fasilitator": number,
                  "sesi": number, "rujukan": number, "nilai_idr": rupiah, "porsi_nilai": percent,
                  "kegiatan": number, "porsi_kegiatan": percent, "rt_dijangkau": number,
                  "kelurahan_dijangkau": number}),
        # Who does what where: agencies against kecamatan (kelurahan once a kecamatan is chosen), and the flow.
        Section("contributions_agency_by_area", f"contributions.matrix_title_{level}", key="contributions_matrix",
                prepare=cells, takeaway=takeaways.most_served_area,
                caption=lambda rows: t("contributions.matrix_caption"),
                chart=lambda rows: charts.labelled_heatmap(rows, x="wilayah", y="nama", z="kegiatan", text="teks",
                                                           hover="hover", colour_title=deliveries,
                                                           columns=area_order(rows)),
                headers=COLUMNS, table={"nama": None, "wilayah": None, "kegiatan": number, "rt_dijangkau": number,
                                        "nilai_idr": rupiah}),
        Section("contributions_flow", "contributions.flow_title", key="contributions_flow", prepare=links,
                takeaway=takeaways.type_with_most_agencies,
                chart=lambda rows: charts.sankey(rows, step="langkah", source="sumber", target="tujuan",
                                                 value="kegiatan", source_name="nama", target_name="wilayah",
                                                 most=FLOW_NODES),
                headers=COLUMNS, table={"nama": None, "wilayah": None, "kegiatan": number}),
    ]


def scorecard(filters: dict, lembaga: str) -> list | None:
    """One agency's scorecard: its figures and shares, its contributions and deliveries month by month,
    where it works and what it delivers against the programme; None when it has none in the selection."""
    mine = lambda rows: named(rows[rows.kode_lembaga == lembaga])  # noqa: E731
    if mine(db.run("contributions_by_agency", **filters)).empty:
        return None
    name = agency_name(lembaga)
    mine_only = {"lembaga": lembaga}
    delivered = db.run("coverage_deliveries_by_month", **filters, **mine_only)
    deliveries = t("contributions.deliveries")
    return [
        Metrics("contributions_by_agency", prepare=mine, takeaway=takeaways.agency_share, per_row=4,
                widths=(3, 3, 2, 2), note=False, items=(
                    Metric("contributions.total_value", lambda row: rupiah_short(row.nilai_idr),
                           delta=share("porsi_nilai", "contributions.agency_value_share")),
                    Metric("contributions.deliveries", lambda row: number(row.kegiatan),
                           delta=share("porsi_kegiatan", "contributions.agency_delivery_share")),
                    Metric("contributions.agency_households", lambda row: number(row.rt_dijangkau)),
                    Metric("coverage.column.kelurahan_dijangkau", lambda row: number(row.kelurahan_dijangkau)))),
        # The months with deliveries but no contribution still show their line.
        Section("agency_contributions_by_month", "contributions.over_time_title", key="agency_over_time_chart",
                params=mine_only, chart_when_empty=True, takeaway=takeaways.largest_month_of_value,
                prepare=lambda rows: labelled(rows, "jenis_kontribusi", "jenis_kontribusi"),
                chart=lambda rows: charts.rupiah_months_and_count_line(
                    rows, delivered, stack="jenis_kontribusi", order=[label("jenis_kontribusi", code) for code in KINDS],
                    count="kegiatan", titles=(t("coverage.column.nilai_idr"), deliveries)),
                headers=COLUMNS, table={"bulan": lambda month: day(month, form="MMMM y"), "jenis_kontribusi": None,
                                        "jumlah": number, "satuan": None, "nilai_idr": rupiah}),
        Columns((
            Section("contributions_agency_by_area", "contributions.where_title", name="agency_by_area",
                    key="agency_where_chart", params=mine_only,
                    prepare=lambda rows: rows.assign(wilayah=rows.wilayah.fillna(t("contributions.city_wide"))),
                    chart=lambda rows: charts.ranked_bars(rows, label="wilayah", value="kegiatan",
                                                          axis_title=deliveries),
                    takeaway=takeaways.busiest_area, headers=COLUMNS,
                    table={"wilayah": None, "kegiatan": number, "rt_dijangkau": number, "nilai_idr": rupiah}),
            Section("agency_deliveries_by_jenis", "contributions.what_title", key="agency_what_chart",
                    params=mine_only,
                    prepare=lambda rows: labelled(rows, "jenis_intervensi", "jenis_intervensi").assign(lembaga=name),
                    takeaway=takeaways.largest_share_of_type,
                    chart=lambda rows: charts.part_of_whole_bars(
                        rows, label="jenis_intervensi", part="kegiatan", whole="kegiatan_program",
                        names=(t("contributions.this_agency"), t("contributions.other_agencies")),
                        axis_title=deliveries),
                    headers=COLUMNS, table={
                        "jenis_intervensi": None, "kegiatan": number, "rt_dijangkau": number,
                        "kegiatan_program": number, "rt_dijangkau_program": number, "porsi_kegiatan": percent}),
        )),
    ]


# The 3W table for coordination partners, as CSV and XLSX with HXL hashtags.
THREEW = Downloads(
    "threew", "contributions.threew_title", name="threew",
    prepare=lambda rows: threew.table(rows, i18n.language()),
    caption=lambda table: t("contributions.threew_caption", rows=number(len(table))),
    # One page of rows to the browser: the table has a row per agency, type and kelurahan.
    preview=lambda shown: threew.with_hashtags(shown).astype(str),
    files=(Download("common.download_csv", threew.csv_bytes, "3w_bebenah.csv", "text/csv", "download_threew_csv"),
           Download("common.download_xlsx", threew.xlsx_bytes, "3w_bebenah.xlsx",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "download_threew_xlsx")))
