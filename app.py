"""Pantau Bebenah: page config, and one navigation over the pages the user's role may open."""

import streamlit as st

from bebenah import access
from bebenah.i18n import t

# (file, title key, section key, role the page needs, icon)
PAGES = (
    ("pages/ringkasan.py", "nav.ringkasan", "nav.monitor", "viewer", "📊"),
)

st.set_page_config(page_title=t("app.name"), page_icon="📊", layout="wide")
user = access.current_user()
sections: dict[str, list] = {}
for path, title, section, role, icon in PAGES:
    if access.allows(user, role):
        sections.setdefault(t(section), []).append(st.Page(path, title=t(title), icon=icon))
st.navigation(sections).run()
