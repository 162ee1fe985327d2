"""Accounts and backups (Akun & cadangan), for admins: who has an account and whose sign-in is
locked; add, change, unlock and remove accounts; write a backup. Every change is audited, as the
commands do it (which cannot run beside the app)."""

import streamlit as st

from bebenah import access, accounts_view as view, areas as wilayah, page, users
from bebenah.i18n import t

page.setup("admin", area_filters=False, writer_only=True)
admin = access.current_user()["username"]
st.title(t("accounts.title"))
st.caption(t("accounts.intro"))
view.say_done()
areas = wilayah.choices()
table = view.accounts_table(areas)
st.dataframe(table, hide_index=True, key="accounts_table")
failing = table.loc[table[t("accounts.col.failures")] > 0, t("accounts.col.username")].tolist()
names = sorted(users.accounts())

unlock, role, add, remove, backups = st.tabs([t("accounts.unlock"), t("accounts.set_role"), t("accounts.add"),
                                              t("accounts.remove"), t("accounts.backup")])
with unlock:
    view.unlock_form(admin, failing)
with role:
    view.role_form(admin, names, areas)
with add:
    view.add_form(admin, areas)
with remove:
    view.remove_form(admin, names)
with backups:
    view.backup_panel(admin)
