"""Pantau Bebenah: page config, sign-in, and one navigation over the pages the user's role may open."""

import streamlit as st

from bebenah import access, db, page
from bebenah.i18n import t

# (file, title key, section key, role the page needs, icon: Streamlit's bundled Material icons, drawn
# on any machine, where an emoji needs a font the projector's computer may lack)
PAGES = (
    ("app_pages/ringkasan.py", "nav.ringkasan", "nav.monitor", "viewer", ":material/dashboard:"),
    ("app_pages/kemajuan.py", "nav.kemajuan", "nav.monitor", "viewer", ":material/trending_up:"),
    ("app_pages/keluarga.py", "nav.keluarga", "nav.monitor", "uploader", ":material/home:"),
    ("app_pages/cakupan.py", "nav.cakupan", "nav.monitor", "viewer", ":material/map:"),
    ("app_pages/kontribusi.py", "nav.kontribusi", "nav.monitor", "viewer", ":material/handshake:"),
    ("app_pages/rapat.py", "nav.rapat", "nav.monitor", "viewer", ":material/event:"),
    ("app_pages/unggah.py", "nav.unggah", "nav.manage", "uploader", ":material/upload:"),
    ("app_pages/riwayat.py", "nav.riwayat", "nav.manage", "uploader", ":material/history:"),
    ("app_pages/templat.py", "nav.templat", "nav.manage", "uploader", ":material/description:"),
    ("app_pages/mutu_data.py", "nav.mutu_data", "nav.manage", "uploader", ":material/fact_check:"),
    ("app_pages/audit.py", "nav.audit", "nav.admin", "admin", ":material/receipt_long:"),
    ("app_pages/akun.py", "nav.akun", "nav.admin", "admin", ":material/group:"),
)
WRITER_ONLY = ("app_pages/unggah.py", "app_pages/riwayat.py", "app_pages/audit.py", "app_pages/akun.py")
SIGN_IN_PAGE = ("app_pages/masuk.py", "nav.masuk", "nav.account", None, ":material/login:")

st.set_page_config(page_title=t("app.name"), page_icon="📊", layout="wide")
page.ensure_database()
user = access.current_user()
sample_data = page.is_sample_data()
sections: dict[str, list] = {}
for path, title, section, role, icon in PAGES:
    # A page the user may not open stays registered, hidden: its URL then reaches the page's own guard
    # (the sign-in form, or a refusal) instead of "page not found" and the overview.
    # A reader (serving a published copy) hides what only the writer can do: uploads, undo, the audit log.
    writer_only = path in WRITER_ONLY and db.read_only()
    visibility = "visible" if access.may_open(user, role, sample_data) and not writer_only else "hidden"
    sections.setdefault(t(section), []).append(st.Page(path, title=t(title), icon=icon, visibility=visibility))
if user["role"] is None:
    path, title, section, _, icon = SIGN_IN_PAGE
    sections.setdefault(t(section), []).append(st.Page(path, title=t(title), icon=icon))
navigation = st.navigation(sections)
with db.one_snapshot():  # every read of the page view sees one committed state of the data
    navigation.run()
