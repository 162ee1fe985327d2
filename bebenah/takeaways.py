"""The one sentence above each chart: pure functions of a query's rows (as the door returns them,
small counts blank), returning the finding in the current language, or None when there is none."""

import pandas as pd

from bebenah.i18n import day, label, number, percent, rupiah_short, t


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


def enrolment_and_progress_over_a_year(rows: pd.DataFrame) -> str | None:
    """The last quarter against the same quarter a year before (or the first, for a younger
    programme): households enrolled against target, and the share that rose a stage.
    rows: one per quarter (kuartal, rt_terdaftar, sasaran_rt, share_naik), oldest first."""
    from bebenah.i18n import quarter

    known = rows.dropna(subset=["rt_terdaftar"])
    if len(known) < 2:
        return None
    year = known.iloc[max(0, len(known) - 5):]
    start, end = year.iloc[0], year.iloc[-1]
    rose = year.share_naik.dropna()
    return t("overview.trend_takeaway", first=quarter(start.kuartal), last=quarter(end.kuartal),
             enrolled_first=number(start.rt_terdaftar), enrolled_last=number(end.rt_terdaftar),
             target=number(end.sasaran_rt), rose_first=percent(rose.iloc[0] if len(rose) else None),
             rose_last=percent(end.share_naik))


def agencies_and_largest_contributor(totals: pd.DataFrame) -> str | None:
    """How many agencies took part and what they gave, and the largest contributor's share of it.
    totals: one row (lembaga_aktif, nilai_idr, terbesar: the largest contributor's name, porsi_terbesar)."""
    row = totals.iloc[0]
    if not row.nilai_idr > 0:
        return t("contributions.headline_no_money", count=number(row.lembaga_aktif))
    return t("contributions.headline", count=number(row.lembaga_aktif), total=rupiah_short(row.nilai_idr),
             agency=row.terbesar, share=percent(row.porsi_terbesar))


def most_deliveries(rows: pd.DataFrame) -> str | None:
    """The agency with the most deliveries and its share of all (rows: one per agency, lembaga = its
    name, kegiatan, porsi_kegiatan); ties go to the first name."""
    doers = rows[rows.kegiatan > 0]
    if doers.empty:
        return None
    busiest = doers.sort_values(["kegiatan", "lembaga"], ascending=[False, True]).iloc[0]
    return t("contributions.deliveries_takeaway", agency=busiest.lembaga, count=number(busiest.kegiatan),
             share=percent(busiest.porsi_kegiatan))


def most_served_area(rows: pd.DataFrame) -> str | None:
    """The area served by the most agencies, and how many areas only one serves (rows: one per agency
    and area, kode_lembaga, kode_wilayah: null for city-wide rows, which belong to no area, wilayah)."""
    per_area = rows[rows.kode_wilayah.notna()].groupby("wilayah").kode_lembaga.nunique().sort_values(ascending=False)
    if per_area.empty:
        return None
    return t("contributions.matrix_takeaway", area=per_area.index[0], count=number(per_area.iloc[0]),
             single=number(int((per_area == 1).sum())))


def type_with_most_agencies(rows: pd.DataFrame) -> str | None:
    """The intervention type the most agencies deliver (rows: the flow's links, langkah 1 from agency
    sumber to type tujuan)."""
    shared = rows[rows.langkah == 1].groupby("tujuan").sumber.nunique().sort_values(ascending=False)
    if shared.empty:
        return None
    return t("contributions.flow_takeaway", kind=label("jenis_intervensi", shared.index[0]),
             count=number(shared.iloc[0]))


def agency_share(rows: pd.DataFrame) -> str | None:
    """One agency's value and deliveries as shares of the programme's, and the kelurahan it reached
    (rows: the agency's one row of contributions_by_agency, lembaga = its name)."""
    row = rows.iloc[0]
    return t("contributions.scorecard_takeaway", agency=row.lembaga, value=rupiah_short(row.nilai_idr),
             value_share=percent(row.porsi_nilai), deliveries=number(row.kegiatan),
             delivery_share=percent(row.porsi_kegiatan), areas=number(row.kelurahan_dijangkau))


def largest_month_of_value(rows: pd.DataFrame) -> str | None:
    """The month with the largest rupiah value (rows: bulan, nilai_idr, several rows a month)."""
    if rows.empty:
        return None
    per_month = rows.groupby("bulan").nilai_idr.sum()
    return t("contributions.over_time_takeaway", month=day(per_month.idxmax(), form="MMMM y"),
             value=rupiah_short(per_month.max()))


def largest_share_of_type(rows: pd.DataFrame) -> str | None:
    """The intervention type of which one agency made the largest share (rows: jenis_intervensi = the
    type's name, kegiatan, porsi_kegiatan, lembaga = the agency's name)."""
    if rows.empty:
        return None
    lead = rows.sort_values(["porsi_kegiatan", "kegiatan"], ascending=False).iloc[0]
    return t("contributions.what_takeaway", kind=lead.jenis_intervensi, share=percent(lead.porsi_kegiatan),
             agency=lead.lembaga)


def _among_shown(text: str, rows: pd.DataFrame) -> str:
    """Where the door hid small counts, the finding is about the counts shown, and says so."""
    from bebenah import privacy

    return text + (" " + t("quality.among_shown") if privacy.suppressed(rows) else "")


def most_flagged_kelurahan(rows: pd.DataFrame, columns: list[str], text: str, **values) -> str | None:
    """The kelurahan with the most households flagged (summed over `columns`) among the counts shown,
    in the sentence `text`: a locale key whose placeholders are area (the kelurahan), count (how many
    kelurahan are listed), the row's counts by column name (rumah_tangga among them) and `values`."""
    known = rows.dropna(subset=columns)
    if known.empty:
        return None
    top = known.loc[known[columns].sum(axis=1).idxmax()]
    counts = {column: number(top[column]) for column in [*columns, "rumah_tangga"] if column in top}
    return _among_shown(t(text, area=top.kelurahan, count=number(len(rows)), **counts, **values), rows)


def least_complete_answers(rows: pd.DataFrame) -> str | None:
    """The kelurahan and round with the fewest optional answers filled (terisi), and the answer most
    often left blank over every row (the terisi_<column> shares, weighted by rumah_tangga)."""
    from bebenah.i18n import label

    known = rows.dropna(subset=["terisi"])
    if known.empty:
        return None
    worst = known.loc[known.terisi.idxmin()]
    weights = known.rumah_tangga
    shares = {column: (known[column] * weights).sum() / weights.sum()
              for column in known.columns if column.startswith("terisi_")}
    blank = min(shares, key=shares.get)
    return _among_shown(t("quality.completeness_takeaway", area=worst.kelurahan, round=int(worst.putaran_ke),
                          share=percent(worst.terisi), column=label("kolom", blank.removeprefix("terisi_")),
                          column_share=percent(shares[blank])), rows)


def longest_idle(rows: pd.DataFrame, days: int) -> str | None:
    """How many facilitators had no survey for more than `days` days, of all, and where one has been
    idle longest (rows: one per kelurahan with fasilitator, fasilitator_tidak_aktif, hari_terlama)."""
    idle = rows[rows.fasilitator_tidak_aktif > 0]
    if idle.empty:
        return None
    longest = idle.loc[idle.hari_terlama.idxmax()]
    return t("quality.facilitators_takeaway", inactive=number(idle.fasilitator_tidak_aktif.sum()),
             total=number(rows.fasilitator.sum()), days=days, area=longest.kelurahan,
             longest=number(longest.hari_terlama))


def enrolment_and_reach(rows: pd.DataFrame, level: str = "kota") -> str | None:
    """The chosen area's enrolment against its target and its reach (rows of coverage_by_area; the
    chosen area is the one row of `level`: before, a chosen kecamatan's figures went under its kota's
    name); a hidden enrolment said as hidden."""
    chosen = rows[rows.tingkat == level]
    top = chosen.iloc[0] if len(chosen) else rows.iloc[0]
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


# Progress between survey rounds: the words the sentences and the figures share, then the sentences.

def cohort_name(year) -> str:
    """A cohort by its baseline year: the programme's first year is the pilot, later years the rollout."""
    from bebenah.page import PROGRAMME_START

    key = "progress.cohort_pilot" if int(year) == PROGRAMME_START.year else "progress.cohort_rollout"
    return t(key, year=int(year))


def signed(value: float, decimals: int) -> str:
    return ("+" if value > 0 else "") + number(value, decimals)


def measure_value(value, satuan: str) -> str:
    """A measure in its unit: a share as a percentage, a score or a count of sessions with one decimal."""
    return percent(value) if satuan == "share" else number(value, 1)


def measure_change(change, satuan: str) -> str | None:
    """A change of a measure, signed: a share's in percentage points."""
    if change is None or pd.isna(change):
        return None
    if satuan == "share":
        return t("progress.points", value=signed(round(change * 100), 0))
    return signed(change, 1)


def rose_and_fell(summary: pd.DataFrame, areas: pd.DataFrame) -> str:
    """How many moved up and down a stage since baseline (summary: one row per kemajuan), and which area
    (areas: one per area with `share` up, as the door returns them) lags, when there are several."""
    counts = summary.set_index("kemajuan")
    if counts.at["naik", "rt_dengan_kemajuan"] == 0:
        return t("progress.summary_none")
    if pd.isna(counts.at["naik", "share"]):
        return t("progress.summary_hidden")
    sentence = t("progress.summary_takeaway", share=percent(counts.at["naik", "share"]),
                 count=number(counts.at["naik", "households"]), of=number(counts.at["naik", "rt_dengan_kemajuan"]),
                 down=percent(counts.at["turun", "share"]))
    # Ranked after suppression (the door's): a hidden share must not keep its place in the ranking.
    ranked = areas.dropna(subset=["share"]).sort_values(["share", "wilayah"])
    if len(ranked) > 1:
        sentence += " " + t("progress.summary_laggard", area=ranked.iloc[0].wilayah, share=percent(ranked.iloc[0].share))
    return sentence


def lowest_stage_rise(rows: pd.DataFrame, stages: tuple) -> str | None:
    """Of the households that started in the lowest stage whose flows are all shown, the share now higher
    (rows: one per baseline and latest stage, `stages` in order, the highest last)."""
    complete = rows.groupby("tahapan_ks_baseline").households.apply(lambda values: values.notna().all())
    starting = [stage for stage in stages[:-1] if complete.get(stage, False)]
    if starting:
        start = rows[rows.tahapan_ks_baseline == starting[0]]
        return t("progress.transitions_takeaway", count=number(start.households.sum()),
                 stage=label("tahapan_ks", starting[0]), share=percent(start.share[start.kemajuan == "naik"].sum()))
    flows = rows.dropna(subset=["households"])
    if not flows.empty and set(flows.tahapan_ks_baseline) == {stages[-1]}:
        return t("progress.transitions_top")
    return None


def lagging_area(rows: pd.DataFrame, key: str) -> str | None:
    """The area with the lowest known share up a stage (ties by name), in the sentence `key`."""
    known = rows.dropna(subset=["share"]).sort_values(["share", "wilayah"])
    if known.empty:
        return None
    worst = known.iloc[0]
    return t(key, area=worst.wilayah, share=percent(worst.share), count=number(worst.naik), of=number(worst.rt_dengan_kemajuan))


def most_and_least_improved(rows: pd.DataFrame) -> str | None:
    """Of the share measures of the whole selection (kode_wilayah blank), the one that improved most and
    the one that improved least, `arah` saying which way is better."""
    overall = rows[rows.kode_wilayah.isna()].dropna(subset=["terakhir"])
    moved = overall[overall.satuan == "share"].assign(better=lambda frame: frame.perubahan * frame.arah)
    if moved.empty:
        return None
    best, worst = moved.sort_values("better").iloc[-1], moved.sort_values("better").iloc[0]
    return t("progress.domains_takeaway",
             best=label("ukuran", best.ukuran), best_from=percent(best.baseline), best_to=percent(best.terakhir),
             worst=label("ukuran", worst.ukuran), worst_from=percent(worst.baseline), worst_to=percent(worst.terakhir))


def best_and_worst_area_change(rows: pd.DataFrame, ukuran: str) -> str | None:
    """Of one measure's areas (rows ranked worst change first), which improved most and which lags most."""
    if len(rows) < 2:
        return None
    worst, best = rows.iloc[0], rows.iloc[-1]
    return t("progress.dumbbell_takeaway", measure=label("ukuran", ukuran),
             best_area=best.wilayah, best_change=measure_change(best.perubahan, best.satuan),
             worst_area=worst.wilayah, worst_change=measure_change(worst.perubahan, worst.satuan))


def first_to_last_round(rows: pd.DataFrame, ukuran: str) -> str | None:
    """One measure from round 1 to each cohort's latest round, for the cohorts seen in more than one round."""
    shown = rows[rows.ukuran == ukuran].dropna(subset=["nilai"])
    parts = []
    for year, cohort in shown.groupby("kohort"):
        if len(cohort) > 1 and cohort.putaran_ke.min() == 1:
            first, last = cohort.iloc[0], cohort.iloc[-1]
            parts.append(t("progress.rounds_part", cohort=cohort_name(year), n=int(last.putaran_ke),
                           **{"from": measure_value(first.nilai, first.satuan), "to": measure_value(last.nilai, last.satuan)}))
    return t("progress.rounds_takeaway", measure=label("ukuran", ukuran), parts="; ".join(parts)) if parts else None


def share_up_per_cohort(rows: pd.DataFrame) -> str | None:
    """The share up a stage of each cohort whose share is shown."""
    known = rows.dropna(subset=["share"])
    if known.empty:
        return None
    return t("progress.cohort_takeaway", parts="; ".join(
        t("progress.cohort_part", cohort=cohort_name(row.kohort), share=percent(row.share), of=number(row.rt_dengan_kemajuan))
        for row in known.itertuples()))


def pilot_and_rollout(rows: pd.DataFrame) -> str | None:
    """The pilot's share up against the rollout's, and why the share of both together falls (rows:
    one per kelompok, percontohan first)."""
    groups = rows.set_index("kelompok")
    pilot, rollout = groups.loc["percontohan"], groups.loc["perluasan"]
    if pd.isna(pilot.share) or pd.isna(rollout.share) or not pilot.households or not rollout.households:
        return None
    key = "progress.pilot_takeaway_lower" if rollout.share < pilot.share else "progress.pilot_takeaway"
    return t(key, pilot=number(pilot.households), pilot_share=percent(pilot.share),
             rollout=number(rollout.households), rollout_share=percent(rollout.share),
             since=day(rollout.tanggal_baseline_pertama, form="medium") if pd.notna(rollout.tanggal_baseline_pertama)
             else "–")
