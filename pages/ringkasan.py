"""Overview (Ringkasan): the headline figures leadership opens first."""

import plotly.graph_objects as go
import streamlit as st

from bebenah import charts, db, page, privacy
from bebenah.i18n import day, number, percent, rupiah_short, t

filters = page.setup("viewer")
st.title(t("overview.title"))
st.caption(t("common.period", area=page.area_name(filters), dari=day(filters["dari"]), sampai=day(filters["sampai"])))

headline = db.run("overview_headline", **filters).iloc[0]
if not headline.rt_terdaftar:
    st.info(t("common.no_data"))
    st.stop()

# Household counts under k are hidden from viewers (UU 27/2022), and the shares made from them.
enrolled, naik, with_progress, reached_count = (
    privacy.hide_small(value) for value in
    (headline.rt_terdaftar, headline.rt_naik, headline.rt_dengan_kemajuan, headline.rt_dijangkau)
)
target = headline.sasaran_rt
rose = naik / with_progress if naik is not None and with_progress else None
reached = reached_count / enrolled if reached_count is not None and enrolled else None

first, second, third = st.columns(3)
first.metric(t("overview.enrolled"), number(enrolled), help=t("overview.enrolled_help"))
share_of_target = enrolled / target if target and enrolled is not None else None
first.caption(
    t("overview.against_target", target=number(target), share=percent(share_of_target))
    if target else t("overview.no_target")
)
second.metric(t("overview.rose"), percent(rose), help=t("overview.rose_help"))
second.caption(t("overview.rose_of", rose=number(naik), of=number(with_progress)))
third.metric(t("overview.reached"), percent(reached), help=t("overview.reached_help"))
third.caption(t("overview.reached_of", reached=number(reached_count), of=number(enrolled)))
privacy.note(sum(value is None for value in (enrolled, naik, with_progress, reached_count)))

fourth, fifth, sixth = st.columns(3)
fourth.metric(t("overview.agencies"), number(headline.lembaga_aktif))
fifth.metric(t("overview.contributions"), rupiah_short(headline.kontribusi_idr))
sixth.metric(t("overview.latest_data"), day(headline.tanggal_data_terakhir, form="medium"))

st.subheader(t("overview.enrolment_title"))
areas, hidden_areas = privacy.protect(db.run("enrolment_by_area", **filters), counts=["rt_terdaftar"],
                                      derived={"capaian": ["rt_terdaftar"]})
lagging = areas.dropna(subset=["capaian"])
if not lagging.empty:
    worst = lagging.iloc[0]
    page.takeaway(t("overview.enrolment_takeaway", area=worst.wilayah, share=percent(worst.capaian),
                    enrolled=number(worst.rt_terdaftar), target=number(worst.sasaran_rt)))
figure = go.Figure()
figure.add_bar(y=areas.wilayah, x=areas.sasaran_rt, name=t("overview.target"), orientation="h",
               marker_color="#BBBBBB")
figure.add_bar(y=areas.wilayah, x=areas.rt_terdaftar, name=t("overview.enrolled"), orientation="h",
               marker_color=charts.PALETTE[0])
figure.update_layout(barmode="overlay", yaxis={"autorange": "reversed"}, xaxis_title=t("common.households"))
charts.show(figure, key="enrolment_chart", height=max(320, 34 * len(areas) + 120))
privacy.note(hidden_areas)
page.table_and_download(
    areas.rename(columns={"wilayah": t("overview.area"), "rt_terdaftar": t("overview.enrolled"),
                          "sasaran_rt": t("overview.target"), "capaian": t("overview.achievement")})
    .drop(columns="kode_wilayah"),
    "enrolment_by_area",
)
