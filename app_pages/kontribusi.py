"""Agency contributions (Kontribusi lembaga): who puts in what, who does what where, one agency's scorecard."""

import plotly.graph_objects as go
import streamlit as st

from bebenah import charts, db, i18n, page, takeaways, threew
from bebenah.sections import Section
from bebenah.i18n import day, label, labelled, number, percent, rupiah, rupiah_short, t

KINDS = ("dana_idr", "barang", "jam_fasilitator", "sesi", "rujukan")
COLUMNS = "coverage.column"  # table headers, shared with the coverage page: locales/coverage.toml


filters = page.setup("viewer")
st.title(t("contributions.title"))
st.caption(t("common.period", area=page.area_name(filters), dari=day(filters["dari"]), sampai=day(filters["sampai"])))

register = db.run("agency_options")
full_names = dict(zip(register.kode, register.nama))


def agency(code) -> str:
    """An agency's short name from the locale files, else its registered name (admins add agencies)."""
    name = label("lembaga", code)
    return full_names.get(code, str(code)) if name == code else name


agencies = db.run("contributions_by_agency", **filters)
if agencies.empty:
    st.info(t("common.no_data"))
    st.stop()
agencies = agencies.assign(lembaga=[agency(code) for code in agencies.kode_lembaga])
total_value = agencies.nilai_idr.sum()
if total_value > 0:
    top = agencies.iloc[0]
    page.takeaway(t("contributions.headline", count=number(len(agencies)), total=rupiah_short(total_value),
                    agency=top.lembaga, share=percent(top.porsi_nilai)))
else:
    page.takeaway(t("contributions.headline_no_money", count=number(len(agencies))))

first, second, third, fourth = st.columns([4, 2, 2, 3])
first.metric(t("contributions.total_value"), rupiah_short(total_value))
second.metric(t("contributions.agencies_active"), number(len(agencies)))
third.metric(t("contributions.deliveries"), number(agencies.kegiatan.sum()))
fourth.metric(t("contributions.hours"), number(agencies.jam_fasilitator.sum()))

# 7. Per agency: money, goods, hours, sessions, referrals; households and kelurahan reached; share.
st.subheader(t("contributions.per_agency_title"))
left, right = st.columns(2)
with left:
    st.markdown(f"**{t('contributions.value_chart_title')}**")
    givers = agencies[agencies.nilai_idr > 0].sort_values("nilai_idr", ascending=False)
    figure = go.Figure()
    other = givers.nilai_idr - givers.dana_idr - givers.barang_idr
    for values, name, colour in ((givers.dana_idr, label("jenis_kontribusi", "dana_idr"), charts.PALETTE[0]),
                                 (givers.barang_idr, label("jenis_kontribusi", "barang"), charts.PALETTE[1]),
                                 (other, t("contributions.other_value"), charts.PALETTE[2])):
        if values.sum() > 0:
            figure.add_bar(y=[charts.wrap(name, 20) for name in givers.lembaga], x=values, name=name, orientation="h",
                           marker_color=colour, customdata=[rupiah(value) for value in values],
                           hovertemplate="%{y}<br>%{customdata}<extra></extra>")
    figure.add_scatter(y=[charts.wrap(name, 20) for name in givers.lembaga], x=givers.nilai_idr, mode="text",
                       text=[f"  {rupiah_short(value)} · {percent(share)}" for value, share
                             in zip(givers.nilai_idr, givers.porsi_nilai)],
                       textposition="middle right", showlegend=False, hoverinfo="skip", cliponaxis=False)
    figure.update_layout(barmode="stack", yaxis={"autorange": "reversed"},
                         xaxis={"range": [0, givers.nilai_idr.max() * 2.1 if len(givers) else 1], "visible": False})
    charts.show(figure, key="contributions_value_chart", height=max(300, 56 * len(givers) + 120))
with right:
    st.markdown(f"**{t('contributions.deliveries_chart_title')}**")
    doers = agencies[agencies.kegiatan > 0].sort_values(["kegiatan", "lembaga"], ascending=[False, True])
    if not doers.empty:
        busiest = doers.iloc[0]
        page.takeaway(t("contributions.deliveries_takeaway", agency=busiest.lembaga, count=number(busiest.kegiatan),
                        share=percent(busiest.porsi_kegiatan)))
    figure = go.Figure(go.Bar(
        y=[charts.wrap(name, 20) for name in doers.lembaga], x=doers.kegiatan, orientation="h",
        text=[number(value) for value in doers.kegiatan], textposition="outside", marker_color=charts.PALETTE[2],
        hoverinfo="skip", cliponaxis=False,
    ))
    figure.update_layout(yaxis={"autorange": "reversed"}, showlegend=False,
                         xaxis={"title": t("contributions.deliveries"),
                                "range": [0, doers.kegiatan.max() * 1.3 if len(doers) else 1]})
    charts.show(figure, key="contributions_deliveries_chart", height=max(300, 56 * len(doers) + 120))
page.privacy_note(agencies)
named_agencies = labelled(agencies.assign(nama=agencies.lembaga), "jenis", "jenis_lembaga")
page.formatted_table(named_agencies, "contributions_by_agency", {
    "nama": None, "jenis": None, "dana_idr": rupiah, "barang_idr": rupiah, "jam_fasilitator": number,
    "sesi": number, "rujukan": number, "nilai_idr": rupiah, "porsi_nilai": percent, "kegiatan": number,
    "porsi_kegiatan": percent, "rt_dijangkau": number, "kelurahan_dijangkau": number}, COLUMNS)

# 8. Who does what where: agencies against kecamatan (kelurahan once a kecamatan is chosen), and the flow.
level = "kecamatan" if not (filters["kecamatan"] or filters["kelurahan"]) else "kelurahan"
st.subheader(t(f"contributions.matrix_title_{level}"))
where = db.run("contributions_agency_by_area", **filters)
where = where.assign(lembaga=[agency(code) for code in where.kode_lembaga],
                     wilayah=where.wilayah.fillna(t("contributions.city_wide")))
per_area = where[where.kode_wilayah.notna()].groupby("wilayah").kode_lembaga.nunique().sort_values(ascending=False)
if not per_area.empty:
    page.takeaway(t("contributions.matrix_takeaway", area=per_area.index[0], count=number(per_area.iloc[0]),
                    single=number(int((per_area == 1).sum()))))
st.caption(t("contributions.matrix_caption"))
# Cells stay short enough for their box: deliveries, or "Rp" where an agency only gave money or goods.
cells = where.assign(
    teks=[number(row.kegiatan) if row.kegiatan else ("Rp" if row.nilai_idr else "") for row in where.itertuples()],
    hover=[f"{number(row.kegiatan)} {t('contributions.deliveries').lower()} · {rupiah_short(row.nilai_idr)}"
           for row in where.itertuples()],
)
agency_order = cells.groupby("lembaga").kegiatan.sum().sort_values(ascending=False, kind="stable").index
area_order = sorted(set(cells.wilayah[cells.kode_wilayah.notna()])) + (
    [t("contributions.city_wide")] if cells.kode_wilayah.isna().any() else [])
z = cells.pivot_table(index="lembaga", columns="wilayah", values="kegiatan", aggfunc="sum").reindex(
    index=agency_order, columns=area_order)
text = cells.pivot_table(index="lembaga", columns="wilayah", values="teks", aggfunc="first").reindex_like(z)
hover = cells.pivot_table(index="lembaga", columns="wilayah", values="hover", aggfunc="first").reindex_like(z)
figure = go.Figure(go.Heatmap(
    z=z.values, x=list(z.columns), y=list(z.index),
    text=text.fillna("").values, texttemplate="%{text}", colorscale=[[0, "#EAF3FA"], [1, "#0072B2"]],
    customdata=hover.fillna("").values, hovertemplate="%{y}<br>%{x}<br>%{customdata}<extra></extra>",
    xgap=2, ygap=2, textfont={"size": 13},
    colorbar={"title": {"text": t("contributions.deliveries")}},
))
figure.update_layout(yaxis={"autorange": "reversed"},
                     xaxis={"side": "top", "tickangle": -90, "tickfont": {"size": 14}})
charts.show(figure, key="contributions_matrix", height=max(320, 40 * len(z) + 260))
page.privacy_note(where)
page.formatted_table(where.rename(columns={"lembaga": "nama"}), "contributions_agency_by_area", {
    "nama": None, "wilayah": None, "kegiatan": number, "rt_dijangkau": number, "nilai_idr": rupiah}, COLUMNS)

st.subheader(t("contributions.flow_title"))
flow = db.run("contributions_flow", **filters)
if flow.empty:
    st.info(t("common.no_data"))
else:
    shared = flow[flow.langkah == 1].groupby("tujuan").sumber.nunique().sort_values(ascending=False)
    page.takeaway(t("contributions.flow_takeaway", kind=label("jenis_intervensi", shared.index[0]),
                    count=number(shared.iloc[0])))
    agencies_in_flow = list(dict.fromkeys(flow[flow.langkah == 1].sumber))
    types_in_flow = list(dict.fromkeys(flow[flow.langkah == 2].sumber))
    areas_in_flow = list(dict.fromkeys(flow[flow.langkah == 2].tujuan))
    area_names = dict(zip(flow.tujuan, flow.nama_tujuan))
    nodes = ([("lembaga", code) for code in agencies_in_flow] + [("jenis", code) for code in types_in_flow]
             + [("wilayah", code) for code in areas_in_flow])
    index = {node: position for position, node in enumerate(nodes)}
    names = {"lembaga": agency, "jenis": lambda code: label("jenis_intervensi", code), "wilayah": area_names.get}
    colours = {"lembaga": charts.PALETTE[0], "jenis": charts.PALETTE[1], "wilayah": charts.PALETTE[2]}
    sources = [index[("lembaga" if row.langkah == 1 else "jenis", row.sumber)] for row in flow.itertuples()]
    targets = [index[("jenis" if row.langkah == 1 else "wilayah", row.tujuan)] for row in flow.itertuples()]
    figure = go.Figure(go.Sankey(
        node={"label": [charts.wrap(names[kind](code), 28) for kind, code in nodes], "pad": 20, "thickness": 18,
              "color": [colours[kind] for kind, _ in nodes]},
        link={"source": sources, "target": targets, "value": list(flow.kegiatan), "color": "rgba(0,0,0,0.18)"},
        textfont={"size": 15},
    ))
    tallest = max(len(agencies_in_flow), len(types_in_flow), len(areas_in_flow))
    charts.show(figure, key="contributions_flow", height=max(380, 56 * tallest + 120))
links = flow.assign(
    nama=[agency(row.sumber) if row.langkah == 1 else label("jenis_intervensi", row.sumber)
          for row in flow.itertuples()],
    wilayah=[label("jenis_intervensi", row.tujuan) if row.langkah == 1 else row.nama_tujuan
             for row in flow.itertuples()],
)
page.formatted_table(links, "contributions_flow", {"nama": None, "wilayah": None, "kegiatan": number}, COLUMNS)

# 9. One agency's scorecard, bound to the URL so an agency head can keep the link.
st.subheader(t("contributions.scorecard_title"))
chosen = st.selectbox(t("contributions.choose_agency"), list(register.kode), format_func=agency, key="lembaga",
                      bind="query-params")
mine = agencies[agencies.kode_lembaga == chosen]
if mine.empty:
    st.info(t("contributions.scorecard_idle", agency=agency(chosen)))
else:
    row = mine.iloc[0]
    page.takeaway(t("contributions.scorecard_takeaway", agency=agency(chosen), value=rupiah_short(row.nilai_idr),
                    value_share=percent(row.porsi_nilai), deliveries=number(row.kegiatan),
                    delivery_share=percent(row.porsi_kegiatan), areas=number(row.kelurahan_dijangkau)))
    first, second, third, fourth = st.columns([3, 3, 2, 2])
    first.metric(t("contributions.total_value"), rupiah_short(row.nilai_idr),
                 f"{percent(row.porsi_nilai)} {t('contributions.agency_value_share')}", delta_color="off",
                 delta_arrow="off")
    second.metric(t("contributions.deliveries"), number(row.kegiatan),
                  f"{percent(row.porsi_kegiatan)} {t('contributions.agency_delivery_share')}", delta_color="off",
                  delta_arrow="off")
    third.metric(t("contributions.agency_households"), number(row.rt_dijangkau))
    fourth.metric(t("coverage.column.kelurahan_dijangkau"), number(row.kelurahan_dijangkau))

    st.markdown(f"#### {t('contributions.over_time_title')}")
    given = db.run("agency_contributions_by_month", **filters, lembaga=chosen)
    delivered = db.run("coverage_deliveries_by_month", **filters, lembaga=chosen)
    if not given.empty:
        per_month = given.groupby("bulan").nilai_idr.sum()
        page.takeaway(t("contributions.over_time_takeaway", month=day(per_month.idxmax(), form="MMMM y"),
                        value=rupiah_short(per_month.max())))
    figure = go.Figure()
    for code in KINDS:
        rows = given[given.jenis_kontribusi == code]
        if not rows.empty:
            figure.add_bar(x=rows.bulan, y=rows.nilai_idr, name=label("jenis_kontribusi", code),
                           customdata=[rupiah(value) for value in rows.nilai_idr],
                           hovertemplate="%{x|%b %Y}<br>%{customdata}<extra></extra>")
    per_month_deliveries = delivered.groupby("bulan", as_index=False).kegiatan.sum()
    figure.add_scatter(x=per_month_deliveries.bulan, y=per_month_deliveries.kegiatan, yaxis="y2",
                       name=t("contributions.deliveries"), mode="lines+markers", line_color=charts.PALETTE[7])
    most_deliveries = per_month_deliveries.kegiatan.max() if len(per_month_deliveries) else 1
    figure.update_layout(barmode="stack",
                         yaxis={"title": t("coverage.column.nilai_idr"),
                                **charts.rupiah_axis(given.groupby("bulan").nilai_idr.sum().max())},
                         yaxis2={"title": t("contributions.deliveries"), "overlaying": "y", "side": "right",
                                 "rangemode": "tozero", "showgrid": False, "tickformat": ",d",
                                 "dtick": max(1, -(-most_deliveries // 5))},
                         xaxis=charts.month_axis([*given.bulan, *per_month_deliveries.bulan]))
    charts.show(figure, key="agency_over_time_chart", height=420)
    page.formatted_table(labelled(given, "jenis_kontribusi", "jenis_kontribusi"), "agency_contributions_by_month", {
        "bulan": lambda month: day(month, form="MMMM y"), "jenis_kontribusi": None, "jumlah": number,
        "satuan": None, "nilai_idr": rupiah}, COLUMNS)

    left, right = st.columns(2)
    with left:
        page.draw_section(filters, Section(
            "contributions_agency_by_area", "contributions.where_title", name="agency_by_area", key="agency_where_chart",
            params={"lembaga": chosen},
            prepare=lambda rows: rows.assign(wilayah=rows.wilayah.fillna(t("contributions.city_wide"))),
            chart=lambda rows: charts.ranked_bars(rows, label="wilayah", value="kegiatan",
                                                  axis_title=t("contributions.deliveries")),
            takeaway=takeaways.busiest_area, headers=COLUMNS,
            table={"wilayah": None, "kegiatan": number, "rt_dijangkau": number, "nilai_idr": rupiah},
        ), heading=lambda text: st.markdown(f"#### {text}"))
    with right:
        st.markdown(f"#### {t('contributions.what_title')}")
        what = db.run("agency_deliveries_by_jenis", **filters, lembaga=chosen)
        if not what.empty:
            lead = what.sort_values(["porsi_kegiatan", "kegiatan"], ascending=False).iloc[0]
            page.takeaway(t("contributions.what_takeaway", kind=label("jenis_intervensi", lead.jenis_intervensi),
                            share=percent(lead.porsi_kegiatan), agency=agency(chosen)))
        names = [charts.wrap(label("jenis_intervensi", code), 22) for code in what.jenis_intervensi]
        figure = go.Figure()
        figure.add_bar(y=names, x=what.kegiatan, name=t("contributions.this_agency"), orientation="h",
                       marker_color=charts.PALETTE[0])
        figure.add_bar(y=names, x=what.kegiatan_program - what.kegiatan, name=t("contributions.other_agencies"),
                       orientation="h", marker_color="#BBBBBB")
        figure.update_layout(barmode="stack", yaxis={"autorange": "reversed"},
                             xaxis_title=t("contributions.deliveries"))
        charts.show(figure, key="agency_what_chart", height=max(280, 60 * len(what) + 140))
        page.privacy_note(what, delivered)
        page.formatted_table(labelled(what, "jenis_intervensi", "jenis_intervensi"), "agency_deliveries_by_jenis", {
            "jenis_intervensi": None, "kegiatan": number, "rt_dijangkau": number, "kegiatan_program": number,
            "rt_dijangkau_program": number, "porsi_kegiatan": percent}, COLUMNS)

# 10. The 3W table for coordination partners, as CSV and XLSX with HXL hashtags.
st.subheader(t("contributions.threew_title"))
rows = db.run("threew", **filters)
table = threew.table(rows, i18n.language())
st.caption(t("contributions.threew_caption", rows=number(len(table))))
page.privacy_note(rows)
csv_column, xlsx_column = st.columns(2)
# Both files are built on their click, not on every run of the page.
csv_column.download_button(t("common.download_csv"), data=lambda: threew.csv_bytes(table), file_name="3w_bebenah.csv",
                           mime="text/csv", key="download_threew_csv", width="stretch")
xlsx_column.download_button(
    t("common.download_xlsx"), data=lambda: threew.xlsx_bytes(table), file_name="3w_bebenah.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="download_threew_xlsx",
    width="stretch")
with st.expander(t("common.show_table")):
    # One page of rows to the browser: the table has a row per agency, type and kelurahan.
    shown = page.frame_page(table, "threew")
    st.dataframe(threew.with_hashtags(shown).astype(str), hide_index=True, key="table_threew")
    page.pager("threew", len(shown), len(table))
