"""The one sentence above each chart: pure functions of a query's rows (as the door returns them,
small counts blank), returning the finding in the current language, or None when there is none."""

import pandas as pd

from bebenah.i18n import day, number, percent, t


def furthest_behind_target(rows: pd.DataFrame) -> str | None:
    """The area furthest behind its enrolment target (rows ranked by capaian, lowest first)."""
    known = rows.dropna(subset=["capaian"])
    if known.empty:
        return None
    worst = known.sort_values(["capaian", "wilayah"], kind="stable").iloc[0]
    return t("overview.enrolment_takeaway", area=worst.wilayah, share=percent(worst.capaian),
             enrolled=number(worst.rt_terdaftar), target=number(worst.sasaran_rt))


def busiest_area(rows: pd.DataFrame) -> str | None:
    """Where one agency delivered most (rows: one per area, kegiatan = deliveries)."""
    if rows.empty or rows.kegiatan.sum() <= 0:
        return None
    busiest = rows.sort_values(["kegiatan", "wilayah"], ascending=[False, True], kind="stable").iloc[0]
    return t("contributions.where_takeaway", area=busiest.wilayah, count=number(busiest.kegiatan))


def enrolment_and_reach(rows: pd.DataFrame) -> str | None:
    """The chosen area's enrolment against its target and its reach (rows of coverage_by_area: the
    first is the whole chosen area); a hidden enrolment said as hidden."""
    top = rows.iloc[0]
    key = "coverage.headline" if pd.notna(top.rt_terdaftar) else "coverage.headline_hidden"
    return t(key, area=top.wilayah, enrolled=number(top.rt_terdaftar), target=number(top.sasaran_rt),
             share=percent(top.capaian), reached=percent(top.cakupan))


def lowest_share_of_target(rows: pd.DataFrame) -> str | None:
    """How many kelurahan have a known share of target, and which is furthest behind (rows: kelurahan, capaian)."""
    known = rows.dropna(subset=["capaian"])
    if known.empty:
        return None
    lowest = known.sort_values(["capaian", "kelurahan"]).iloc[0]
    return t("coverage.map_takeaway", count=number(len(known)), area=lowest.kelurahan, share=percent(lowest.capaian))


def least_reached_area(rows: pd.DataFrame) -> str | None:
    """The area whose enrolled households an intervention reached least (rows: wilayah, cakupan,
    rt_dijangkau, rt_terdaftar)."""
    known = rows.dropna(subset=["cakupan"])
    if known.empty:
        return None
    lowest = known.sort_values(["cakupan", "wilayah"]).iloc[0]
    return t("coverage.reach_takeaway", area=lowest.wilayah, share=percent(lowest.cakupan),
             reached=number(lowest.rt_dijangkau), enrolled=number(lowest.rt_terdaftar))


def widest_reaching_type(rows: pd.DataFrame) -> str | None:
    """The intervention type that reached most of the enrolled households (rows ranked widest first,
    as the query orders them: nama_jenis, cakupan), and how many types there are."""
    known = rows.dropna(subset=["cakupan"])
    if known.empty:
        return None
    return t("coverage.types_takeaway", kind=known.iloc[0].nama_jenis, share=percent(known.iloc[0].cakupan),
             count=number(len(rows)))


def untouched_areas(rows: pd.DataFrame) -> str | None:
    """How many kelurahan no type reached at all, or, when every one was, the widest-reaching type
    (rows: one per kelurahan and type, rt_dijangkau, jenis_intervensi and its nama_jenis)."""
    # Blanked cells are small but not zero: only a kelurahan whose every cell shows 0 is untouched.
    untouched = rows.rt_dijangkau.eq(0).groupby(rows.kelurahan).all()
    widest = rows.groupby("jenis_intervensi").rt_dijangkau.sum().idxmax()
    return t("coverage.heatmap_takeaway" if untouched.any() else "coverage.heatmap_takeaway_all",
             untouched=number(int(untouched.sum())), count=number(rows.kelurahan.nunique()),
             widest=rows.nama_jenis[rows.jenis_intervensi == widest].iloc[0])


def largest_gap(rows: pd.DataFrame) -> str | None:
    """The kelurahan and need with most households that no intervention answers (rows: kelurahan,
    nama_kebutuhan, rt_tanpa_intervensi, penjawab: the names of the types that would answer it)."""
    known = rows.dropna(subset=["rt_tanpa_intervensi"])
    if known.empty or known.rt_tanpa_intervensi.sum() == 0:
        return None
    largest = known.sort_values(["rt_tanpa_intervensi", "kelurahan"], ascending=[False, True]).iloc[0]
    return t("coverage.gaps_takeaway", count=number(largest.rt_tanpa_intervensi), need=largest.nama_kebutuhan,
             area=largest.kelurahan, answer=largest.penjawab or t("coverage.no_answering_type"))


def overlapping_agencies(rows: pd.DataFrame) -> str | None:
    """How many types and kelurahan had households served twice by different agencies, and the first
    case (rows: kode_kelurahan, kelurahan, jenis_intervensi, nama_jenis, nama_lembaga)."""
    if rows.empty:
        return None
    first = rows.iloc[0]
    return t("coverage.overlaps_takeaway", types=number(rows.jenis_intervensi.nunique()),
             areas=number(rows.kode_kelurahan.nunique()), kind=first.nama_jenis, area=first.kelurahan,
             agencies=first.nama_lembaga)


def busiest_month(rows: pd.DataFrame) -> str | None:
    """How many deliveries in the period and the month with most (rows: bulan, kegiatan)."""
    per_month = rows.groupby("bulan").kegiatan.sum()
    if per_month.empty:
        return None
    return t("coverage.monthly_takeaway", total=number(per_month.sum()), month=day(per_month.idxmax(), form="MMMM y"),
             count=number(per_month.max()))
