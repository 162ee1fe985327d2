"""Coordination meeting (Rapat koordinasi): what changed since the last meeting, for the chosen area,
and the follow-up actions agreed, with their status from the data; admins record a meeting, its
actions and their reported status, and close it (its figures are then frozen for the next one)."""

import streamlit as st

from bebenah import access, briefing, db, meeting_view as view, meetings, page, presentation
from bebenah.i18n import t
from bebenah.screens import rapat

filters = page.setup("viewer", period=False, banner=not view.presenting())
user = access.current_user()
area = meetings.chosen_area(filters)
all_meetings = db.run("meetings")
if view.presenting():  # the briefing alone, one view at a time: its footer says what the banner would
    presentation.present(briefing.slides(filters, view.presented_meeting()),
                         briefing.footer(filters, page.is_sample_data()), leave=view.leave_presentation)
    st.stop()
st.title(t("meeting.page_title"))
st.caption(t("meeting.intro"))
view.say_done()
meeting = view.choose(all_meetings, area)
view.present_button(meeting)
if meeting is None:
    st.info(t("meeting.none_closed"))
else:
    page.sections(filters, rapat.parts(filters, meeting))
# The minutes are of the meeting in progress, else of the one compared with.
in_progress = all_meetings[all_meetings.ditutup_pada.isna()]
minutes_of = in_progress.iloc[0] if len(in_progress) else (
    all_meetings[all_meetings.rapat_id == meeting.rapat_id].iloc[0] if meeting else None)
view.files(filters, meeting, minutes_of, page.is_sample_data())

if access.allows(user, "admin") and not db.read_only():
    st.subheader(t("meeting.manage_title"))
    if in_progress.empty:
        view.new_meeting_form(user["username"], area)
    else:
        current = in_progress.iloc[0]
        st.markdown(t("meeting.open_now", name=page.escape_markdown(view.meeting_name(current))))
        view.action_form(user["username"], int(current.rapat_id), area)
        view.report_form(user["username"], db.run("follow_up_actions", sampai=filters["sampai"], rapat_id=None))
        view.close_button(user["username"], current)
