"""The meeting page's forms (app_pages/rapat.py): choose the meeting to compare with; for admins,
record a meeting, the follow-up actions agreed in it and their reported status, and close it
(its figures are then frozen). Every write goes through bebenah.meetings, audited."""

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from bebenah import areas, db, meetings
from bebenah.i18n import day, label, t

DONE = "meeting_done"


def meeting_name(row) -> str:
    where = areas.name(row.kode_wilayah) if isinstance(row.kode_wilayah, str) else t("meeting.whole_programme")
    state = "" if pd.notna(row.ditutup_pada) else f" · {t('meeting.open')}"
    return f"{day(row.tanggal, form='medium')} · {row.judul} · {where}{state}"


def choose(all_meetings: pd.DataFrame, area: str) -> meetings.Meeting | None:
    """The meeting the briefing compares with: the last closed one about this area unless another is chosen."""
    closed = all_meetings[all_meetings.ditutup_pada.notna()]
    if closed.empty:
        return None
    default = meetings.last_closed(area)
    ids = list(closed.rapat_id)
    names = {row.rapat_id: meeting_name(row) for row in closed.itertuples()}
    chosen = st.selectbox(t("meeting.compare_with"), ids, format_func=names.get, key="rapat_banding",
                          index=ids.index(default.rapat_id) if default and default.rapat_id in ids else 0)
    return meetings.Meeting.of(closed[closed.rapat_id == chosen].iloc[0])


PRESENTING, PRESENTED = "presentasi", "presentasi_rapat"


def presenting() -> bool:
    return bool(st.session_state.get(PRESENTING))


def present_button(meeting: meetings.Meeting | None) -> None:
    """The button that opens presentation mode on the chosen meeting (the first view)."""
    def start() -> None:
        st.session_state[PRESENTING], st.session_state[PRESENTED] = True, meeting
        st.session_state.pop("presentasi_tampilan", None)

    st.button(t("meeting.present"), key="presentasi_start", on_click=start, help=t("meeting.present_help"),
              type="primary", icon=":material/slideshow:")


def presented_meeting() -> meetings.Meeting | None:
    return st.session_state.get(PRESENTED)


def leave_presentation() -> None:
    st.session_state[PRESENTING] = False


PDF, PPTX = "application/pdf", "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def files(filters: dict, meeting: meetings.Meeting | None, minutes_of: pd.Series | None, sample_data: bool) -> None:
    """The briefing as PDF and PowerPoint, and the minutes of a meeting, each built on its click."""
    from bebenah import briefing, briefing_files

    st.subheader(t("briefing.files_title"))
    if not briefing_files.chromium_present():
        st.info(briefing_files.install_hint())
        return
    footer = briefing.footer(filters, sample_data)
    area = meetings.chosen_area(filters)
    cover = t("briefing.cover", area=areas.name(area) if area else t("meeting.whole_programme"))
    stem = briefing.file_stem(filters, date.today())
    left, middle, right = st.columns(3)
    left.download_button(t("briefing.download_pdf"), key="briefing_pdf", mime=PDF, file_name=f"{stem}.pdf",
                         data=lambda: briefing_files.briefing_pdf(briefing.slides(filters, meeting), footer, cover),
                         icon=":material/picture_as_pdf:", width="stretch")
    middle.download_button(t("briefing.download_pptx"), key="briefing_pptx", mime=PPTX, file_name=f"{stem}.pptx",
                           data=lambda: briefing_files.briefing_pptx(briefing.slides(filters, meeting), footer, cover),
                           icon=":material/slideshow:", width="stretch")
    if minutes_of is not None:
        right.download_button(t("briefing.download_minutes"), key="minutes_pdf", mime=PDF,
                              file_name=f"{t('minutes.file_word')}_{pd.Timestamp(minutes_of.tanggal):%Y-%m-%d}.pdf",
                              data=lambda: briefing_files.minutes_pdf(briefing.minutes(minutes_of, filters), footer),
                              icon=":material/description:", width="stretch")


def say_done() -> None:
    done = st.session_state.pop(DONE, None)
    if done:
        st.success(done)


def _attempt(write, done: str, **words) -> None:
    """Run one write; on a refusal say why in words, else say what was done and draw the page again."""
    try:
        write()
    except meetings.MeetingError as refused:
        st.error(t(f"meeting.error.{refused.code}", **refused.params))
        return
    st.session_state[DONE] = t(done, **words)
    st.rerun()


def _area_choice(key: str, chosen: str) -> str | None:
    choices = {"": t("meeting.whole_programme"), **areas.choices()}
    codes = list(choices)
    return st.selectbox(t("meeting.area"), codes, format_func=choices.get, key=key,
                        index=codes.index(chosen) if chosen in codes else 0) or None


def new_meeting_form(actor: str, area: str) -> None:
    agencies = db.run("agency_options")
    with st.form("meeting_new", clear_on_submit=True):
        judul = st.text_input(t("meeting.title_field"), max_chars=meetings.MAX_TEXT, key="meeting_title")
        tanggal = st.date_input(t("meeting.date"), value=date.today(), format="DD/MM/YYYY", key="meeting_date")
        where = _area_choice("meeting_area", area)
        present = st.multiselect(t("meeting.attended"), list(agencies.kode), key="meeting_agencies",
                                 format_func=lambda code: label("lembaga", code), placeholder=t("meeting.attended_hint"))
        if st.form_submit_button(t("meeting.create"), type="primary"):
            _attempt(lambda: meetings.create(actor, tanggal, judul, where, present), "meeting.done.create",
                     title=judul)


def action_form(actor: str, rapat_id: int, area: str) -> None:
    agencies, needs = db.run("agency_options"), db.run("need_options")
    st.markdown(f"**{t('meeting.add_action')}**")
    with st.form("meeting_action", clear_on_submit=True):
        kind = st.selectbox(t("meeting.gap_kind"), meetings.GAP_KINDS, key="action_kind",
                            format_func=lambda code: t(f"meeting.gap.{code}"))
        need = st.selectbox(t("meeting.need"), list(needs.kode), index=None, key="action_need",
                            format_func=lambda code: label("kebutuhan", code), placeholder=t("meeting.need_hint"))
        where = _area_choice("action_area", area)
        agency = st.selectbox(t("meeting.agency"), list(agencies.kode), index=None, key="action_agency",
                              format_func=lambda code: label("lembaga", code))
        what = st.text_input(t("meeting.what"), max_chars=meetings.MAX_TEXT, key="action_what")
        due = st.date_input(t("meeting.due"), value=date.today() + timedelta(days=90), format="DD/MM/YYYY",
                            key="action_due")
        if st.form_submit_button(t("meeting.add_action"), type="primary"):
            _attempt(lambda: meetings.add_action(actor, rapat_id, kind, where, agency, what, due, kebutuhan=need),
                     "meeting.done.action")


def report_form(actor: str, actions: pd.DataFrame) -> None:
    if actions.empty:
        return
    st.markdown(f"**{t('meeting.report')}**")
    with st.form("meeting_report", clear_on_submit=True):
        names = {row.tindak_lanjut_id: f"{row.lembaga}: {row.tindakan}" for row in actions.itertuples()}
        which = st.selectbox(t("meeting.which_action"), list(names), format_func=names.get, key="report_which")
        status = st.selectbox(t("meeting.reported_field"), meetings.REPORTED, key="report_status",
                              format_func=lambda code: t(f"meeting.reported_status.{code}"))
        note = st.text_input(t("meeting.note"), max_chars=meetings.MAX_TEXT, key="report_note")
        if st.form_submit_button(t("meeting.report"), type="primary"):
            _attempt(lambda: meetings.report(actor, int(which), status, note), "meeting.done.report")


def close_button(actor: str, open_meeting) -> None:
    st.markdown(f"**{t('meeting.close')}**")
    sure = st.checkbox(t("meeting.close_sure", title=open_meeting.judul), key="meeting_close_sure")
    if st.button(t("meeting.close"), key="meeting_close", disabled=not sure, type="primary"):
        _attempt(lambda: meetings.close(actor, int(open_meeting.rapat_id)), "meeting.done.close",
                 title=open_meeting.judul)
