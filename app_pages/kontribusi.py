"""Agency contributions (Kontribusi lembaga): who puts in what, who does what where, one agency's scorecard."""

import streamlit as st

from bebenah import page
from bebenah.i18n import t
from bebenah.screens import kontribusi

filters = page.setup("viewer")
st.title(t("contributions.title"))
page.period_caption(filters)

parts = kontribusi.parts(filters)
if parts is None:
    st.info(t("common.no_data"))
    st.stop()
page.sections(filters, parts)

# One agency's scorecard, bound to the URL so an agency head can keep the link.
st.subheader(t("contributions.scorecard_title"))
chosen = st.selectbox(t("contributions.choose_agency"), list(kontribusi.agencies().kode),
                      format_func=kontribusi.agency_name, key="lembaga", bind="query-params")
scorecard = kontribusi.scorecard(filters, chosen)
if scorecard is None:
    st.info(t("contributions.scorecard_idle", agency=kontribusi.agency_name(chosen)))
else:
    page.sections(filters, scorecard, heading=page.minor_heading)

page.sections(filters, [kontribusi.THREEW])
