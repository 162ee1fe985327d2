"""The upload and upload-history pages through AppTest: a file in, what was found, its problems and
changes, the commit, an identical re-upload, and undo and redo; in both languages, per role."""

from pathlib import Path

import pandas as pd
import pytest
import yaml
from streamlit.testing.v1 import AppTest

import accounts
import fixtures
from bebenah import ingest

ROOT = Path(__file__).resolve().parents[1]
FILES = Path(__file__).parent / "files"
UPLOAD, HISTORY = ROOT / "app_pages" / "unggah.py", ROOT / "app_pages" / "riwayat.py"
TEMPLATE = (FILES / "survei_template.csv").read_bytes()
COLUMNS = list(pd.read_csv(ROOT / "data" / "kamus" / "kamus_survei.csv", dtype=str)["kolom"])


def open_page(path: Path, role="admin", lang="id") -> AppTest:
    # A page runs on its own too (it guards itself): app.py's navigation is not needed here.
    at = accounts.sign_in(AppTest.from_file(str(path), default_timeout=60), role)
    at.run()
    if lang != "id":
        at.radio(key="lang").set_value(lang).run()
    assert not at.exception, at.exception
    return at


def upload(at: AppTest, data: bytes, name="survei.csv") -> AppTest:
    at.file_uploader(key="upload_file").set_value((name, data, "text/csv")).run()
    assert not at.exception, at.exception
    return at


def survey_file(*rows) -> bytes:
    frame = pd.DataFrame([fixtures.survey_row(*row[:3], **row[3]) for row in rows])
    return frame[COLUMNS].to_csv(index=False).encode()


def metrics(at) -> dict:
    return {metric.label: metric.value for metric in at.metric}


def uploads(con) -> list:
    return con.execute("select upload_id, file_name, file_shape, uploaded_by from uploads order by upload_id").fetchall()


@pytest.mark.parametrize("lang, found, saved", [
    ("id", "Ditemukan: Templat dasbor (CSV), 6 baris, survei rumah tangga.", "Tersimpan sebagai unggahan nomor 5"),
    ("en", "Found: Dashboard template (CSV), 6 rows, household survey.", "Saved as upload number 5"),
])
def test_a_file_is_checked_previewed_and_saved(fixture_db, con, lang, found, saved):
    at = upload(open_page(UPLOAD, lang=lang), TEMPLATE, "survei_template.csv")
    assert at.success[0].value.replace("\\", "") == found  # file-derived text is markdown-escaped
    assert list(metrics(at).values()) == ["4", "2", "0", "0"]  # H4's two rounds are in the fixture
    changes = at.dataframe[-1].value
    assert len(changes) > 0 and set(changes.iloc[:, 1]) == {"BKK-3174031003-001 / 1", "BKK-3174031003-001 / 2"}
    at.button(key="upload_commit").click().run()
    assert not at.exception, at.exception
    assert at.success[-1].value.startswith(saved)
    assert uploads(con)[-1] == (5, "survei_template.csv", "template", "ani")
    assert con.execute("select count(*) from survei where upload_id = 5").fetchone() == (6,)


def test_the_same_file_again_says_it_was_uploaded_already(fixture_db, con):
    at = upload(open_page(UPLOAD), TEMPLATE)
    at.button(key="upload_commit").click().run()
    at = upload(open_page(UPLOAD), TEMPLATE, "salinan.csv")
    assert "sudah diunggah (unggahan nomor 5)" in at.info[0].value
    assert not [button for button in at.button if button.key == "upload_commit"]
    assert len(uploads(con)) == 5


def test_rejected_rows_are_listed_and_block_the_save_until_valid_rows_only(fixture_db, con):
    data = survey_file(("BKK-3174091005-101", 1, "2024-06-16", {}),
                       ("BKK-3174091005-102", 1, "2024-06-16", {"persetujuan_tercatat": "tidak"}))
    at = upload(open_page(UPLOAD, lang="en"), data)
    assert list(metrics(at).values()) == ["1", "0", "0", "1"]
    problems = at.dataframe[2].value  # after the preview's two tables
    assert problems.iloc[0]["Row"] == 3 and problems.iloc[0]["Column"] == "persetujuan_tercatat"
    assert problems.iloc[0]["What is wrong and what to do"].startswith("the household gave no consent")
    assert "Reason code" not in problems.columns  # codes stay in the downloads
    assert [b.label for b in at.get("download_button")] == ["Download CSV", "Download XLSX"]
    assert at.button(key="upload_commit").disabled
    at.checkbox(key="upload_valid_only").check().run()
    assert not at.button(key="upload_commit").disabled
    at.button(key="upload_commit").click().run()
    assert con.execute("select id_rumah_tangga, baris from survei where upload_id = 5").fetchall() == [
        ("BKK-3174091005-101", 2)
    ]
    assert con.execute("select rows_new, rows_rejected from uploads where upload_id = 5").fetchone() == (1, 1)


@pytest.mark.parametrize("data, name, message", [
    (b"", "kosong.csv", "Berkas ini kosong"),
    (b"\x00\x01binary\x02" * 40, "foto.csv", "bukan tabel CSV atau XLSX"),
    (b"nama,alamat\r\nSiti,Jl. Mawar\r\n", "lain.csv", "tidak terlihat data jenis apa ini"),
])
def test_a_file_that_cannot_be_read_gets_a_clear_message_and_nothing_is_written(fixture_db, con, data, name, message):
    before = uploads(con)
    at = upload(open_page(UPLOAD), data, name)
    assert message in at.error[0].value
    assert uploads(con) == before


def test_the_kind_can_be_chosen_and_a_file_of_another_kind_is_refused(fixture_db):
    at = open_page(UPLOAD, lang="en")
    at.selectbox(key="upload_kind").set_value("intervensi").run()
    upload(at, pd.DataFrame([{"tahun": "2025", "kode_kelurahan": fixtures.TANJUNG_BARAT,
                               "jumlah_rt_sasaran": "3"}]).to_csv(index=False).encode())
    assert "«sasaran» data, not «intervensi»" in at.error[0].value


def test_an_uploader_cannot_write_rows_outside_their_area(fixture_db, con):
    # umar uploads for Jagakarsa (31.74.09); BKK-3174031003-101 lives in Pela Mampang.
    data = survey_file(("BKK-3174031003-101", 1, "2024-06-16", {}))
    at = upload(open_page(UPLOAD, role="uploader"), data)
    assert "Kecamatan Jagakarsa" in at.caption[1].value and "31.74" not in at.caption[1].value
    reason = at.dataframe[2].value.iloc[0]  # after the preview's two tables
    assert list(reason.index) == ["Baris", "Kolom", "Nilai", "Apa yang salah dan yang perlu dilakukan"]
    assert reason.iloc[-1].startswith("kelurahan ini di luar wilayah Anda (Kecamatan Jagakarsa)")
    assert at.button(key="upload_commit").disabled


def test_an_uploader_without_an_area_is_told_to_ask_for_one(fixture_db, accounts_file):
    config = yaml.safe_load(accounts_file.read_text())
    umar = config["credentials"]["usernames"]["umar"]
    config["credentials"]["usernames"]["tanpa"] = {**umar, "name": "Tanpa", "area": None}
    accounts_file.write_text(yaml.safe_dump(config))
    at = AppTest.from_file(str(UPLOAD), default_timeout=60)
    at.session_state["user"] = {"username": "tanpa", "role": "uploader", "area": None, "via": "password"}
    at.run()
    assert not at.exception, at.exception
    assert "belum punya wilayah" in at.error[0].value and len(at.get("file_uploader")) == 0


def test_a_viewer_cannot_open_the_upload_page(fixture_db):
    at = open_page(UPLOAD, role="viewer")
    assert len(at.get("file_uploader")) == 0


def test_history_lists_uploads_and_undo_and_redo_change_what_counts(fixture_db, con):
    checked = ingest.check(con, ingest.read(survey_file((fixtures.H1, 2, "2023-10-20", {"skor_kebersihan_rumah": 1})), "ulang.csv"))
    upload_id = ingest.commit(checked, "ani")
    score = lambda: con.execute(  # noqa: E731
        "select skor_kebersihan_rumah from survei_terkini where id_rumah_tangga = ? and putaran_ke = 2", [fixtures.H1]
    ).fetchone()[0]
    assert score() == 1
    at = open_page(HISTORY, lang="en")
    first = at.markdown[0].value.replace("\\", "")
    assert first == "**ulang.csv** · household survey · Dashboard template (CSV) · active"
    assert at.caption[1].value.startswith(f"Number {upload_id} · by ani")
    at.button(key=f"undo_{upload_id}").click().run()
    assert not at.exception, at.exception
    assert at.success[0].value == f"Upload number {upload_id} undone: the values before it count again."
    assert score() == 4
    assert "Undone by ani" in " ".join(caption.value for caption in at.caption)
    at.button(key=f"redo_{upload_id}").click().run()
    assert score() == 1
    actions = con.execute("select action from audit_log where target = ? order by audit_id", [str(upload_id)]).fetchall()
    assert actions == [("upload",), ("undo",), ("redo",)]


def test_an_uploader_sees_and_undoes_only_their_own_uploads(fixture_db, con):
    data = survey_file(("BKK-3174091005-101", 1, "2024-06-16", {}))
    own = ingest.commit(ingest.check(con, ingest.read(data, "milik_umar.csv")), "umar")
    at = open_page(HISTORY, role="uploader")
    files = " ".join(markdown.value.replace("\\", "") for markdown in at.markdown)
    assert "milik_umar.csv" in files and "fixture" not in files
    assert [button.key for button in at.button if button.key != "logout"] == [f"undo_{own}"]


def test_history_without_uploads_says_so(fixture_db):
    at = open_page(HISTORY, role="uploader", lang="en")
    assert at.info[0].value == "No uploads yet."


def test_rows_already_stored_in_another_shape_disable_save_and_say_so(fixture_db, con):
    at = upload(open_page(UPLOAD), TEMPLATE, "survei_template.csv")
    at.button(key="upload_commit").click().run()
    stored = uploads(con), con.execute("select count(*) from survei").fetchone(), con.execute("select count(*) from audit_log").fetchone()
    at = upload(open_page(UPLOAD, lang="en"), (FILES / "survei_kobo_xml.csv").read_bytes(), "kobo.csv")
    assert list(metrics(at).values()) == ["0", "0", "6", "0"]
    assert "All 6 rows are exactly the same as the data already stored" in at.info[0].value
    assert at.button(key="upload_commit").disabled
    at.run()
    after = uploads(con), con.execute("select count(*) from survei").fetchone(), con.execute("select count(*) from audit_log").fetchone()
    assert after == stored


def test_a_file_name_holding_a_nik_is_refused_with_a_message_to_rename_it(fixture_db, con):
    before = uploads(con)
    at = upload(open_page(UPLOAD), TEMPLATE, "NIK 317409 100507 0001.csv")
    assert "ganti nama berkasnya" in at.error[0].value and "317409" not in at.error[0].value
    assert uploads(con) == before


def test_the_problem_list_of_a_cell_with_control_characters_downloads(fixture_db, con):
    data = survey_file(("BKK-3174091005-101", 1, "2024-06-16", {"catatan_fasilitator": "a\x01b"}))
    at = upload(open_page(UPLOAD, lang="en"), data)
    problems = at.dataframe[2].value  # after the preview's two tables
    assert problems.iloc[0]["What is wrong and what to do"].startswith("this text holds an invisible control character")
    assert problems.iloc[0]["Value"] == "a␁b"
    assert at.button(key="upload_commit").disabled


def test_changes_show_choices_by_their_labels_and_nothing_as_empty(fixture_db):
    """Before, the changes read `tidak_berlaku` and `None`; field staff read the labels they chose."""
    data = survey_file((fixtures.H1, 1, "2023-09-20", {"ks1_03": "tidak", "phbs_persalinan_nakes": "ya",
                                                      "catatan_fasilitator": None}))
    changes = upload(open_page(UPLOAD), data).dataframe[-1].value.set_index("Kolom")
    assert changes.loc["phbs_persalinan_nakes", "Sebelum"] == "Tidak berlaku"
    assert changes.loc["phbs_persalinan_nakes", "Sesudah"] == "Ya"
    assert "tidak_berlaku" not in changes.to_string() and "None" not in changes.to_string()


def test_the_preview_shows_how_each_header_was_read_and_the_sidebar_has_no_area_filters(fixture_db):
    kobo = (Path(__file__).parent / "files" / "survei_kobo_xml.csv").read_bytes()
    at = upload(open_page(UPLOAD, lang="en"), kobo, "survei_kobo_xml.csv")
    mapping = at.dataframe[0].value
    row = mapping.set_index("Read as column").loc["id_rumah_tangga"]
    assert row["Header in the file"] == "identitas/id_rumah_tangga"
    assert row["Meaning"] == "Programme household code" and row["Value in the first row"].startswith("BKK-")
    assert "start, end" in at.caption[-1].value or any("start, end" in caption.value for caption in at.caption)
    assert len(at.dataframe[1].value) == 6  # the first rows as read
    assert not at.sidebar.selectbox and not at.sidebar.date_input  # the file says where and when
