"""Household progress (Kemajuan keluarga), declared: up/same/down, stage transitions, where it lags,
domain measures (per area for a chosen measure, round by round) and cohorts."""

import pandas as pd

from bebenah import PILOT_KELURAHAN, PILOT_YEAR, charts, page, takeaways
from bebenah.i18n import label, number, percent, t
from bebenah.sections import ByRow, Chapter, Metric, Section
from bebenah.takeaways import cohort_name, measure_change, measure_value

STAGES = ("pra_sejahtera", "ks_1", "ks_2", "ks_3", "ks_3_plus")
LINK_COLOURS = {"naik": "rgba(0,158,115,0.45)", "tetap": "rgba(150,150,150,0.35)", "turun": "rgba(213,94,0,0.55)"}
APART = ("hanya_baseline", "tanpa_baseline")  # counted apart, never as "tetap"
HEADERS = "progress.column"
# The tables behind the charts: shares with one decimal on screen; every CSV under the query's column names.
SHARE = lambda value: percent(value, 1)  # noqa: E731
KEMAJUAN = lambda code: label("kemajuan", code)  # noqa: E731
STAGE = lambda code: label("tahapan_ks", code)  # noqa: E731
COUNTS_UP = {"naik": None, "belum_naik": None, "turun": None}


def known(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows with a share shown, lowest first: ranked after the door's suppression, so a hidden share
    does not keep its place in the ranking."""
    return rows.dropna(subset=["share"]).sort_values(["share", "wilayah"] if "wilayah" in rows else ["kohort"])


def average_up(summary: pd.DataFrame):
    """The selection's share up a stage (progress_summary's naik row): the dashed line of each ranking."""
    return summary.set_index("kemajuan").at["naik", "share"]


def areas_hidden(rows: pd.DataFrame) -> str | None:
    hidden = len(rows) - len(known(rows))
    return t("progress.areas_hidden", count=hidden) if hidden else None


def ranking(rows: pd.DataFrame, summary: pd.DataFrame, names, least: int = 260, per_bar: int = 40):
    """Share-up bars of the rows with a share shown, laggards on top, named by names(rows); None if none."""
    ranked = known(rows)
    if ranked.empty:
        return None
    return charts.shares_against_average(ranked, names(ranked), code=ranked.columns[0], share="share", count="naik",
                             of="rt_dengan_kemajuan", average=average_up(summary), least=least, per_bar=per_bar)


def area_ranking(level: str, names, per_bar: int, when=None) -> Section:
    """Where progress lags among the kecamatan or kelurahan (`level`) of the selection, named by names(rows);
    a click on a bar chooses the area in the sidebar."""
    return Section(
        f"progress_by_{level}", f"progress.{level}_title", key=f"progress_{level}_chart", also=("progress_summary",),
        chart=lambda rows, summary: ranking(rows, summary, names, per_bar=per_bar), when=when,
        takeaway=lambda rows, _: takeaways.lagging_area(rows, f"progress.{level}_takeaway"),
        caption=lambda rows: t(f"progress.{level}_hint"), after=areas_hidden, on_select=page.choose_clicked_area,
        layout={"margin": {"t": 60}}, empty="progress.lag_none", headers=HEADERS, raw_file=True,
        table={"kode_wilayah": None, "wilayah": None, **({"kecamatan": None} if level == "kelurahan" else {}),
               **COUNTS_UP, "rt_dengan_kemajuan": None, "share": SHARE})


def whole_selection(rows: pd.DataFrame) -> pd.DataFrame:
    """progress_domains' rows of the whole selection (no area), with a latest value."""
    return rows[rows.kode_wilayah.isna()].dropna(subset=["terakhir"])


SUMMARY = Section(
    "progress_summary", None, chart=None, also=("progress_by_kelurahan",), takeaway=takeaways.rose_and_fell,
    figures=Metric(
        label=lambda row: label("kemajuan", row.kemajuan),
        value=lambda row: number(row.households) if row.kemajuan in APART else percent(row.share),
        help=lambda row: t("progress.metric_help_apart" if row.kemajuan in APART else "progress.metric_help_naik"),
        caption=lambda row: t("progress.counted_apart") if row.kemajuan in APART else
        t("progress.of_resurveyed", count=number(row.households), of=number(row.rt_dengan_kemajuan)),
    ),
    after=lambda rows: t("progress.apart", baseline_only=number(rows.households[rows.kemajuan == "hanya_baseline"].iloc[0]),
                        no_baseline=number(rows.households[rows.kemajuan == "tanpa_baseline"].iloc[0])),
    table={"kemajuan": KEMAJUAN, "households": None, "rt_dengan_kemajuan": None, "share": SHARE},
    headers=HEADERS, raw_file=True,
)

# The pilot and the rollout apart: the share up of both together falls as the rollout joins.
PILOT = Section(
    "progress_pilot_and_rollout", None, chart=None, empty=None,
    params={"kelurahan_percontohan": PILOT_KELURAHAN, "tahun_percontohan": PILOT_YEAR},
    takeaway=takeaways.pilot_and_rollout,
    figures=Metric(
        label=lambda row: t(f"progress.pilot.{row.kelompok}"),
        value=lambda row: percent(row.share),
        caption=lambda row: t("progress.pilot_of", rose=number(row.naik), of=number(row.rt_dengan_kemajuan),
                              enrolled=number(row.households)),
    ),
    per_row=2,
    table={"kelompok": lambda code: t(f"progress.pilot.{code}"), "households": None, "rt_dengan_kemajuan": None,
           "naik": None, "share": SHARE},
    headers=HEADERS,
)


TRANSITIONS = Section(
    "progress_transitions", None, empty=None, layout={"margin": {"t": 50}},
    chart=lambda rows: charts.ordered_sankey(
        rows, source="tahapan_ks_baseline", target="tahapan_ks_terakhir", value="households", order=STAGES,
        names=STAGE, colours=charts.STAGE_COLOURS, link_colour=LINK_COLOURS, colour_by="kemajuan", share="share",
        sides=(t("progress.baseline"), t("progress.latest")), unit=t("progress.hover_transition"),
        of=t("progress.hover_of_stage")) if rows.households.notna().any() else None,
    takeaway=lambda rows: takeaways.lowest_stage_rise(rows, STAGES),
    caption=lambda rows: t("progress.transitions_hint"),
    table={"tahapan_ks_baseline": STAGE, "tahapan_ks_terakhir": STAGE, "kemajuan": KEMAJUAN, "households": None,
           "share": SHARE},
    headers=HEADERS, raw_file=True,
)

DOMAINS = Section(
    "progress_domains", None, chart=None, empty=None, takeaway=takeaways.most_and_least_improved,
    explains=lambda rows: t("progress.domains_caption", count=number(whole_selection(rows).households.max()))
    if not whole_selection(rows).empty else None,
    figures=Metric(
        label=lambda row: label("ukuran_pendek", row.ukuran), value=lambda row: measure_value(row.terakhir, row.satuan),
        delta=lambda row: {"delta": measure_change(row.perubahan, row.satuan),
                           "delta_color": "normal" if row.arah > 0 else "inverse"},
        help=lambda row: f"{label('ukuran', row.ukuran)}. {t('progress.column.baseline')}: "
                         f"{measure_value(row.baseline, row.satuan)}",
    ),
    figure_rows=whole_selection,
    table={"ukuran": lambda code: label("ukuran", code), "satuan": None,
           "kode_wilayah": lambda code: "" if pd.isna(code) else code, "wilayah": None, "households": None,
           "baseline": None, "terakhir": None, "perubahan": None},
    headers=HEADERS, raw_file=True,
)

COHORTS = Section(
    "progress_by_cohort", None, empty=None, also=("progress_summary",), key="progress_cohort_chart",
    chart=lambda rows, summary: ranking(rows, summary, lambda ranked: [cohort_name(year) for year in ranked.kohort],
                                        least=220, per_bar=50),
    takeaway=lambda rows, _: takeaways.share_up_per_cohort(rows),
    caption=lambda rows: t("progress.cohort_hint"),
    after=lambda rows: t("progress.cohort_baseline_only", parts="; ".join(
        f"{cohort_name(row.kohort)} {number(row.hanya_baseline)}" for row in rows[rows.hanya_baseline > 0].itertuples()))
    if (rows.hanya_baseline > 0).any() else None,
    layout={"margin": {"t": 60}},
    table={"kohort": None, **COUNTS_UP, "hanya_baseline": None,
           "rt_dengan_kemajuan": None, "share": SHARE},
    headers=HEADERS, raw_file=True,
)


def parts(filters: dict) -> list:
    """The parts above the measure chooser: up/same/down, transitions, where it lags, the domain measures."""
    whole_city = not filters.get("kecamatan") and not filters.get("kelurahan")
    # A ranking of one kecamatan says nothing: shown for the whole city, with two kecamatan or more.
    kecamatan = area_ranking("kecamatan", names=lambda ranked: list(ranked.wilayah), per_bar=40,
                             when=lambda rows: len(known(rows)) > 1)
    kelurahan = area_ranking("kelurahan", per_bar=32,
                             names=lambda ranked: [f"{row.wilayah} ({row.kecamatan})" if not filters.get("kecamatan")
                                                   else row.wilayah for row in ranked.itertuples()])
    return [
        Chapter("progress.summary_title", (SUMMARY,)),
        Chapter("progress.pilot_title", (PILOT,)),
        Chapter("progress.transitions_title", (TRANSITIONS,)),
        Chapter("progress.lag_title", (kecamatan, kelurahan) if whole_city else (kelurahan,)),
        Chapter("progress.domains_title", (DOMAINS,)),
    ]


def by_measure(ukuran: str, measures: list) -> list:
    """The parts under the measure chooser: the chosen measure per area (baseline to latest), and every
    measure round by round per cohort, the chosen one in the sentence."""
    unit = t("progress.hover_transition")
    return [
        Section(
            "progress_domains", "progress.dumbbell_title", text={"measure": label("ukuran", ukuran)},
            key="progress_domains_area_chart", when=lambda rows: not rows.empty,
            prepare=lambda rows: rows[(rows.ukuran == ukuran) & rows.kode_wilayah.notna()].dropna(subset=["terakhir"])
            .pipe(lambda chosen: chosen.assign(better=chosen.perubahan * chosen.arah)).sort_values(["better", "wilayah"]),
            chart=lambda rows: charts.dumbbell(
                rows, label="wilayah", before="baseline", after="terakhir", count="households", unit=unit,
                names=(t("progress.baseline"), t("progress.latest")),
                value_format=".0%" if rows.satuan.iloc[0] == "share" else ",.1f"),
            takeaway=lambda rows: takeaways.best_and_worst_area_change(rows, ukuran),
        ),
        Section(
            "progress_domains_by_round", "progress.rounds_title", key="progress_domains_round_chart",
            chart=lambda rows: charts.small_multiples(
                rows, panel="ukuran", panels={code: label("ukuran_pendek", code) for code in measures},
                series="kohort", series_name=cohort_name, x="putaran_ke", y="nilai", count="households",
                y_format=lambda shown: ".0%" if shown.satuan.eq("share").any() else ",.1f",
                x_title=t("progress.round_axis")),
            takeaway=lambda rows: takeaways.first_to_last_round(rows, ukuran),
            caption=lambda rows: t("progress.rounds_caption"),
            layout={"margin": {"t": 110}, "legend": {"y": 1.1}},
            table={"kohort": None, "putaran_ke": None, "ukuran": lambda code: label("ukuran", code), "satuan": None,
                   "households": None, "nilai": ByRow(lambda row: measure_value(row.nilai, row.satuan))},
            headers=HEADERS, raw_file=True,
        ),
    ]


CLOSING = [Chapter("progress.cohort_title", (COHORTS,))]
