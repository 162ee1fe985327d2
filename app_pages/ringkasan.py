"""Overview (Ringkasan): the page leadership opens first. Headline figures against target and against the
previous quarter, the three largest gaps with the page that explains each, the trend, and the data behind it."""

import streamlit as st

from bebenah import page
from bebenah.i18n import t
from bebenah.screens import ringkasan

filters = page.setup("viewer")
st.title(t("overview.title"))
page.period_caption(filters)

parts = ringkasan.parts(filters)
if parts is None:
    st.info(t("common.no_data"))
    st.stop()
page.sections(filters, parts)
page.share_cards(filters, parts[0], "overview.title")  # the headline figures, to pass on
