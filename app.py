"""Pantau Bebenah: page config, sign-in, and one navigation over the pages the user's role may open."""

import streamlit as st

from bebenah import access, page
from bebenah.i18n import t

# (file, title key, section key, role the page needs, icon)
PAGES = (
    ("pages/ringkasan.py", "nav.ringkasan", "nav.monitor", "viewer", "📊"),
    ("pages/kemajuan.py", "nav.kemajuan", "nav.monitor", "viewer", "📈"),
    ("pages/cakupan.py", "nav.cakupan", "nav.monitor", "viewer", "🗺️"),
    ("pages/kontribusi.py", "nav.kontribusi", "nav.monitor", "viewer", "🤝"),
    ("pages/unggah.py", "nav.unggah", "nav.manage", "uploader", "📤"),
    ("pages/riwayat.py", "nav.riwayat", "nav.manage", "uploader", "🗂️"),
    ("pages/templat.py", "nav.templat", "nav.manage", "uploader", "📋"),
    ("pages/mutu_data.py", "nav.mutu_data", "nav.manage", "uploader", "🩺"),
    ("pages/audit.py", "nav.audit", "nav.admin", "admin", "📜"),
)
SIGN_IN_PAGE = ("pages/masuk.py", "nav.masuk", "nav.account", None, "🔑")

st.set_page_config(page_title=t("app.name"), page_icon="📊", layout="wide")
page.ensure_database()
user = access.current_user()
sample_data = page.is_sample_data()
sections: dict[str, list] = {}
for path, title, section, role, icon in PAGES:
    # A page the user may not open stays registered, hidden: its URL then reaches the page's own guard
    # (the sign-in form, or a refusal) instead of "page not found" and the overview.
    visibility = "visible" if access.may_open(user, role, sample_data) else "hidden"
    sections.setdefault(t(section), []).append(st.Page(path, title=t(title), icon=icon, visibility=visibility))
if user["role"] is None:
    path, title, section, _, icon = SIGN_IN_PAGE
    sections.setdefault(t(section), []).append(st.Page(path, title=t(title), icon=icon))
st.navigation(sections).run()
