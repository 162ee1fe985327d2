"""Upload (Unggah data): a file in any shape the contract accepts; what was found, its problems and
changes; then one transaction that writes it."""

import hashlib

import streamlit as st

from bebenah import access, db, ingest, page
from bebenah.i18n import language, number, t

PROBLEMS_SHOWN = 500

page.setup("uploader", writer_only=True)
user = access.current_user()
st.title(t("upload.page.title"))
try:
    area = access.household_scope(user)  # an uploader's kecamatan or kelurahan; None for admins
except PermissionError:
    st.error(t("upload.page.no_area"))
    st.stop()
st.caption(t("upload.page.intro", max_mb=f"{ingest.max_upload_mb():g}"))
if area:
    st.caption(t("upload.page.area", area=area))

lang = language()  # format_func may be called outside this run, where the session is not at hand
kind = st.selectbox(
    t("upload.page.kind"),
    [None, *ingest.KINDS],
    format_func=lambda code: t("upload.page.kind_auto", lang) if code is None else t(f"upload.kind.{code}", lang),
    key="upload_kind",
)
uploaded = st.file_uploader(t("upload.page.file"), type=["csv", "txt", "xlsx"], key="upload_file")
if uploaded is None:
    st.stop()

# A check is kept across reruns (ticking a box must not check 100,000 rows again) until the file,
# the chosen kind or the stored uploads change.
data = uploaded.getvalue()
cur = db.cursor()
state = (hashlib.sha256(data).hexdigest(), kind, area, ingest.upload_state(cur))
kept = st.session_state.get("upload_checked")
if kept is not None and kept[0] == state:
    checked = kept[1]
else:
    try:
        with st.spinner(t("upload.page.checking")):
            checked = ingest.check(cur, ingest.read(data, uploaded.name, kind), area=area)
    except ingest.IngestError as error:
        st.error(page.escape_markdown(error.message()))  # may quote the file's own column or sheet names
        st.stop()
    st.session_state["upload_checked"] = (state, checked)
cur.close()

parsed = checked.parsed
# Sheet and column names come from the file: shown as text, never as markdown (links, images).
st.success(t("upload.page.found", found=page.escape_markdown(parsed.describe())))
if parsed.unknown:
    st.warning(t("upload.found.unknown",
                 columns=page.escape_markdown(", ".join(f"«{name}»" for name in parsed.unknown))))
if checked.identical_upload is not None:
    st.info(t("upload.page.identical", upload_id=checked.identical_upload))
    st.stop()

counts = checked.counts
for column, name in zip(st.columns(4), ("new", "changed", "unchanged", "rejected")):
    column.metric(t(f"upload.count.{name}"), number(counts[name]))
if counts["skipped"]:
    st.caption(t("upload.found.skipped", n=number(counts["skipped"])))

if counts["rejected"]:
    st.subheader(t("upload.page.problems_title"))
    st.caption(t("upload.page.problems_intro", rows=number(counts["rejected"]), problems=number(len(checked.problems))))
    # st.dataframe shows every cell as text: a value from the file cannot run as markdown or HTML.
    st.dataframe(checked.problem_table(limit=PROBLEMS_SHOWN), hide_index=True, key="upload_problems")
    if len(checked.problems) > PROBLEMS_SHOWN:
        st.caption(t("upload.page.problems_more", shown=number(PROBLEMS_SHOWN)))

    # Built only when clicked: 100,000 problems make a large workbook.
    def problems_csv() -> bytes:
        return ingest.problems_csv(checked)

    def problems_xlsx() -> bytes:
        return ingest.problems_xlsx(checked)

    left, right = st.columns(2)
    stem = f"masalah_{parsed.file_name.rsplit('.', 1)[0]}"
    left.download_button(t("common.download_csv"), data=problems_csv, file_name=f"{stem}.csv", mime="text/csv",
                         key="upload_problems_csv")
    right.download_button(t("common.download_xlsx"), data=problems_xlsx, file_name=f"{stem}.xlsx",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          key="upload_problems_xlsx")

if not checked.changes.empty:
    st.subheader(t("upload.page.changes_title"))
    st.caption(t("upload.page.changes_intro"))
    st.dataframe(
        checked.changes[["baris", "kunci", "kolom", "sebelum", "sesudah"]].rename(
            columns=lambda name: t(f"upload.changes.{name}")
        ),
        hide_index=True,
        key="upload_changes",
    )

valid_only = st.checkbox(t("upload.page.valid_only"), key="upload_valid_only", disabled=not counts["rejected"])
# Content, not bytes: rows that are all stored already (the template, then a Kobo export of it) save nothing.
nothing_new = checked.accepted.num_rows and not checked.changes_anything
blocked = (counts["rejected"] and not valid_only) or not checked.accepted.num_rows or nothing_new
if nothing_new:
    st.info(t("upload.page.nothing_new", n=number(counts["unchanged"])))
elif counts["rejected"] and not valid_only:
    st.caption(t("upload.page.blocked"))
if st.button(t("upload.page.commit"), type="primary", disabled=bool(blocked), key="upload_commit"):
    try:
        upload_id = ingest.commit(checked, user["username"], valid_only=valid_only)
    except ingest.IngestError as error:
        st.error(page.escape_markdown(error.message()))
    else:
        st.session_state.pop("upload_checked", None)
        st.success(t("upload.page.committed", upload_id=upload_id, new=number(counts["new"]),
                     changed=number(counts["changed"]), unchanged=number(counts["unchanged"])))
