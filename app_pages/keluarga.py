"""Household card (Kartu rumah tangga): one family's history round by round, for uploaders of its area
and admins only; no household-level query runs for anyone else (the guard stops them first)."""

import streamlit as st

from bebenah import access, db, page
from bebenah.i18n import label, number, t
from bebenah.screens import keluarga

SEARCH_MATCHES = 20  # household codes a card search returns at most


# Parts no declared kind draws as the card does: one family's tables keyed card_*, with no CSV; a list.
def rounds_side_by_side(params: dict) -> None:
    st.subheader(t("progress.card_rounds"))
    shown = keluarga.side_by_side(db.run("progress_household_rounds", **params))
    st.dataframe(shown, key="card_rounds", height=35 * (len(shown) + 1) + 3)


def interventions_received(params: dict) -> None:
    st.subheader(t("progress.card_interventions"))
    received = db.run("progress_household_interventions", **params)
    if received.empty:
        st.caption(t("progress.card_no_interventions"))
    else:
        st.dataframe(keluarga.received(received), hide_index=True, key="card_interventions")


def needs_open_and_answered(params: dict) -> None:
    st.subheader(t("progress.card_needs"))
    needs = db.run("progress_household_needs", **params)
    for need in keluarga.open_needs(needs).kebutuhan:
        st.markdown(f"- {page.escape_markdown(label('kebutuhan', need))}")
    for line in keluarga.needs_notes(needs):
        st.caption(line)


filters = page.setup("uploader")
filters = page.cohort_and_round(filters)
st.title(t("progress.card_title"))
st.caption(t("progress.card_caption"))
try:
    area = access.household_scope(access.current_user())
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
            st.caption(t("progress.card_search_more", shown=number(len(codes)), total=number(options.cocok_total.iloc[0])))
        exact = [index for index, code in enumerate(codes) if code.upper() == search.upper()]
        household = st.selectbox(t("progress.card_choose"), codes, index=exact[0] if exact else None,
                                 placeholder=t("progress.card_placeholder"), key="rumah_tangga", width=520)
if household:
    params = {**filters, **keluarga.household(household, area)}  # every household query inside the user's area
    page.sections(filters, keluarga.card(household, options, area))
    rounds_side_by_side(params)
    interventions_received(params)
    needs_open_and_answered(params)
