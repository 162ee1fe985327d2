"""Audit log (Log audit): who signed in, uploaded, undid, changed accounts or downloaded household rows; read-only."""

from datetime import date, timedelta

import streamlit as st

from bebenah import db, page
from bebenah.i18n import t


def action_name(code: str) -> str:
    """An event's name in the language; an unknown code as it is."""
    name = t(f"audit.action.{code}")
    return code if name == f"audit.action.{code}" else name


page.setup("admin", area_filters=False, writer_only=True)
st.title(t("audit.title"))
st.caption(t("audit.intro"))

# Read past the result cache: sign-ins write entries without clearing it.
cur = db.cursor()
actions = db.query(cur, "audit_actions").action.tolist()
actors = db.query(cur, "audit_actors").actor.tolist()
first, second, third, fourth = st.columns([1, 1, 2, 2])
dari = first.date_input(t("audit.dari"), value=date.today() - timedelta(days=30), format="DD/MM/YYYY",
                        key="audit_dari")
sampai = second.date_input(t("audit.sampai"), value=date.today(), format="DD/MM/YYYY", key="audit_sampai")

chosen = third.multiselect(t("audit.actions"), actions, format_func=action_name, placeholder=t("common.all"),
                           key="audit_actions")
actor = fourth.selectbox(t("audit.actor"), actors, index=None, placeholder=t("common.all"), key="audit_actor")
search = st.text_input(t("audit.search"), key="audit_search", max_chars=200).strip()

entries = db.query(cur, "audit_entries", dari=min(dari, sampai), sampai=max(dari, sampai),
                   actions=chosen or None, actor=actor, search=search or None)
cur.close()
st.caption(t("audit.entries", count=len(entries)))
# st.dataframe shows every cell as text: a file name or note with HTML in it cannot run.
st.dataframe(
    entries.drop(columns="audit_id").assign(action=entries.action.map(action_name)).rename(columns={
        "logged_at": t("audit.logged_at"), "actor": t("audit.col_actor"), "action": t("audit.col_action"),
        "target": t("audit.col_target"), "detail": t("audit.col_detail"),
    }),
    hide_index=True,
    key="audit_table",
)
