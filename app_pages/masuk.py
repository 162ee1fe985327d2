"""Sign in (Masuk): the form for a guest; a signed-in user goes on to the overview."""

import streamlit as st

from bebenah import access, login, page
from bebenah.i18n import t

page.start()
if access.current_user()["role"] is not None:
    st.switch_page("app_pages/ringkasan.py")
st.title(t("access.sign_in_title"))
if page.is_sample_data():
    st.caption(t("access.sample_data_guests"))
if login.form():
    st.switch_page("app_pages/ringkasan.py")
