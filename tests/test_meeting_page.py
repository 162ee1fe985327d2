"""The meeting page as its users drive it: an admin records a meeting, the actions agreed and closes
it; everyone signed in then reads what changed since and the actions with their status."""

from datetime import date

from bebenah import db, meetings

from test_access import open_page

PAGE = "app_pages/rapat.py"


def submit(at, form: str, label: str):
    return at.button(key=f"FormSubmitter:{form}-{label}").click().run()


def test_an_admin_records_a_meeting_an_action_and_closes_it(fixture_db, con):
    at = open_page(PAGE, "admin")
    assert "Belum ada rapat yang ditutup" in at.info[0].value
    at.text_input(key="meeting_title").input("Rakor Desember")
    at.date_input(key="meeting_date").set_value(date(2026, 12, 1))
    at.multiselect(key="meeting_agencies").set_value(["SUDIN_SOSIAL", "NOVALUX"])
    submit(at, "meeting_new", "Catat rapat")
    assert at.success[0].value == "Rapat «Rakor Desember» dicatat."
    at.selectbox(key="action_kind").set_value("kebutuhan")
    at.selectbox(key="action_area").set_value("31.74.09.1005")
    at.selectbox(key="action_agency").set_value("SUDIN_PPKUKM")
    at.text_input(key="action_what").input("Pelatihan usaha untuk keluarga tanpa penghasilan")
    submit(at, "meeting_action", "Catat tindak lanjut")
    assert [error.value for error in at.error] == ["Untuk celah kebutuhan, pilih kebutuhannya."]
    at.selectbox(key="action_need").set_value("tanpa_penghasilan")
    at.selectbox(key="action_area").set_value("31.74.09.1005")
    at.selectbox(key="action_agency").set_value("SUDIN_PPKUKM")
    at.text_input(key="action_what").input("Pelatihan usaha untuk keluarga tanpa penghasilan")
    submit(at, "meeting_action", "Catat tindak lanjut")
    assert at.success[0].value == "Tindak lanjut dicatat."
    at.checkbox(key="meeting_close_sure").check().run()
    at.button(key="meeting_close").click().run()
    assert at.success[0].value.startswith("Rapat «Rakor Desember» ditutup")
    stored = con.execute("select count(*) from rapat_angka").fetchone()[0]
    assert stored == 318
    # The page now briefs against it: figures then and now, and the action with its households.
    assert at.subheader[0].value == "Sejak rapat 1 Des 2026"
    assert len(at.metric) == len(meetings.FIGURES)
    actions = at.dataframe[0].value
    assert actions.iloc[0]["Keluarga saat disepakati"] == "1" and "Sesuai jadwal" in actions.iloc[0]["Status"]
    audited = [action for action, in con.execute("select action from audit_log order by audit_id").fetchall()]
    assert audited[-3:] == ["meeting_create", "action_add", "meeting_close"]


def test_a_viewer_reads_the_briefing_but_records_nothing(fixture_db):
    rapat_id = meetings.create("ani", date(2026, 11, 12), "Rakor November", None, [])
    meetings.close("ani", rapat_id)
    at = open_page(PAGE, "viewer")
    assert at.subheader[0].value == "Sejak rapat 12 Nov 2026"
    assert not [button for button in at.button if "meeting" in str(button.key)]
    assert db.cursor().execute("select count(*) from rapat").fetchone() == (1,)
