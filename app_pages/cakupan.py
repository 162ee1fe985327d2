"""Intervention coverage (Cakupan): where the programme reaches, where it does not, and who gets no help."""

import plotly.graph_objects as go
import streamlit as st

from bebenah import access, charts, db, export, maps, page
from bebenah.i18n import day, label, labelled, labels, language, number, percent, t

MAP_KEY = "coverage_map"
COLUMNS = "coverage.column"  # table headers: locales/coverage.toml


def choose_kelurahan_on_map() -> None:
    """A click on the map chooses that kelurahan in the sidebar; a click on the chosen one clears it.

    Runs as the chart's callback, before the sidebar's selectbox renders, so the selectbox (and
    the URL bound to it) takes the new value in the same rerun.
    """
    points = (st.session_state.get(MAP_KEY) or {}).get("selection", {}).get("points", [])
    if not points:
        return
    code = points[0].get("location")
    if code not in set(db.run("area_options").kode_kelurahan):
        st.session_state["coverage_map_outside"] = code
        return
    st.session_state["kelurahan"] = None if st.session_state.get("kelurahan") == code else code


def gap_rows(listing, lang: str):
    """Gap rows for the screen and the file: needs named (once per need), headers in the language."""
    return listing.assign(kebutuhan=labels(listing.kebutuhan, "kebutuhan", lang)).drop(columns="kode_kelurahan") \
        .rename(columns=lambda column: t(f"coverage.column.{column}", lang))


def overlap_rows(listing, lang: str):
    """Overlap rows for the screen and the file: types and agencies named, headers in the language."""
    return listing.assign(
        jenis_intervensi=labels(listing.jenis_intervensi, "jenis_intervensi", lang),
        lembaga=labels(listing.lembaga, "lembaga", lang, separator=" "),
    ).drop(columns="kode_kelurahan").rename(columns=lambda column: t(f"coverage.column.{column}", lang))


def household_list(name: str, params: dict, table_key: str, rows_for_screen) -> dict:
    """One page of a household list, its pager, and the CSV of the whole list: read and built only
    on the click, which writes an audit entry (UU 27/2022). Returns the list's totals."""
    lang = language()  # the file is built outside the page's run, where the session's language is unknown
    listing, totals = page.list_page(name, params)
    st.dataframe(rows_for_screen(listing, lang), hide_index=True, key=table_key)
    page.pager(name, len(listing), totals.get("baris_total", 0))
    page.household_download(lambda: page.whole_list(name, params), name, t("common.download_whole_csv"),
                              prepare=lambda rows: rows_for_screen(rows, lang), target=f"{name} {params['wilayah_akses'] or '*'}",
                              area_in_log=False)
    return totals


filters = page.setup("viewer")
user = access.current_user()
st.title(t("coverage.title"))
st.caption(t("common.period", area=page.area_name(filters), dari=day(filters["dari"]), sampai=day(filters["sampai"])))

areas = db.run("coverage_by_area", **filters)
if areas.empty:
    st.info(t("common.no_data"))
    st.stop()
top = areas.iloc[0]
headline = "coverage.headline" if top.rt_terdaftar == top.rt_terdaftar else "coverage.headline_hidden"
page.takeaway(t(headline, area=top.wilayah, enrolled=number(top.rt_terdaftar), target=number(top.sasaran_rt),
                share=percent(top.capaian), reached=percent(top.cakupan)))

# 1-2. Map of enrolment against target, and beside it the interventions' reach per area.
left, right = st.columns([3, 2])
with left:
    st.subheader(t("coverage.map_title"))
    shown_map = db.run("coverage_map_kelurahan", **filters)
    coloured = shown_map[shown_map.di_program & shown_map.capaian.notna()]
    if not coloured.empty:
        lowest = coloured.sort_values(["capaian", "kelurahan"]).iloc[0]
        page.takeaway(t("coverage.map_takeaway", count=number(len(coloured)), area=lowest.kelurahan,
                        share=percent(lowest.capaian)))
    if st.session_state.pop("coverage_map_outside", None):
        st.caption(t("coverage.map_outside"))
    # Grey: the kelurahan without a colour. Each trace carries only its own boundaries, so every
    # boundary reaches the browser once (all 267 are 370 kB).
    grey = shown_map[~shown_map.kode_kelurahan.isin(coloured.kode_kelurahan)]
    figure = go.Figure()
    figure.add_choropleth(
        geojson=maps.kelurahan(grey.kode_kelurahan), locations=grey.kode_kelurahan, z=[0] * len(grey),
        colorscale=[[0, "#E3E3E3"], [1, "#E3E3E3"]], showscale=False,
        marker_line_color="#FFFFFF", marker_line_width=1,
        text=[f"{row.kelurahan} ({row.kecamatan})<br>" + (t("coverage.map_no_programme") if not row.di_program
              else t("coverage.map_hidden")) for row in grey.itertuples()],
        hoverinfo="text", name="",
    )
    figure.add_choropleth(
        geojson=maps.kelurahan(coloured.kode_kelurahan), locations=coloured.kode_kelurahan,
        z=coloured.capaian.clip(upper=1),
        zmin=0, zmax=1,
        colorscale=[[0, "#B2182B"], [0.25, "#EF8A62"], [0.5, "#FDDBC7"], [0.75, "#67A9CF"], [1, "#0072B2"]],
        colorbar={"title": {"text": t("coverage.column.capaian"), "side": "top"}, "tickformat": ".0%",
                  "orientation": "h", "thickness": 14, "len": 0.9, "y": -0.02, "yanchor": "top"},
        marker_line_color=["#000000" if chosen else "#FFFFFF" for chosen in coloured.dipilih],
        marker_line_width=[4 if chosen else 1 for chosen in coloured.dipilih],
        text=[t("coverage.map_hover", area=row.kelurahan, kecamatan=row.kecamatan, enrolled=number(row.rt_terdaftar),
                target=number(row.sasaran_rt), share=percent(row.capaian)) for row in coloured.itertuples()],
        hoverinfo="text", name="",
        # Plotly dims the unselected regions after a click: keep every region at full colour.
        selected={"marker": {"opacity": 1}}, unselected={"marker": {"opacity": 1}},
    )
    figure.update_geos(fitbounds="locations", visible=False, projection_type="mercator")
    figure.update_layout(margin={"l": 0, "r": 0, "t": 10, "b": 0}, clickmode="event+select", dragmode=False)
    charts.show(figure, key=MAP_KEY, height=560, on_select=choose_kelurahan_on_map, selection_mode="points")
    st.caption(t("coverage.map_hint"))
    page.privacy_note(shown_map)
    page.formatted_table(shown_map[shown_map.di_program], "coverage_map_kelurahan", {
        "kelurahan": None, "kecamatan": None, "rt_terdaftar": number, "sasaran_rt": number, "capaian": percent,
    }, COLUMNS)

with right:
    level = "kecamatan" if not (filters["kecamatan"] or filters["kelurahan"]) else "kelurahan"
    st.subheader(t(f"coverage.reach_title_{level}"))
    reach = areas[areas.tingkat == level].sort_values(["cakupan", "wilayah"], na_position="last")
    known = reach.dropna(subset=["cakupan"])
    if not known.empty:
        lowest = known.iloc[0]
        page.takeaway(t("coverage.reach_takeaway", area=lowest.wilayah, share=percent(lowest.cakupan),
                        reached=number(lowest.rt_dijangkau), enrolled=number(lowest.rt_terdaftar)))
    figure = go.Figure()
    figure.add_bar(
        y=[charts.wrap(name, 18) for name in reach.wilayah], x=reach.cakupan, orientation="h",
        text=[percent(share) for share in reach.cakupan], textposition="outside",
        marker_color=charts.PALETTE[0], hoverinfo="skip", cliponaxis=False,
    )
    figure.update_layout(xaxis={"tickformat": ".0%", "range": [0, 1.3], "title": t("coverage.column.cakupan")},
                         yaxis={"autorange": "reversed"}, showlegend=False)
    charts.show(figure, key="coverage_reach_chart", height=max(300, 46 * len(reach) + 120))
    page.privacy_note(areas)

st.subheader(t("coverage.enrolment_title"))
page.formatted_table(areas.assign(tingkat=[t(f"filters.{level}") for level in areas.tingkat]), "coverage_by_area", {
    "tingkat": None, "wilayah": None, "rt_terdaftar": number, "sasaran_rt": number, "capaian": percent,
    "rt_dijangkau": number, "cakupan": percent}, COLUMNS)

# Coverage per intervention type: households reached / enrolled, and / the type's target.
st.subheader(t("coverage.types_title"))
types = db.run("coverage_by_jenis", **filters)
household_types = types[types.tingkat == "rumah_tangga"]
if household_types.empty:
    st.info(t("coverage.types_none"))
else:
    widest = household_types.dropna(subset=["cakupan"])
    if not widest.empty:
        page.takeaway(t("coverage.types_takeaway", kind=label("jenis_intervensi", widest.iloc[0].jenis_intervensi),
                        share=percent(widest.iloc[0].cakupan), count=number(len(household_types))))
    names = [charts.wrap(label("jenis_intervensi", code), 24) for code in household_types.jenis_intervensi]
    figure = go.Figure()
    figure.add_bar(y=names, x=household_types.cakupan, orientation="h", name=t("coverage.of_enrolled"),
                   text=[percent(share) for share in household_types.cakupan], textposition="outside",
                   marker_color=charts.PALETTE[0], cliponaxis=False)
    figure.add_bar(y=names, x=household_types.capaian_sasaran, orientation="h", name=t("coverage.of_type_target"),
                   text=[percent(share) if share == share else "" for share in household_types.capaian_sasaran],
                   textposition="outside", marker_color=charts.PALETTE[1], cliponaxis=False)
    largest = household_types[["cakupan", "capaian_sasaran"]].max().max()
    figure.update_layout(barmode="group", yaxis={"autorange": "reversed"},
                         xaxis={"tickformat": ".0%", "title": t("coverage.column.cakupan"),
                                "range": [0, max(1.0, largest if largest == largest else 1.0) * 1.15]})
    charts.show(figure, key="coverage_types_chart", height=max(320, 70 * len(household_types) + 140))
page.privacy_note(types)
page.formatted_table(labelled(types, "jenis_intervensi", "jenis_intervensi"), "coverage_by_jenis", {
    "jenis_intervensi": None, "kegiatan": number, "rt_dijangkau": number, "rt_terdaftar": number,
    "cakupan": percent, "sasaran_rt": number, "capaian_sasaran": percent}, COLUMNS)

# 3. Heatmap of kelurahan against intervention type.
st.subheader(t("coverage.heatmap_title"))
grid = db.run("coverage_kelurahan_by_jenis", **filters)
if grid.empty:
    st.info(t("coverage.types_none"))
else:
    # Blanked cells are small but not zero: only a kelurahan whose every cell shows 0 is untouched.
    untouched = grid.rt_dijangkau.eq(0).groupby(grid.kelurahan).all()
    page.takeaway(t("coverage.heatmap_takeaway" if untouched.any() else "coverage.heatmap_takeaway_all",
                    untouched=number(int(untouched.sum())), count=number(grid.kelurahan.nunique()),
                    widest=label("jenis_intervensi", grid.groupby("jenis_intervensi").rt_dijangkau.sum().idxmax())))
    matrix = grid.assign(jenis=[label("jenis_intervensi", code) for code in grid.jenis_intervensi])
    z = matrix.pivot(index="kelurahan", columns="jenis", values="cakupan")
    figure = go.Figure(go.Heatmap(
        z=z.values, x=list(z.columns), y=list(z.index), zmin=0, zmax=1,
        colorscale=[[0, "#F7FBFF"], [0.5, "#6BAED6"], [1, "#08306B"]],
        text=[[percent(value) for value in row] for row in z.values], texttemplate="%{text}",
        hovertemplate="%{y}<br>%{x}<br>%{text}<extra></extra>", xgap=2, ygap=2, textfont={"size": 14},
        colorbar={"title": {"text": t("coverage.column.cakupan")}, "tickformat": ".0%"},
    ))
    figure.update_layout(yaxis={"autorange": "reversed"},
                         xaxis={"side": "top", "tickangle": -90, "tickfont": {"size": 14}})
    charts.show(figure, key="coverage_heatmap", height=max(320, 40 * len(z) + 280))
page.privacy_note(grid)
page.formatted_table(labelled(grid, "jenis_intervensi", "jenis_intervensi"), "coverage_kelurahan_by_jenis", {
    "kelurahan": None, "jenis_intervensi": None, "rt_terdaftar": number, "rt_dijangkau": number,
    "cakupan": percent, "kegiatan": number}, COLUMNS)

# 4. Needs-based gaps: families with a need that no delivered intervention answers.
st.subheader(t("coverage.gaps_title"))
st.caption(t("coverage.gaps_caption", sampai=day(filters["sampai"])))
gaps = db.run("gaps_by_kelurahan", **filters)
gaps = gaps.assign(
    nama_kebutuhan=[label("kebutuhan", code) for code in gaps.kebutuhan],
    penjawab=[", ".join(label("jenis_intervensi", code) for code in codes.split()) for codes in gaps.jenis_penjawab],
)
if gaps.empty:
    st.info(t("common.no_data"))
elif gaps.rt_tanpa_intervensi.isna().all():
    st.info(t("coverage.gaps_hidden"))
elif gaps.rt_tanpa_intervensi.sum() == 0:
    st.success(t("coverage.gaps_none"))
else:
    largest = gaps.sort_values(["rt_tanpa_intervensi", "kelurahan"], ascending=[False, True]).iloc[0]
    page.takeaway(t("coverage.gaps_takeaway", count=number(largest.rt_tanpa_intervensi), need=largest.nama_kebutuhan,
                    area=largest.kelurahan, answer=largest.penjawab or t("coverage.no_answering_type")))
    # A hidden (small) count shows a dash; a blank cell is a need nobody there has.
    cells = gaps.assign(teks=[number(value) for value in gaps.rt_tanpa_intervensi])
    z = cells.pivot(index="kelurahan", columns="nama_kebutuhan", values="rt_tanpa_intervensi")
    text = cells.pivot(index="kelurahan", columns="nama_kebutuhan", values="teks").reindex_like(z).fillna("")
    figure = go.Figure(go.Heatmap(
        z=z.values, x=list(z.columns), y=list(z.index), colorscale=[[0, "#FFF5EB"], [1, "#D55E00"]],
        text=text.values, texttemplate="%{text}", hovertemplate="%{y}<br>%{x}<br>%{text}<extra></extra>",
        xgap=2, ygap=2, textfont={"size": 14}, colorbar={"title": {"text": t("coverage.column.rt_tumpang_tindih")}},
    ))
    figure.update_layout(yaxis={"autorange": "reversed"},
                         xaxis={"side": "top", "tickangle": -90, "tickfont": {"size": 14}})
    charts.show(figure, key="coverage_gaps_chart", height=max(320, 40 * len(z) + 280))
page.privacy_note(gaps)
page.formatted_table(gaps, "gaps_by_kelurahan", {
    "kecamatan": None, "kelurahan": None, "nama_kebutuhan": None, "rt_berkebutuhan": number,
    "rt_tanpa_intervensi": number, "porsi_tanpa_intervensi": percent, "penjawab": None}, COLUMNS)

# The list itself: household codes, for uploaders of the area and admins only.
st.markdown(f"#### {t('coverage.gap_list_title')}")
scope = None if user.get("role") == "admin" else user.get("area")
if not access.allows(user, "uploader"):
    st.caption(t("coverage.households_viewer"))
elif user.get("role") != "admin" and not scope:
    st.warning(t("coverage.households_no_area"))
else:
    # The caption sits above the table: its totals come with the page's rows.
    caption = st.empty()
    totals = household_list("gaps_households", {**filters, "wilayah_akses": scope}, "gaps_households_table", gap_rows)
    caption.caption(t("coverage.gap_list_caption", rows=number(totals.get("baris_total", 0)),
                      households=number(totals.get("rumah_tangga_total", 0))))

# 5. Overlaps: the same intervention type from two or more agencies for one family.
st.subheader(t("coverage.overlaps_title"))
overlaps = db.run("overlaps_by_kelurahan", **filters)
overlaps = overlaps.assign(
    nama_jenis=[label("jenis_intervensi", code) for code in overlaps.jenis_intervensi],
    nama_lembaga=[", ".join(label("lembaga", code) for code in codes.split()) for codes in overlaps.lembaga],
)
if overlaps.empty:
    st.success(t("coverage.overlaps_none"))
else:
    first = overlaps.iloc[0]
    page.takeaway(t("coverage.overlaps_takeaway", types=number(overlaps.jenis_intervensi.nunique()),
                    areas=number(overlaps.kode_kelurahan.nunique()), kind=first.nama_jenis, area=first.kelurahan,
                    agencies=first.nama_lembaga))
    # No chart here: the table itself is what the meeting reads, so it is shown, not folded away.
    columns = {"kelurahan": None, "nama_jenis": None, "nama_lembaga": None, "rt_tumpang_tindih": number,
               "kegiatan": number}
    raw = overlaps[list(columns)].rename(columns=lambda column: t(f"coverage.column.{column}"))
    counted = [t(f"coverage.column.{column}") for column in ("rt_tumpang_tindih", "kegiatan")]
    page.paged_table(raw, "overlaps_by_kelurahan",
                     shown=lambda rows: rows.assign(**{column: rows[column].map(number) for column in counted}))
page.privacy_note(overlaps)
if access.allows(user, "uploader") and (user.get("role") == "admin" or scope) and not overlaps.empty:
    params = {**filters, "wilayah_akses": scope}
    _, totals = page.list_page("overlaps_households", params)
    with st.expander(t("coverage.overlaps_households", rows=number(totals.get("baris_total", 0)))):
        household_list("overlaps_households", params, "overlaps_households_table", overlap_rows)

# 6. Deliveries over time, by type and month.
st.subheader(t("coverage.monthly_title"))
monthly = db.run("coverage_deliveries_by_month", **filters)
if monthly.empty:
    st.info(t("common.no_data"))
else:
    per_month = monthly.groupby("bulan").kegiatan.sum()
    busiest = per_month.idxmax()
    page.takeaway(t("coverage.monthly_takeaway", total=number(per_month.sum()), month=day(busiest, form="MMMM y"),
                    count=number(per_month.max())))
    # Seven colours tell types apart on a projector; the less frequent types share one grey.
    ranked = list(monthly.groupby("jenis_intervensi").kegiatan.sum().sort_values(ascending=False).index)
    main = ranked[:7] if len(ranked) > 8 else ranked
    grouped = monthly.assign(jenis=[code if code in main else "" for code in monthly.jenis_intervensi])
    grouped = grouped.groupby(["bulan", "jenis"], as_index=False).kegiatan.sum()
    figure = go.Figure()
    for position, code in enumerate([*main, ""] if len(main) < len(ranked) else main):
        rows = grouped[grouped.jenis == code]
        figure.add_bar(x=rows.bulan, y=rows.kegiatan,
                       name=label("jenis_intervensi", code) if code else t("coverage.other_types"),
                       marker_color=charts.PALETTE[position] if code else "#BBBBBB")
    figure.update_layout(barmode="stack", yaxis_title=t("coverage.column.kegiatan"),
                         xaxis=charts.month_axis(monthly.bulan), legend={"font": {"size": 14}})
    charts.show(figure, key="coverage_monthly_chart", height=460)
page.privacy_note(monthly)
page.formatted_table(labelled(monthly, "jenis_intervensi", "jenis_intervensi"), "coverage_deliveries_by_month", {
    "bulan": lambda month: day(month, form="MMMM y"), "jenis_intervensi": None, "kegiatan": number,
    "rt_dijangkau": number}, COLUMNS)
