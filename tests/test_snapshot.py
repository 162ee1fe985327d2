"""Publishing for read-only readers: a whole committed copy, renamed into place; a reader sees the
new copy after a publish without a restart, writes only to its side file, and a failed publish
leaves the old copy alone."""

import os
import shutil
from datetime import date

import duckdb
import pytest

from bebenah import audit, db, ingest, lockout, snapshot

PERIOD = {"dari": date(2023, 9, 13), "sampai": date.today()}


def counts(path) -> tuple:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("select (select count(*) from uploads), (select count(*) from summary_survei)").fetchone()


@pytest.fixture
def as_reader(fixture_db, tmp_path, monkeypatch):
    """Call to make this process a reader of a published copy (with its side file in tmp_path)."""
    def become(published):
        monkeypatch.setenv("BEBENAH_DB", str(published))
        monkeypatch.setenv(db.READ_ONLY, "1")
        monkeypatch.setenv(db.SIDE_DB, str(tmp_path / "side.duckdb"))
    yield become
    monkeypatch.setenv("BEBENAH_DB", str(fixture_db))  # the writer again, for fixture_db's own checks
    monkeypatch.delenv(db.READ_ONLY, raising=False)
    db.connection.clear()


def test_a_published_copy_opens_read_only_with_the_same_rows(fixture_db, tmp_path):
    published = snapshot.publish(db.cursor(), tmp_path / "published.duckdb")
    source = db.cursor().execute(
        "select (select count(*) from uploads), (select count(*) from summary_survei)").fetchone()
    assert source[0] > 0 and source[1] > 0
    assert counts(published) == source
    assert not (tmp_path / "published.duckdb.partial").exists()


def test_a_data_write_publishes_and_a_reader_sees_it_without_a_restart(fixture_db, tmp_path, monkeypatch, as_reader):
    target = tmp_path / "published.duckdb"
    monkeypatch.setenv(snapshot.ENVIRONMENT, str(target))
    snapshot.publish(db.cursor(), target)

    as_reader(target)
    before = db.cursor().execute("select count(*) from upload_status_changes").fetchone()[0]
    sources_before = len(db.run("overview_uploads", **PERIOD))

    # The writer withdraws the first upload (a data write through db.transaction()).
    monkeypatch.setenv("BEBENAH_DB", str(fixture_db))
    monkeypatch.delenv(db.READ_ONLY)
    first = db.cursor().execute("select min(upload_id) from uploads").fetchone()[0]
    ingest.undo(first, "ani")

    as_reader(target)
    assert db.cursor().execute("select count(*) from upload_status_changes").fetchone()[0] == before + 1
    assert len(db.run("overview_uploads", **PERIOD)) == sources_before - 1  # not the cached result
    with pytest.raises(duckdb.Error):  # the published copy takes no write
        db.cursor().execute("insert into settings values ('x', 'y')")


def test_a_reader_keeps_sign_ins_and_audit_entries_in_its_side_file(fixture_db, tmp_path, as_reader):
    target = snapshot.publish(db.cursor(), tmp_path / "published.duckdb")
    published_audit = duckdb.connect(str(target), read_only=True).execute("select count(*) from audit_log").fetchone()[0]
    as_reader(target)
    with db.transaction(clear_cache=False) as cur:
        audit.log(cur, "ani", "export_households", "daftar_sasaran", rows=3)
        lockout.fail(cur, "siapa", lockout.now())
    cur = db.cursor()
    assert cur.execute("select actor, action from audit_log").fetchall() == [("ani", "export_households")]
    assert cur.execute("select username, failures from login_failures").fetchall() == [("siapa", 1)]
    assert len(db.run("overview_uploads", **PERIOD)) > 0  # the programme's rows: the published copy's
    assert cur.execute("select count(*) from side.audit_log").fetchone()[0] == 1
    with duckdb.connect(str(target), read_only=True) as copy:
        assert copy.execute("select count(*) from audit_log").fetchone()[0] == published_audit


def test_a_failed_publish_leaves_the_old_copy_whole_and_the_commit_standing(fixture_db, tmp_path, monkeypatch, caplog):
    target = tmp_path / "published.duckdb"
    monkeypatch.setenv(snapshot.ENVIRONMENT, str(target))
    snapshot.publish(db.cursor(), target)
    old = counts(target)

    def full_disk(*args):
        raise OSError("No space left on device")

    changes = db.cursor().execute("select count(*) from upload_status_changes").fetchone()[0]
    monkeypatch.setattr(os, "replace", full_disk)
    first = db.cursor().execute("select min(upload_id) from uploads").fetchone()[0]
    ingest.undo(first, "ani")
    assert "publishing to" in caplog.text and "No space left" in caplog.text
    assert counts(target) == old
    with duckdb.connect(str(target), read_only=True) as con:
        assert con.execute("select count(*) from upload_status_changes").fetchone()[0] == changes
    assert db.cursor().execute("select count(*) from upload_status_changes").fetchone()[0] == changes + 1


def test_a_copy_of_other_definitions_is_refused_with_a_clear_message(fixture_db, tmp_path, as_reader):
    copy = tmp_path / "old.duckdb"
    shutil.copy(fixture_db, copy)
    with duckdb.connect(str(copy)) as con:
        con.execute("update settings set value = 'older' where key = 'summary_version'")
    as_reader(copy)
    with pytest.raises(RuntimeError, match="publish it again"):
        db.cursor()
