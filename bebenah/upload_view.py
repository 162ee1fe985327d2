"""The upload page's drawn pieces: the uploader's area, the kept check, what was found, the counts,
the problem list and its downloads, the changes, why saving is off, and the save's result."""

import hashlib

import pandas as pd

import streamlit as st

from bebenah import access, areas, db, forms, ingest, nik
from bebenah.i18n import escape_markdown, language, number, t

PROBLEMS_SHOWN = 500
MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def area_or_stop(user: dict) -> str | None:
    """An uploader's kecamatan or kelurahan (None for admins), told under the intro; an uploader
    without an area is told to ask for one and the page stops."""
    try:
        area = access.household_scope(user)
    except PermissionError:
        st.error(t("upload.page.no_area"))
        st.stop()
    st.caption(t("upload.page.intro", max_mb=f"{ingest.max_upload_mb():g}"))
    if area:
        st.caption(t("upload.page.area", area=areas.name(area)))
    return area


def kind_label():
    """The kind choice's labels; format_func may be called outside this run, where the session (and
    so the language) is not at hand."""
    lang = language()
    return lambda code: t("upload.page.kind_auto", lang) if code is None else t(f"upload.kind.{code}", lang)


def checked_or_stop(uploaded, kind: str | None, area: str | None) -> ingest.Check:
    """The file read and checked; a file that cannot be read is told why and the page stops.

    A check is kept across reruns (ticking a box must not check 100,000 rows again) until the file,
    the chosen kind or the stored uploads change.
    """
    data = uploaded.getvalue()
    cur = db.cursor()
    try:
        state = (hashlib.sha256(data).hexdigest(), kind, area, ingest.upload_state(cur))
        kept = st.session_state.get("upload_checked")
        if kept is not None and kept[0] == state:
            return kept[1]
        try:
            with st.spinner(t("upload.page.checking")):
                checked = ingest.check(cur, ingest.read(data, uploaded.name, kind), area=area)
        except ingest.IngestError as error:
            st.error(escape_markdown(error.message()))  # may quote the file's own column or sheet names
            st.stop()
        st.session_state["upload_checked"] = (state, checked)
        return checked
    finally:
        cur.close()


def found(checked: ingest.Check) -> None:
    """What the file was read as, and the columns the contract does not know."""
    parsed = checked.parsed
    # Sheet and column names come from the file: shown as text, never as markdown (links, images).
    st.success(t("upload.page.found", found=escape_markdown(parsed.describe())))
    if parsed.unknown:
        st.warning(t("upload.found.unknown", columns=escape_markdown(", ".join(f"«{name}»" for name in parsed.unknown))))


PREVIEW_ROWS = 10


def preview(checked: ingest.Check) -> None:
    """How the file was read, folded: which header became which contract column (with its label and
    the first row's value), the survey tools' own columns dropped, and the first rows as read."""
    parsed, lang = checked.parsed, language()
    columns = [name for name in parsed.rows.column_names if name in parsed.headers]
    first = parsed.rows.slice(0, PREVIEW_ROWS).select(["baris", *columns]).to_pandas()
    # Shown as read, but a NIK typed into a cell is masked here too (it is refused below).
    first = first.map(lambda value: nik.redacted(value) if isinstance(value, str) else value)
    labels = forms.dictionary(parsed.kind, lang).set_index("kolom")[f"label_{lang}"]
    with st.expander(t("upload.preview.title", columns=number(len(columns)), rows=number(len(first)))):
        st.dataframe(pd.DataFrame({
            t("upload.preview.header"): [parsed.headers[name] for name in columns],
            t("upload.preview.column"): columns,
            t("upload.preview.label"): [labels.get(name, "") for name in columns],
            t("upload.preview.example"): [forms.value_in_words(name, first[name].iloc[0], lang) if len(first) else ""
                                          for name in columns],
        }), hide_index=True, key="upload_mapping")
        if parsed.meta:
            st.caption(t("upload.preview.meta", columns=escape_markdown(", ".join(parsed.meta))))
        st.dataframe(first.rename(columns={"baris": t("upload.problems.baris")}), hide_index=True,
                     key="upload_preview")


def row_counts(counts: dict) -> None:
    """New, changed, unchanged and rejected rows; the rows skipped, if any."""
    for column, name in zip(st.columns(4), ("new", "changed", "unchanged", "rejected")):
        column.metric(t(f"upload.count.{name}"), number(counts[name]))
    if counts["skipped"]:
        st.caption(t("upload.found.skipped", n=number(counts["skipped"])))


def problems(checked: ingest.Check) -> None:
    """The first problems as a table, and every problem as CSV or XLSX."""
    st.subheader(t("upload.page.problems_title"))
    st.caption(t("upload.page.problems_intro", rows=number(checked.counts["rejected"]),
                 problems=number(len(checked.problems))))
    # st.dataframe shows every cell as text: a value from the file cannot run as markdown or HTML.
    st.dataframe(checked.problem_table(limit=PROBLEMS_SHOWN, on_screen=True), hide_index=True, key="upload_problems")
    if len(checked.problems) > PROBLEMS_SHOWN:
        st.caption(t("upload.page.problems_more", shown=number(PROBLEMS_SHOWN)))

    # Built only when clicked: 100,000 problems make a large workbook.
    def problems_csv() -> bytes:
        return ingest.problems_csv(checked)

    def problems_xlsx() -> bytes:
        return ingest.problems_xlsx(checked)

    left, right = st.columns(2)
    stem = f"masalah_{checked.parsed.file_name.rsplit('.', 1)[0]}"
    left.download_button(t("common.download_csv"), data=problems_csv, file_name=f"{stem}.csv", mime="text/csv",
                         key="upload_problems_csv")
    right.download_button(t("common.download_xlsx"), data=problems_xlsx, file_name=f"{stem}.xlsx", mime=MIME_XLSX,
                          key="upload_problems_xlsx")


def changes(checked: ingest.Check) -> None:
    """A sample of the values the file changes, if it changes any."""
    if checked.changes.empty:
        return
    st.subheader(t("upload.page.changes_title"))
    st.caption(t("upload.page.changes_intro"))
    lang = language()
    columns = checked.changes[["baris", "kunci", "kolom", "sebelum", "sesudah"]].copy()
    for side in ("sebelum", "sesudah"):  # choices by their labels, nothing as "(kosong)"
        columns[side] = [forms.value_in_words(column, value, lang) for column, value in zip(columns.kolom, columns[side])]
    st.dataframe(columns.rename(columns=lambda name: t(f"upload.changes.{name}")), hide_index=True,
                 key="upload_changes")


def save_blocked(checked: ingest.Check, valid_only: bool) -> bool:
    """Whether saving is off, saying why: rejected rows (unless valid rows only), or nothing to save."""
    rejected = checked.counts["rejected"]
    # Content, not bytes: rows that are all stored already (the template, then a Kobo export of it) save nothing.
    nothing_new = checked.accepted.num_rows and not checked.changes_anything
    if nothing_new:
        st.info(t("upload.page.nothing_new", n=number(checked.counts["unchanged"])))
    elif rejected and not valid_only:
        st.caption(t("upload.page.blocked"))
    return bool((rejected and not valid_only) or not checked.accepted.num_rows or nothing_new)


def save(checked: ingest.Check, username: str, valid_only: bool) -> None:
    """Commit the check as one upload and say what was saved, or why not."""
    counts = checked.counts
    try:
        upload_id = ingest.commit(checked, username, valid_only=valid_only)
    except ingest.IngestError as error:
        st.error(escape_markdown(error.message()))
        return
    st.session_state.pop("upload_checked", None)
    st.success(t("upload.page.committed", upload_id=upload_id, new=number(counts["new"]),
                 changed=number(counts["changed"]), unchanged=number(counts["unchanged"])))
