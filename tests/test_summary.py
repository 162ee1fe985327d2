"""The summary tables the pages read equal the definitions over raw rows, after every kind of write.

The views over every stored row (survei_indikator, intervensi_terkini, kemajuan_per, kebutuhan_per...)
are the data contract; summary_* (queries/create_summary.sql) are kept current by each commit, undo
and redo. These tests compare the two whole, as of many dates and round caps, so the summary can
never drift from the contract.
"""

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from bebenah import db, demo, ingest

from fixtures import H1, H4

FILES = Path(__file__).parent / "files"

# summary table -> the definition it equals
TABLES = {
    "summary_survei": "survei_indikator",
    "summary_intervensi": "intervensi_terkini",
    "summary_kontribusi": "kontribusi_terkini",
    "summary_sasaran": "sasaran_terkini",
}


def differences(con, left: str, right: str) -> int:
    """Rows in one and not the other, counted with their multiplicity, both ways."""
    return con.execute(
        f"select (select count(*) from ({left} except all {right})) + (select count(*) from ({right} except all {left}))"
    ).fetchone()[0]


def check_dates(con, most: int = 24) -> list:
    """Dates something happened and the day before each (at most `most`, evenly spread), and null."""
    days = [row[0] for row in con.execute(
        "select distinct tanggal_survei from survei union select distinct tanggal from intervensi"
    ).fetchall()]
    every = sorted({d for day in days for d in (day, day - timedelta(days=1))})
    return [None] + every[::max(1, len(every) // most)]


# summary table -> its key; upload_id is the latest active upload holding the key
ORIGINS = {
    "summary_survei": "id_rumah_tangga, putaran_ke",
    "summary_intervensi": "id_kegiatan",
    "summary_kontribusi": "id_kontribusi",
    "summary_sasaran": "tahun, kode_kelurahan, jenis_intervensi",
}


def assert_summary_matches_definition(con, dates=None, caps=(None, 1, 2, 3)) -> None:
    for summary, definition in TABLES.items():
        assert differences(con, f"select * exclude (upload_id) from {summary}", f"from {definition}") == 0, summary
        raw = summary.removeprefix("summary_")
        key = ORIGINS[summary]
        assert differences(
            con, f"select {key}, upload_id from {summary}",
            f"select {key}, max(upload_id) from {raw} semi join uploads_active using (upload_id) group by all",
        ) == 0, f"{summary}.upload_id"
    for day in check_dates(con) if dates is None else dates:
        sampai = "null" if day is None else f"date '{day}'"
        for cap in caps:
            putaran = "null" if cap is None else cap
            assert differences(
                con,
                f"from summary_kemajuan_per(sampai := {sampai}, putaran := {putaran})",
                f"from kemajuan_per(sampai := {sampai}, putaran := {putaran})",
            ) == 0, (day, cap)
        assert differences(
            con, f"from summary_kebutuhan_per(sampai := {sampai})", f"from kebutuhan_per(sampai := {sampai})"
        ) == 0, day


def test_the_fixture_summary_equals_the_definitions_as_of_every_date_and_round(con):
    assert con.execute("select count(*) from summary_kemajuan").fetchone()[0] > 0
    assert_summary_matches_definition(con)


def test_a_summary_that_lags_behind_is_caught(con):
    """The comparison itself can fail: a round written past the summary is a difference."""
    con.execute("insert into survei by name select * replace (putaran_ke + 5 as putaran_ke) from survei limit 1")
    with pytest.raises(AssertionError):
        assert_summary_matches_definition(con, dates=[None], caps=(None,))
    db.refresh_summary(con)
    assert_summary_matches_definition(con, dates=[None], caps=(None,))


def test_uploads_undos_and_redos_keep_the_summary_equal_to_the_definitions(con):
    template = ingest.check(con, ingest.read((FILES / "survei_template.csv").read_bytes(), "survei_template.csv"))
    surveys = ingest.commit(template, "ani")
    assert_summary_matches_definition(con)
    # A later round dated before the baseline, a changed baseline, and a household's round 2 withdrawn.
    rows = (
        "id_kegiatan,tanggal,jenis_intervensi,kode_lembaga,kode_kelurahan,rw,id_rumah_tangga,jumlah,satuan,jumlah_peserta,catatan\n"
        f"KGT-9,2024-09-15,kelas_mindful_parenting,SUDIN_PPAPP,31.74.03.1003,2,{H4},1,sesi,2,\n"
        "KGT-2,2023-09-27,pengecatan_pembenahan_rumah,NOVALUX,31.74.09.1005,3,BKK-3174091005-002,1,rumah,,\n"
    )
    deliveries = ingest.commit(ingest.check(con, ingest.read(rows.encode(), "intervensi.csv")), "ani")
    assert_summary_matches_definition(con)
    ingest.undo(surveys, "ani")
    assert_summary_matches_definition(con)
    ingest.undo(deliveries, "ani")
    assert_summary_matches_definition(con)
    ingest.redo(surveys, "ani")
    ingest.redo(deliveries, "ani")
    assert_summary_matches_definition(con)
    # KGT-2 moved from H1 to H2: the needs it answers follow it.
    assert con.execute(
        "select count(*) from summary_kebutuhan where id_rumah_tangga = ? and tanggal_terjawab is not null", [H1]
    ).fetchone()[0] > 0


def test_a_database_from_before_the_summary_gets_one_on_opening(tmp_path):
    path = tmp_path / "old.duckdb"
    demo.build(path, households=300)
    con = db.open_database(path)
    con.execute("delete from summary_kemajuan")
    con.execute("update settings set value = 'older' where key = 'summary_version'")
    con.close()
    con = db.open_database(path)
    assert con.execute("select count(*) from summary_kemajuan").fetchone()[0] > 0
    assert_summary_matches_definition(con, dates=[None, date(2024, 6, 30)])
    con.close()


def test_a_demo_database_summary_equals_the_definitions(tmp_path):
    path = tmp_path / "demo.duckdb"
    demo.build(path, households=800)
    con = db.open_database(path)
    days = [row[0] for row in con.execute(
        "select distinct tanggal_survei from survei using sample 6 rows (reservoir, 7)"
    ).fetchall()]
    dates = [None, date(2023, 9, 30), date(2024, 12, 31)] + days + [d - timedelta(days=1) for d in days]
    assert_summary_matches_definition(con, dates=dates)
    con.close()


# The definitions over every stored row: the summary's sources, never what a page reads.
DEFINITIONS = re.compile(
    r"\b(survei_terkini|survei_indikator|intervensi_terkini|kontribusi_terkini|sasaran_terkini|"
    r"kemajuan_rumah_tangga|kemajuan_pasangan|kebutuhan_putaran|kebutuhan_rumah_tangga)\b"
    r"|(?<!summary_)\b(kemajuan_per|kebutuhan_per)\("
)
# What may read them: the schema and the summary's refresh; ingest staging the rows an upload replaces.
WRITERS = ("create_", "refresh_", "insert_", "stage_")


def test_no_page_query_reads_the_definitions_over_every_stored_row():
    """A page query that read survei_terkini or kemajuan_per again would cost what the history costs."""
    readers = []
    for path in sorted(db.QUERIES.glob("*.sql")):
        code = re.sub(r"--[^\n]*", "", path.read_text(encoding="utf-8"))
        if not path.stem.startswith(WRITERS) and DEFINITIONS.search(code):
            readers.append(path.name)
    assert readers == []
    # and the pattern finds what it is for
    assert DEFINITIONS.search("from kemajuan_per(sampai := $sampai)")
    assert not DEFINITIONS.search("from summary_kemajuan_per(sampai := $sampai)")
