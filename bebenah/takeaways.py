"""The one sentence above each chart: pure functions of a query's rows (as the door returns them,
small counts blank), returning the finding in the current language, or None when there is none."""

import pandas as pd

from bebenah.i18n import label, number, percent, t


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
