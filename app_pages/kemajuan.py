"""Household progress (Kemajuan keluarga): how families move between survey rounds, read in ten seconds."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from bebenah import access, charts, db, page, privacy
from bebenah.i18n import day, label, language, number, percent, t

PROGRESS_COLOURS = {"naik": "#009E73", "tetap": "#BBBBBB", "turun": "#D55E00"}
BELOW_AVERAGE = "#E69F00"
LINK_COLOURS = {"naik": "rgba(0,158,115,0.45)", "tetap": "rgba(150,150,150,0.35)", "turun": "rgba(213,94,0,0.55)"}
STAGES = ("pra_sejahtera", "ks_1", "ks_2", "ks_3", "ks_3_plus")
KECAMATAN_CHART, KELURAHAN_CHART = "progress_kecamatan_chart", "progress_kelurahan_chart"
SEARCH_MATCHES = 20  # household codes a card search returns at most


def choose_area(chart_key: str) -> None:
    """A click on a kecamatan or kelurahan bar chooses it in the sidebar.

    Runs as the chart's callback, before the sidebar's selectboxes render, so they (and the URL
    bound to them) take the new value in the same rerun.
    """
    points = (st.session_state.get(chart_key) or {}).get("selection", {}).get("points", [])
    codes = [point.get("customdata", [None])[0] for point in points]
    if not codes or not codes[0]:
        return
    st.session_state["kecamatan"] = codes[0][:8]
    if len(codes[0]) > 8:
        st.session_state["kelurahan"] = codes[0]


def cohort_name(year) -> str:
    key = "progress.cohort_pilot" if int(year) == page.PROGRAMME_START.year else "progress.cohort_rollout"
    return t(key, year=int(year))


def signed(value: float, decimals: int) -> str:
    return ("+" if value > 0 else "") + number(value, decimals)


def value_text(value, satuan: str) -> str:
    return percent(value) if satuan == "share" else number(value, 1)


def change_text(change, satuan: str) -> str | None:
    if change is None or pd.isna(change):
        return None
    if satuan == "share":
        return t("progress.points", value=signed(round(change * 100), 0))
    return signed(change, 1)


def table(frame: pd.DataFrame, name: str, labels: dict[str, str] | None = None, shares=(), values=None) -> None:
    """The table behind a chart: codes named, headers in the language, shares as percentages on screen."""
    frame = frame.drop(columns=["disurvei_ulang"], errors="ignore")
    headers = {column: t(f"progress.column.{column}") for column in frame.columns}

    def shown(rows: pd.DataFrame) -> pd.DataFrame:
        rows = rows.copy()
        for column, domain in (labels or {}).items():
            rows[column] = [label(domain, code) for code in rows[column]]
        for column in shares:
            rows[column] = [percent(value, 1) for value in rows[column]]
        if values:
            rows[values] = [value_text(value, satuan) for value, satuan in zip(rows[values], rows.satuan)]
        return rows.rename(columns=headers)

    page.table_and_download(frame, name, shown=shown)


def ranking_bars(frame: pd.DataFrame, names: list[str], average) -> go.Figure:
    """Horizontal bars of the share up a stage, top to bottom in the frame's order, each saying of how many;
    bars below the selection's average in orange, the average a dashed line."""
    below = frame.share < average if pd.notna(average) else frame.share < 0
    codes = list(zip(frame.iloc[:, 0].astype(str), frame.naik, frame.rt_dengan_kemajuan))
    # A faint 100% track behind each bar: the whole row answers a click, even an area at 0%.
    figure = go.Figure(go.Bar(y=names, x=[1] * len(frame), orientation="h", marker_color="rgba(0,0,0,0.06)",
                              hoverinfo="none", customdata=codes, showlegend=False))
    figure.add_bar(
        y=names, x=frame.share, orientation="h",
        marker_color=[BELOW_AVERAGE if flag else PROGRESS_COLOURS["naik"] for flag in below],
        text=[t("progress.bar_text", share=percent(share), of=number(of))
              for share, of in zip(frame.share, frame.rt_dengan_kemajuan)],
        # inside long bars (clear of the average line), outside short ones
        textposition=["inside" if share >= 0.3 else "outside" for share in frame.share], insidetextanchor="end",
        insidetextfont={"color": ["#1a1a1a" if flag else "white" for flag in below]}, cliponaxis=False,
        customdata=codes, showlegend=False,
        hovertemplate="%{y}: %{x:.0%} (%{customdata[1]:,.0f} / %{customdata[2]:,.0f})<extra></extra>",
    )
    figure.update_layout(barmode="overlay", yaxis={"autorange": "reversed"},
                         xaxis={"tickformat": ".0%", "range": [0, 1.02]})
    if pd.notna(average):
        figure.add_vline(x=average, line={"color": "#333333", "dash": "dash", "width": 2}, layer="below")
        figure.add_annotation(x=average, y=1, xref="x", yref="paper", yanchor="bottom", showarrow=False,
                              text=t("progress.average", share=percent(average)), font={"size": 14})
    return figure


filters = page.setup("viewer")
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
filters = {**filters, "kohort": kohort, "putaran": putaran}

st.title(t("progress.title"))
st.caption(t(
    "progress.scope", area=page.area_name(filters), sampai=day(filters["sampai"]),
    cohort=cohort_name(kohort) if kohort else t("progress.all_cohorts"),
    round=t("progress.up_to_round", n=putaran) if putaran else t("progress.latest_round"),
))

summary = db.run("progress_summary", **filters)
if summary.households.fillna(1).sum() == 0:  # a blanked count is one household or more
    st.info(t("common.no_data"))
    st.stop()
counts = summary.set_index("kemajuan")
# Ranked after suppression (the door's): a hidden share must not keep its place in the ranking.
kelurahan = db.run("progress_by_kelurahan", **filters)
ranked = kelurahan.dropna(subset=["share"]).sort_values(["share", "wilayah"])

# 1. Up, same, down ---------------------------------------------------------------------------
st.header(t("progress.summary_title"))
resurveyed = counts.at["naik", "rt_dengan_kemajuan"]
average = counts.at["naik", "share"]
if resurveyed == 0:
    page.takeaway(t("progress.summary_none"))
elif pd.isna(counts.at["naik", "share"]):
    page.takeaway(t("progress.summary_hidden"))
else:
    sentence = t("progress.summary_takeaway", share=percent(counts.at["naik", "share"]),
                 count=number(counts.at["naik", "households"]), of=number(resurveyed),
                 down=percent(counts.at["turun", "share"]))
    if len(ranked) > 1:
        sentence += " " + t("progress.summary_laggard", area=ranked.iloc[0].wilayah, share=percent(ranked.iloc[0].share))
    page.takeaway(sentence)
for column, kemajuan in zip(st.columns(5), counts.index):
    row = counts.loc[kemajuan]
    apart = kemajuan in ("hanya_baseline", "tanpa_baseline")
    column.metric(
        label("kemajuan", kemajuan), number(row.households) if apart else percent(row.share),
        help=t("progress.metric_help_apart" if apart else "progress.metric_help_naik"),
    )
    column.caption(t("progress.counted_apart") if apart else
                   t("progress.of_resurveyed", count=number(row.households), of=number(row.rt_dengan_kemajuan)))
st.caption(t("progress.apart", baseline_only=number(counts.at["hanya_baseline", "households"]),
             no_baseline=number(counts.at["tanpa_baseline", "households"])))
page.privacy_note(summary)
table(summary, "progress_summary", labels={"kemajuan": "kemajuan"}, shares=["share"])

# 2. Welfare-stage transitions ---------------------------------------------------------------
st.header(t("progress.transitions_title"))
transitions = db.run("progress_transitions", **filters)
flows = transitions.dropna(subset=["households"])
complete = transitions.groupby("tahapan_ks_baseline").households.apply(lambda values: values.notna().all())
starting = [stage for stage in STAGES[:-1] if complete.get(stage, False)]
if starting:
    stage = starting[0]
    rows = transitions[transitions.tahapan_ks_baseline == stage]
    page.takeaway(t("progress.transitions_takeaway", count=number(rows.households.sum()),
                    stage=label("tahapan_ks", stage), share=percent(rows.share[rows.kemajuan == "naik"].sum())))
elif not flows.empty and set(flows.tahapan_ks_baseline) == {"ks_3_plus"}:
    page.takeaway(t("progress.transitions_top"))
if not flows.empty:
    stages = [stage for stage in STAGES if stage in set(flows.tahapan_ks_baseline) | set(flows.tahapan_ks_terakhir)]
    position = {stage: index for index, stage in enumerate(stages)}
    # Node y is its centre: stack each side's stages top to bottom in stage order, sized by households.
    centres = []
    for side in ("tahapan_ks_baseline", "tahapan_ks_terakhir"):
        sizes = flows.groupby(side).households.sum().reindex(stages).fillna(0)
        room = 1 - 0.04 * (len(stages) - 1)
        tops = sizes.cumsum().shift(fill_value=0) / sizes.sum() * room + 0.04 * pd.Series(range(len(stages)), index=stages)
        centres += list((tops + sizes / sizes.sum() * room / 2).clip(0.001, 0.999))
    figure = go.Figure(go.Sankey(
        arrangement="fixed",
        valueformat=",.0f",
        node={
            "label": [label("tahapan_ks", stage) for stage in stages] * 2,
            "color": [charts.STAGE_COLOURS[STAGES.index(stage)] for stage in stages] * 2,
            "x": [0.001] * len(stages) + [0.999] * len(stages),
            "y": centres,
            "pad": 18, "thickness": 22,
            "hovertemplate": "%{label}: %{value:,.0f} " + t("progress.hover_transition") + "<extra></extra>",
        },
        link={
            "source": [position[stage] for stage in flows.tahapan_ks_baseline],
            "target": [len(stages) + position[stage] for stage in flows.tahapan_ks_terakhir],
            "value": flows.households,
            "color": [LINK_COLOURS[kemajuan] for kemajuan in flows.kemajuan],
            "customdata": flows.share,
            "hovertemplate": "%{source.label} → %{target.label}<br>%{value:,.0f} " + t("progress.hover_transition")
            + " (%{customdata:.0%} " + t("progress.hover_of_stage") + ")<extra></extra>",
        },
    ))
    for x, text, anchor in ((0, t("progress.baseline"), "left"), (1, t("progress.latest"), "right")):
        figure.add_annotation(x=x, y=1.0, xref="paper", yref="paper", text=f"<b>{text}</b>", showarrow=False,
                              xanchor=anchor, yanchor="bottom", font={"size": 16})
    charts.show(figure, key="progress_transitions_chart", height=460, layout={"margin": {"t": 50}})
    st.caption(t("progress.transitions_hint"))
page.privacy_note(transitions)
table(transitions.drop(columns=["tahapan_urut_baseline", "tahapan_urut_terakhir"]), "progress_transitions",
      labels={"tahapan_ks_baseline": "tahapan_ks", "tahapan_ks_terakhir": "tahapan_ks", "kemajuan": "kemajuan"},
      shares=["share"])

# 3. Where it lags ----------------------------------------------------------------------------
st.header(t("progress.lag_title"))
if not filters["kecamatan"] and not filters["kelurahan"]:
    kecamatan = db.run("progress_by_kecamatan", **filters)
    laggards = kecamatan.dropna(subset=["share"]).sort_values(["share", "wilayah"])
    if len(laggards) > 1:
        st.subheader(t("progress.kecamatan_title"))
        worst = laggards.iloc[0]
        page.takeaway(t("progress.kecamatan_takeaway", area=worst.wilayah, share=percent(worst.share),
                        count=number(worst.naik), of=number(worst.rt_dengan_kemajuan)))
        charts.show(ranking_bars(laggards, list(laggards.wilayah), average), key=KECAMATAN_CHART,
                    height=max(260, 40 * len(laggards) + 110), layout={"margin": {"t": 60}}, on_select=lambda: choose_area(KECAMATAN_CHART),
                    selection_mode="points")
        st.caption(t("progress.kecamatan_hint"))
        if len(laggards) < len(kecamatan):
            st.caption(t("progress.areas_hidden", count=len(kecamatan) - len(laggards)))
        page.privacy_note(kecamatan)
        table(kecamatan, "progress_by_kecamatan", shares=["share"])

st.subheader(t("progress.kelurahan_title"))
if ranked.empty and not privacy.suppressed(kelurahan):
    st.info(t("progress.lag_none"))
elif not ranked.empty:
    worst = ranked.iloc[0]
    page.takeaway(t("progress.kelurahan_takeaway", area=worst.wilayah, share=percent(worst.share),
                    count=number(worst.naik), of=number(worst.rt_dengan_kemajuan)))
    charts.show(ranking_bars(ranked, [f"{row.wilayah} ({row.kecamatan})" if not filters["kecamatan"] else row.wilayah
                                      for row in ranked.itertuples()], average),
                key=KELURAHAN_CHART, height=max(260, 32 * len(ranked) + 110), layout={"margin": {"t": 60}},
                on_select=lambda: choose_area(KELURAHAN_CHART), selection_mode="points")
    st.caption(t("progress.kelurahan_hint"))
if len(ranked) < len(kelurahan):
    st.caption(t("progress.areas_hidden", count=len(kelurahan) - len(ranked)))
page.privacy_note(kelurahan)
table(kelurahan, "progress_by_kelurahan", shares=["share"])

# 4. Domains ----------------------------------------------------------------------------------
st.header(t("progress.domains_title"))
domains = db.run("progress_domains", **filters)
overall = domains[domains.kode_wilayah.isna()].dropna(subset=["terakhir"])
if not overall.empty:
    moved = overall[overall.satuan == "share"].assign(better=lambda frame: frame.perubahan * frame.arah)
    best, worst = moved.sort_values("better").iloc[-1], moved.sort_values("better").iloc[0]
    page.takeaway(t(
        "progress.domains_takeaway",
        best=label("ukuran", best.ukuran), best_from=percent(best.baseline), best_to=percent(best.terakhir),
        worst=label("ukuran", worst.ukuran), worst_from=percent(worst.baseline), worst_to=percent(worst.terakhir),
    ))
    st.caption(t("progress.domains_caption", count=number(overall.households.max())))
    for start in range(0, len(overall), 5):
        for column, row in zip(st.columns(5), overall.iloc[start:start + 5].itertuples()):
            column.metric(
                label("ukuran_pendek", row.ukuran), value_text(row.terakhir, row.satuan),
                delta=change_text(row.perubahan, row.satuan), delta_color="normal" if row.arah > 0 else "inverse",
                help=f"{label('ukuran', row.ukuran)}. {t('progress.column.baseline')}: "
                f"{value_text(row.baseline, row.satuan)}",
            )
page.privacy_note(domains)
table(domains.drop(columns=["urutan", "arah"]).assign(kode_wilayah=domains.kode_wilayah.fillna("")), "progress_domains",
      labels={"ukuran": "ukuran"})

measures = list(dict.fromkeys(domains.ukuran))
if measures:
    chosen = st.selectbox(t("progress.measure"), measures, index=measures.index("rt_ber_phbs") if "rt_ber_phbs" in measures else 0,
                          format_func=lambda code, lang=language(): label("ukuran", code, lang), key="ukuran", bind="query-params",
                          width=520)
    measure = domains[(domains.ukuran == chosen) & domains.kode_wilayah.notna()].dropna(subset=["terakhir"])
    measure = measure.assign(better=measure.perubahan * measure.arah).sort_values(["better", "wilayah"])
    if not measure.empty:
        satuan = measure.satuan.iloc[0]
        st.subheader(t("progress.dumbbell_title", measure=label("ukuran", chosen)))
        if len(measure) > 1:
            page.takeaway(t(
                "progress.dumbbell_takeaway", measure=label("ukuran", chosen),
                best_area=measure.iloc[-1].wilayah, best_change=change_text(measure.iloc[-1].perubahan, satuan),
                worst_area=measure.iloc[0].wilayah, worst_change=change_text(measure.iloc[0].perubahan, satuan),
            ))
        value_format = ".0%" if satuan == "share" else ",.1f"
        figure = go.Figure()
        lines_x, lines_y = [], []
        for row in measure.itertuples():
            lines_x += [row.baseline, row.terakhir, None]
            lines_y += [row.wilayah, row.wilayah, None]
        figure.add_scatter(x=lines_x, y=lines_y, mode="lines", line={"color": "#999999", "width": 3},
                           hoverinfo="skip", showlegend=False)
        for column, colour, name in (("baseline", "#999999", t("progress.baseline")),
                                     ("terakhir", charts.PALETTE[0], t("progress.latest"))):
            figure.add_scatter(
                x=measure[column], y=measure.wilayah, mode="markers", name=name,
                marker={"color": colour, "size": 16, "line": {"color": "white", "width": 1}},
                customdata=measure.households,
                hovertemplate="%{y}: %{x:" + value_format + "} (%{customdata:,.0f} " + t("progress.hover_transition")
                + ")<extra>" + name + "</extra>",
            )
        figure.update_layout(yaxis={"autorange": "reversed"}, xaxis={"tickformat": value_format})
        charts.show(figure, key="progress_domains_area_chart", height=max(300, 40 * len(measure) + 120))

    st.subheader(t("progress.rounds_title"))
    by_round = db.run("progress_domains_by_round", **filters)
    chosen_rounds = by_round[by_round.ukuran == chosen].dropna(subset=["nilai"])
    parts = []
    for year, rows in chosen_rounds.groupby("kohort"):
        if len(rows) > 1 and rows.putaran_ke.min() == 1:
            first, last = rows.iloc[0], rows.iloc[-1]
            parts.append(t("progress.rounds_part", cohort=cohort_name(year), n=int(last.putaran_ke),
                           **{"from": value_text(first.nilai, first.satuan), "to": value_text(last.nilai, last.satuan)}))
    if parts:
        page.takeaway(t("progress.rounds_takeaway", measure=label("ukuran", chosen), parts="; ".join(parts)))
    rows_count = (len(measures) + 4) // 5
    figure = make_subplots(rows=rows_count, cols=5, subplot_titles=[label("ukuran_pendek", code) for code in measures],
                           vertical_spacing=0.2, horizontal_spacing=0.05)
    cohorts = sorted(by_round.kohort.unique())
    for index, code in enumerate(measures):
        rows = by_round[by_round.ukuran == code]
        for colour, year in zip(charts.PALETTE, cohorts):
            line = rows[rows.kohort == year]
            figure.add_scatter(
                x=line.putaran_ke, y=line.nilai, mode="lines+markers", name=cohort_name(year),
                line={"color": colour, "width": 3}, marker={"size": 8}, legendgroup=str(year), showlegend=index == 0,
                customdata=line.households,
                hovertemplate=t("progress.round_axis") + " %{x}: %{y:" + (".0%" if line.satuan.eq("share").any() else ",.1f")
                + "} (%{customdata:,.0f})<extra>" + cohort_name(year) + "</extra>",
                row=index // 5 + 1, col=index % 5 + 1,
            )
        satuan = rows.satuan.iloc[0] if not rows.empty else "skor"
        figure.update_yaxes(tickformat=".0%" if satuan == "share" else ",.1f", row=index // 5 + 1, col=index % 5 + 1)
    figure.update_xaxes(dtick=1)
    figure.update_annotations(font_size=15)
    charts.show(figure, key="progress_domains_round_chart", height=280 * rows_count + 130,
                layout={"margin": {"t": 110}, "legend": {"y": 1.1}})
    st.caption(t("progress.rounds_caption"))
    page.privacy_note(by_round)
    table(by_round.drop(columns=["urutan", "arah"]), "progress_domains_by_round", labels={"ukuran": "ukuran"},
          values="nilai")

# 5. Cohorts ----------------------------------------------------------------------------------
st.header(t("progress.cohort_title"))
by_cohort = db.run("progress_by_cohort", **filters)
up = by_cohort.dropna(subset=["share"])
if not up.empty:
    page.takeaway(t("progress.cohort_takeaway", parts="; ".join(
        t("progress.cohort_part", cohort=cohort_name(row.kohort), share=percent(row.share), of=number(row.rt_dengan_kemajuan))
        for row in up.itertuples()
    )))
    charts.show(ranking_bars(up, [cohort_name(year) for year in up.kohort], average), key="progress_cohort_chart",
                height=max(220, 50 * len(up) + 110), layout={"margin": {"t": 60}})
    st.caption(t("progress.cohort_hint"))
waiting = by_cohort[by_cohort.hanya_baseline > 0]
if not waiting.empty:
    st.caption(t("progress.cohort_baseline_only", parts="; ".join(
        f"{cohort_name(row.kohort)} {number(row.hanya_baseline)}" for row in waiting.itertuples())))
page.privacy_note(by_cohort)
table(by_cohort, "progress_by_cohort", shares=["share"])

# 6. Household card: uploaders of the area and admins only; no household-level query runs for anyone else.
user = access.current_user()
if access.allows(user, "uploader"):
    st.header(t("progress.card_title"))
    st.caption(t("progress.card_caption"))
    try:
        area = access.household_scope(user)
    except PermissionError:
        st.info(t("progress.card_no_area"))
        st.stop()
    # A search, not a list of every household: at most SEARCH_MATCHES codes ever reach the browser.
    search = st.text_input(t("progress.card_search"), key="rumah_tangga_cari", help=t("progress.card_search_help"),
                           max_chars=40, width=520).strip()
    household, options = None, None
    if not search:
        st.caption(t("progress.card_search_prompt"))
    else:
        options = db.run("progress_household_search", cari=search, wilayah_akses=area, limit=SEARCH_MATCHES, **filters)
        if options.empty:
            st.info(t("progress.card_search_none", text=search))
        else:
            codes = list(options.id_rumah_tangga)
            if int(options.cocok_total.iloc[0]) > len(codes):
                st.caption(t("progress.card_search_more", shown=number(len(codes)),
                             total=number(options.cocok_total.iloc[0])))
            exact = [index for index, code in enumerate(codes) if code.upper() == search.upper()]
            household = st.selectbox(t("progress.card_choose"), codes, index=exact[0] if exact else None,
                                     placeholder=t("progress.card_placeholder"), key="rumah_tangga", width=520)
    if household:
        rounds = db.run("progress_household_rounds", id_rumah_tangga=household, wilayah_akses=area, **filters)
        received = db.run("progress_household_interventions", id_rumah_tangga=household, wilayah_akses=area, **filters)
        needs = db.run("progress_household_needs", id_rumah_tangga=household, wilayah_akses=area, **filters)
        chosen_row = options.set_index("id_rumah_tangga").loc[household]
        open_needs = needs[~needs.terjawab]
        first, last = rounds.iloc[0], rounds.iloc[-1]
        story = {"naik": "progress.card_takeaway", "tetap": "progress.card_takeaway", "turun": "progress.card_takeaway",
                 "hanya_baseline": "progress.card_takeaway_baseline_only",
                 "tanpa_baseline": "progress.card_takeaway_no_baseline"}[chosen_row.kemajuan]
        page.takeaway(
            t(story, code=household, first=label("tahapan_ks", first.tahapan_ks), last=label("tahapan_ks", last.tahapan_ks),
              n=int(last.putaran_ke), progress=label("kemajuan", chosen_row.kemajuan))
            + " " + t("progress.card_counts", interventions=number(len(received)), open=number(len(open_needs)))
        )
        st.subheader(t("progress.card_rounds"))
        side_by_side = rounds.assign(
            tanggal_survei=[day(value, form="medium") for value in rounds.tanggal_survei],
            tahapan_ks=[label("tahapan_ks", code) for code in rounds.tahapan_ks],
            rt_ber_phbs=[label("pilihan.ya_tidak", "ya" if flag else "tidak") for flag in rounds.rt_ber_phbs],
            berisiko_stunting=[label("pilihan.ya_tidak", "ya" if flag else "tidak") for flag in rounds.berisiko_stunting],
            skor_ketahanan=[number(value, 1) for value in rounds.skor_ketahanan],
            band_ketahanan=[label("band_ketahanan", code) for code in rounds.band_ketahanan],
            ikut_pelatihan_usaha=[label("pilihan.ya_tidak", code) for code in rounds.ikut_pelatihan_usaha],
            sumber_penghasilan=[label("pilihan.ya_tidak", code) for code in rounds.sumber_penghasilan],
        ).set_index("putaran_ke").astype(str).T
        side_by_side.columns = [t("progress.round_n", n=n) for n in side_by_side.columns]
        # One family's own answers by the survey's names; the derived measures by theirs.
        side_by_side.index = [label("kolom", code) if label("kolom", code) != code else label("ukuran", code)
                              for code in side_by_side.index]
        st.dataframe(side_by_side, key="card_rounds", height=35 * (len(side_by_side) + 1) + 3)
        st.subheader(t("progress.card_interventions"))
        if received.empty:
            st.caption(t("progress.card_no_interventions"))
        else:
            st.dataframe(
                received.assign(
                    tanggal=[day(value, form="medium") for value in received.tanggal],
                    jenis_intervensi=[label("jenis_intervensi", code) for code in received.jenis_intervensi],
                    jumlah=[number(value, 0 if value == int(value) else 1) for value in received.jumlah],
                ).drop(columns="kode_lembaga").rename(columns=lambda column: t(f"progress.column.{column}")),
                hide_index=True, key="card_interventions",
            )
        st.subheader(t("progress.card_needs"))
        for need in open_needs.kebutuhan:
            st.markdown(f"- {page.escape_markdown(label('kebutuhan', need))}")
        if open_needs.empty:
            st.caption(t("progress.card_no_open_needs"))
        answered = needs[needs.terjawab]
        if not answered.empty:
            st.caption(t("progress.card_answered", needs=", ".join(label("kebutuhan", need) for need in answered.kebutuhan)))
