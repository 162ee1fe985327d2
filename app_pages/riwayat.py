"""Upload history (Riwayat unggahan): who uploaded which file, when, in what shape, with what
counts and status; undo and redo. Uploaders see and undo their own uploads, admins everyone's."""

import streamlit as st

from bebenah import access, db, ingest, page
from bebenah.i18n import day, number, t

HISTORY_ROWS = 100

page.setup("uploader", area_filters=False, writer_only=True)
user = access.current_user()
admin = access.allows(user, "admin")
st.title(t("upload.history.title"))
st.caption(t("upload.history.intro_admin" if admin else "upload.history.intro"))

done = st.session_state.pop("upload_history_done", None)
if done:
    st.success(done)

# Read past the result cache: the page itself writes status changes.
cur = db.cursor()
history = db.query(cur, "upload_history", uploaded_by=None if admin else user["username"], limit=HISTORY_ROWS)
cur.close()
if history.empty:
    st.info(t("upload.history.none"))
    st.stop()

for upload in history.itertuples(index=False):
    with st.container(border=True):
        text, action = st.columns([5, 1])
        text.markdown(
            f"**{page.escape_markdown(upload.file_name)}** · {t(f'upload.kind.{upload.kind}')} · "
            f"{t(f'upload.shape.{upload.file_shape}')} · {t(f'upload.history.status.{upload.status}')}"
        )
        text.caption(t(
            "upload.history.line",
            upload_id=upload.upload_id,
            who=page.escape_markdown(upload.uploaded_by),
            when=f"{day(upload.uploaded_at)} {upload.uploaded_at:%H:%M}",
            new=number(upload.rows_new),
            changed=number(upload.rows_changed),
            unchanged=number(upload.rows_unchanged),
            rejected=number(upload.rows_rejected),
        ))
        if isinstance(upload.status_changed_by, str):
            text.caption(t(
                f"upload.history.changed.{upload.status}",
                who=page.escape_markdown(upload.status_changed_by),
                when=f"{day(upload.status_changed_at)} {upload.status_changed_at:%H:%M}",
            ))
        undo = upload.status == "active"
        label = t("upload.history.undo" if undo else "upload.history.redo")
        if action.button(label, key=f"{'undo' if undo else 'redo'}_{upload.upload_id}"):
            try:
                (ingest.undo if undo else ingest.redo)(upload.upload_id, user["username"], own_only=not admin)
            except ingest.IngestError as error:
                st.error(error.message())
            else:
                done_key = "upload.history.undone" if undo else "upload.history.redone"
                st.session_state["upload_history_done"] = t(done_key, upload_id=upload.upload_id)
                st.rerun()
