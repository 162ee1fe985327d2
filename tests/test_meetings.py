"""Coordination meetings: closing freezes the figures of every area, "since the last meeting" stays
exact across later uploads and undos, and a follow-up action's status comes from the data where the
data can tell (hand-worked on the fixture)."""

from datetime import date

import pytest

from bebenah import db, ingest, meetings

import fixtures
from test_ingest import activity, csv_file, survey, table_file

JAGAKARSA, TANJUNG_BARAT = "31.74.09", fixtures.TANJUNG_BARAT
MEETING_DAY = date(2026, 11, 12)
TODAY = date(2026, 12, 3)
FILTERS = {"kota": "31.74", "kecamatan": JAGAKARSA, "kelurahan": None}


def figures(frame) -> dict:
    return {row.ukuran: (row.then, row.now) for row in frame.itertuples()}


@pytest.fixture
def closed(fixture_db):
    rapat_id = meetings.create("ani", MEETING_DAY, "Rakor Bebenah November", "31.74", ["SUDIN_KES", "NOVALUX"])
    areas = meetings.close("ani", rapat_id)
    return rapat_id, areas


def test_closing_stores_the_figures_of_every_area_once(closed, con):
    rapat_id, areas = closed
    assert areas == 318  # the programme, 6 kota, 44 kecamatan, 267 kelurahan
    assert con.execute("select count(*) from rapat_angka where rapat_id = ?", [rapat_id]).fetchone() == (318,)
    with pytest.raises(meetings.MeetingError) as again:
        meetings.close("ani", rapat_id)
    assert again.value.code == "closed_already"
    assert [action for action, in con.execute(
        "select action from audit_log where action like 'meeting%' order by audit_id").fetchall()] == [
        "meeting_create", "meeting_close"]


def test_since_the_last_meeting_does_not_move_with_a_later_upload_or_its_undo(closed, as_admin):
    rapat_id, _ = closed
    meeting = meetings.last_closed(JAGAKARSA)
    assert meeting.rapat_id == rapat_id  # a meeting about Jakarta Selatan covers Jagakarsa
    before = figures(meetings.since(meeting, FILTERS, TODAY))
    assert all(then == now for then, now in before.values())
    _, upload_id = ingest.ingest(csv_file([survey("BKK-3174091005-101", 1, "2026-11-20")]), "survei.csv", "umar")
    after = figures(meetings.since(meeting, FILTERS, TODAY))
    assert after["rt_terdaftar"] == (before["rt_terdaftar"][0], before["rt_terdaftar"][1] + 1)
    assert after["unggahan"][1] == before["unggahan"][1] + 1
    ingest.undo(upload_id, "ani")
    undone = figures(meetings.since(meeting, FILTERS, TODAY))
    assert undone == before  # then never moved; now is back


def test_a_meeting_about_another_area_is_not_the_last_one_here(fixture_db):
    rapat_id = meetings.create("ani", MEETING_DAY, "Rakor Jakarta Timur", "31.75", [])
    meetings.close("ani", rapat_id)
    assert meetings.last_closed(JAGAKARSA) is None
    assert meetings.last_closed("31.75.01").rapat_id == rapat_id


def open_meeting():
    return meetings.create("ani", MEETING_DAY, "Rakor Desember", None, ["SUDIN_SOSIAL"])


def action_status(rapat_id, sampai=TODAY):
    return db.run("follow_up_actions", sampai=sampai, rapat_id=rapat_id).iloc[0]


def test_an_action_on_a_need_is_done_when_the_data_show_every_household_answered(fixture_db, as_admin):
    """Tanjung Barat has one household with no income (H2) and no economic training delivered."""
    rapat_id = open_meeting()
    meetings.add_action("ani", rapat_id, "kebutuhan", TANJUNG_BARAT, "SUDIN_SOSIAL", "Pelatihan usaha untuk keluarga",
                        date(2027, 3, 31), kebutuhan="tanpa_penghasilan", sampai=TODAY)
    action = action_status(rapat_id)
    assert (action.rt_celah_awal, action.rt_celah_kini, action.status) == (1, 1, "sesuai_jadwal")
    assert action_status(rapat_id, date(2027, 4, 1)).status == "terlambat"
    # Reported done while the data still show the household waiting: the data decide.
    meetings.report("ani", int(action.tindak_lanjut_id), "selesai")
    action = action_status(rapat_id)
    assert (action.dilaporkan, action.status, action.menurut_data) == ("selesai", "sesuai_jadwal", True)
    training = activity(id_kegiatan="KGT-900", jenis_intervensi="pelatihan_ekonomi_produktif",
                        id_rumah_tangga=fixtures.H2, tanggal="2026-11-25", kode_lembaga="SUDIN_PPKUKM")
    ingest.ingest(table_file([training]), "intervensi.csv", "umar")
    action = action_status(rapat_id)
    assert (action.rt_celah_awal, action.rt_celah_kini, action.status) == (1, 0, "selesai")
    assert action_status(rapat_id, date(2027, 4, 1)).status == "selesai"  # done is not late


def test_an_action_without_a_measure_follows_what_is_reported(fixture_db, as_admin):
    rapat_id = open_meeting()
    action_id = meetings.add_action("ani", rapat_id, "lain", None, "PEMKOT_JAKSEL", "Surat edaran ke kelurahan",
                                    date(2026, 12, 15))
    assert action_status(rapat_id).status == "sesuai_jadwal" and not action_status(rapat_id).menurut_data
    meetings.report("ani", action_id, "berjalan", "draf disiapkan")
    meetings.report("ani", action_id, "selesai")
    assert action_status(rapat_id).status == "selesai"
    assert db.cursor().execute("select count(*) from tindak_lanjut_status").fetchone() == (2,)  # both kept


@pytest.mark.parametrize("change, code", [
    (dict(tindakan=""), "text_missing"),
    (dict(tindakan="x" * 301), "text_long"),
    (dict(tindakan="Kunjungi keluarga NIK 317409 100507 0001"), "text_nik"),
    (dict(batas_waktu=date(2026, 1, 1)), "due_before_meeting"),
    (dict(jenis_celah="kebutuhan"), "need_missing"),
])
def test_an_action_that_cannot_be_recorded_says_why_and_nothing_is_written(fixture_db, con, change, code):
    rapat_id = open_meeting()
    values = dict(jenis_celah="lain", kode_wilayah=None, kode_lembaga="PEMKOT_JAKSEL", tindakan="Rapat lanjutan",
                  batas_waktu=date(2027, 1, 31)) | change
    with pytest.raises(meetings.MeetingError) as refused:
        meetings.add_action("ani", rapat_id, **values)
    assert refused.value.code == code
    assert con.execute("select count(*) from tindak_lanjut").fetchone() == (0,)


def test_actions_cannot_be_added_to_a_closed_meeting(fixture_db):
    rapat_id = open_meeting()
    meetings.close("ani", rapat_id)
    with pytest.raises(meetings.MeetingError) as refused:
        meetings.add_action("ani", rapat_id, "lain", None, "PEMKOT_JAKSEL", "Rapat lanjutan", date(2027, 1, 31))
    assert refused.value.code == "closed_already"


def test_the_overview_compares_with_the_last_closed_meeting_and_says_so(fixture_db):
    from test_access import open_page

    meetings.close("ani", meetings.create("ani", MEETING_DAY, "Rakor Bebenah November", None, []))
    at = open_page("app_pages/ringkasan.py", "admin")
    assert at.metric[0].proto.delta_description == "sejak rapat 12 Nov 2026"
    assert any("Rakor Bebenah November" in caption.value for caption in at.caption)


def test_without_a_closed_meeting_the_overview_compares_with_the_quarter(fixture_db):
    from test_access import open_page

    at = open_page("app_pages/ringkasan.py", "admin")
    assert not any("rapat" in caption.value for caption in at.caption)
