"""Data quality (Mutu data): what to complete or check before the figures can be trusted: optional
answers left blank, households without a baseline or missing a round, implausible changes between
rounds, facilitators who stopped surveying. Counts per kelurahan for everyone on the page; the
household (and facilitator) codes behind them only for the user's own area (admins: all). The parts
are declared in bebenah/screens/mutu_data.py."""

import streamlit as st

from bebenah import access, page
from bebenah.i18n import day, t
from bebenah.screens import mutu_data as screen

filters = page.setup("uploader")
scope, may_list = screen.household_area(access.current_user())

st.title(t("quality.title"))
st.caption(t("common.period", area=page.area_name(filters), dari=day(filters["dari"]), sampai=day(filters["sampai"])))
st.caption(t("quality.intro"))
if not may_list:  # an uploader without an area sees counts only
    st.warning(t("quality.no_area"))

page.sections(filters, screen.parts(scope, may_list))
