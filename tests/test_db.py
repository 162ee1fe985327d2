"""The one door to DuckDB: creating an empty database for real data from the command line."""

import subprocess
import threading
import sys
from datetime import date
from pathlib import Path

import duckdb

from bebenah import db, ingest

ROOT = Path(__file__).resolve().parents[1]


def create(path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bebenah.db", str(path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_creating_an_empty_database_gives_the_schema_and_reference_tables_but_no_data(tmp_path):
    path = tmp_path / "real.duckdb"
    assert create(path).returncode == 0
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("select count(*) from wilayah").fetchone() == (267,)
        assert con.execute("select count(*) from survei").fetchone() == (0,)
        # Not marked as sample data: the app asks for a sign-in before showing anything.
        assert con.execute("select count(*) from settings where key = 'sumber_data'").fetchone() == (0,)


def test_creating_over_an_existing_file_changes_nothing(tmp_path):
    path = tmp_path / "real.duckdb"
    path.write_bytes(b"not a database")
    result = create(path)
    assert result.returncode != 0
    assert "exists already" in result.stderr
    assert path.read_bytes() == b"not a database"


def test_a_page_view_reads_one_state_of_the_data_while_another_session_commits(fixture_db):
    """What a page view reads, before and after another session's undo lands mid-view."""
    period = {"dari": date(2023, 9, 13), "sampai": date.today()}
    first = db.cursor().execute("select min(upload_id) from uploads").fetchone()[0]
    with db.one_snapshot():
        sources = len(db.run("overview_uploads", **period))
        # Another session withdraws an upload while this view is drawing (its own thread, its own cursor).
        other = threading.Thread(target=ingest.undo, args=(first, "ani"))
        other.start()
        other.join()
        # A query first run after the commit still reads the state the view began with ...
        assert len(db.run("overview_uploads", **{**period, "kota": "31.74"})) == sources
        assert len(db.run("overview_uploads", **period)) == sources
    # ... and the next view reads the new state, from the database and not from the cache.
    with db.one_snapshot():
        assert len(db.run("overview_uploads", **period)) == sources - 1
    # A view that commits itself (an upload page saving) reads what it wrote.
    with db.one_snapshot():
        ingest.redo(first, "ani")
        assert len(db.run("overview_uploads", **period)) == sources
