"""Coordination meeting (Rapat koordinasi): what changed since the last meeting, for the chosen area,
and the follow-up actions agreed, with their status from the data; admins record a meeting, its
actions and their reported status, and close it (its figures are then frozen for the next one)."""

from datetime import date

import streamlit as st

from bebenah import access, db, meeting_view as view, meetings, page
from bebenah.i18n import t
from bebenah.screens import rapat

filters = page.setup("viewer", period=False)
user = access.current_user()
st.title(t("meeting.page_title"))
st.caption(t("meeting.intro"))
view.say_done()
area = meetings.chosen_area(filters)
all_meetings = db.run("meetings")
meeting = view.choose(all_meetings, area)
if meeting is None:
    st.info(t("meeting.none_closed"))
else:
    page.sections(filters, rapat.parts(filters, meeting))

if access.allows(user, "admin") and not db.read_only():
    st.subheader(t("meeting.manage_title"))
    open_meetings = all_meetings[all_meetings.ditutup_pada.isna()]
    if open_meetings.empty:
        view.new_meeting_form(user["username"], area)
    else:
        current = open_meetings.iloc[0]
        st.markdown(t("meeting.open_now", name=page.escape_markdown(view.meeting_name(current))))
        add, report, close = st.tabs([t("meeting.add_action"), t("meeting.report"), t("meeting.close")])
        with add:
            view.action_form(user["username"], int(current.rapat_id), area)
        with report:
            view.report_form(user["username"], db.run("follow_up_actions", sampai=date.today(), rapat_id=None))
        with close:
            view.close_button(user["username"], current)
