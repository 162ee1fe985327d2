"""Household progress (Kemajuan keluarga): how families move between survey rounds, read in ten seconds."""


import streamlit as st

from bebenah import access, db, page
from bebenah.i18n import day, label, language, t
from bebenah.screens import kemajuan
from bebenah.takeaways import cohort_name

filters = page.setup("viewer")
filters = page.cohort_and_round(filters)  # the cohort and the round, under the shared filters
st.title(t("progress.title"))
st.caption(t(
    "progress.scope", area=page.area_name(filters), sampai=day(filters["sampai"]),
    cohort=cohort_name(filters["kohort"]) if filters["kohort"] else t("progress.all_cohorts"),
    round=t("progress.up_to_round", n=filters["putaran"]) if filters["putaran"] else t("progress.latest_round"),
))
if db.run("progress_summary", **filters).households.fillna(1).sum() == 0:  # a blanked count is one household or more
    st.info(t("common.no_data"))
    st.stop()

page.sections(filters, kemajuan.parts(filters))
measures = list(dict.fromkeys(db.run("progress_domains", **filters).ukuran))
if measures:
    # Which measure the per-area and round-by-round charts tell, chosen where they start.
    ukuran = st.selectbox(t("progress.measure"), measures, index=measures.index("rt_ber_phbs") if "rt_ber_phbs" in measures else 0,
                          format_func=lambda code, lang=language(): label("ukuran", code, lang), key="ukuran",
                          bind="query-params", width=520)
    page.sections(filters, kemajuan.by_measure(ukuran, measures))
page.sections(filters, kemajuan.CLOSING)

# One family's history is a page of its own, for uploaders of the area and admins: a link that keeps the filters.
if access.allows(access.current_user(), "uploader"):
    page.link_narrowed("keluarga", t("progress.card_link"), {})
