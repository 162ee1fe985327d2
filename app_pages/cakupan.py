"""Intervention coverage (Cakupan): where the programme reaches, where it does not, and who gets no help."""

import streamlit as st

from bebenah import page
from bebenah.i18n import day, t
from bebenah.screens import cakupan

filters = page.setup("viewer")
st.title(t("coverage.title"))
st.caption(t("common.period", area=page.area_name(filters), dari=day(filters["dari"]), sampai=day(filters["sampai"])))
page.sections(filters, cakupan.parts(filters))
