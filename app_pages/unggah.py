"""Upload (Unggah data): a file in any shape the contract accepts; what was found, its problems and
changes; then one transaction that writes it. The drawn pieces are in bebenah.upload_view."""

import streamlit as st

from bebenah import access, ingest, page, upload_view
from bebenah.i18n import t

page.setup("uploader", area_filters=False, writer_only=True)  # the file says where
user = access.current_user()
st.title(t("upload.page.title"))
area = upload_view.area_or_stop(user)  # an uploader's kecamatan or kelurahan; None for admins

kind = st.selectbox(t("upload.page.kind"), [None, *ingest.KINDS], format_func=upload_view.kind_label(),
                    key="upload_kind")
uploaded = st.file_uploader(t("upload.page.file"), type=["csv", "txt", "xlsx"], key="upload_file")
if uploaded is None:
    st.stop()
checked = upload_view.checked_or_stop(uploaded, kind, area)

upload_view.found(checked)
upload_view.preview(checked)
if checked.identical_upload is not None:
    st.info(t("upload.page.identical", upload_id=checked.identical_upload))
    st.stop()
counts = checked.counts
upload_view.row_counts(counts)

if counts["rejected"]:
    upload_view.problems(checked)
upload_view.changes(checked)

valid_only = st.checkbox(t("upload.page.valid_only"), key="upload_valid_only", disabled=not counts["rejected"])
blocked = upload_view.save_blocked(checked, valid_only)
if st.button(t("upload.page.commit"), type="primary", disabled=blocked, key="upload_commit"):
    upload_view.save(checked, user["username"], valid_only)
