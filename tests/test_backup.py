"""Backups: a consistent copy written while the app runs, restored in one transaction with the audit
log kept; the commands say in words when another program holds the database."""

import os
import stat
import subprocess
import sys

import duckdb
import pytest

from bebenah import backup, db, ingest
from bebenah.backup import NEEDED_TABLES

from test_ingest import csv_file, survey

ROOT = db.ROOT
COMPARED = sorted(NEEDED_TABLES | set(db.SUMMARY_TABLES))


def content(con, table: str) -> list:
    """A table's rows in a stable order (its columns as stored, every row)."""
    frame = con.execute(f"select * from {table}").df()
    return sorted(map(repr, frame.itertuples(index=False)))


def state(con) -> dict:
    return {table: content(con, table) for table in COMPARED if table != "settings"} | {
        "settings": sorted(con.execute("select * from settings where key not in ('restored_at', 'summary_version')").fetchall())}


@pytest.fixture
def backups(tmp_path, monkeypatch):
    folder = tmp_path / "cadangan"
    monkeypatch.setenv(backup.DIRECTORY, str(folder))
    return folder


def upload_one(household="BKK-3174091005-101", round_no=1) -> int:
    _, upload_id = ingest.ingest(csv_file([survey(household, round_no)]), "survei.csv", "umar")
    return upload_id


def test_a_backup_restored_after_uploads_and_undos_gives_back_every_table_as_it_was(fixture_db, backups):
    upload_one()
    before = state(db.cursor())
    written = backup.create("ani")
    assert written.parent == backups and stat.S_IMODE(written.stat().st_mode) == 0o600
    with duckdb.connect(str(written), read_only=True) as copy:
        assert state(copy) == before  # the copy is whole
    second = upload_one("BKK-3174091005-102")
    ingest.undo(second, "ani")
    upload_one("BKK-3174091005-103")
    assert state(db.cursor()) != before
    audit_before = db.cursor().execute("select count(*) from audit_log").fetchone()[0]
    backup.restore(written, "ani")
    cur = db.cursor()
    assert state(cur) == before
    actions = [action for action, in cur.execute("select action from audit_log order by audit_id").fetchall()]
    assert len(actions) == audit_before + 1 and actions[-1] == "restore" and "backup" in actions
    # The next upload takes a new id: none is reused after going back.
    assert upload_one("BKK-3174091005-104") > second + 1


def test_restoring_a_newer_backup_into_an_older_database_moves_the_ids_on(fixture_db, backups):
    for number in range(3):
        upload_one(f"BKK-3174091005-11{number}")
    newest = db.cursor().execute("select max(upload_id) from uploads").fetchone()[0]
    written = backup.create("ani")
    db.connection.clear()
    fixture_db.unlink()
    fresh = db.open_database(fixture_db)  # a new server, an empty database
    fresh.close()
    db.connection.clear()
    backup.restore(written, "ani")
    assert upload_one("BKK-3174091005-120") > newest


@pytest.mark.parametrize("make", [
    lambda path: path.write_bytes(b"bukan database"),
    lambda path: duckdb.connect(str(path)).execute("create table lain (x int)").close(),
])
def test_a_file_that_is_not_a_backup_is_refused_and_nothing_changes(fixture_db, tmp_path, make):
    before = state(db.cursor())
    wrong = tmp_path / "bebenah-palsu.duckdb"
    make(wrong)
    with pytest.raises(backup.BackupError) as refused:
        backup.restore(wrong, "ani")
    assert refused.value.code == "not_a_backup"
    assert state(db.cursor()) == before
    assert db.cursor().execute("select count(*) from audit_log where action = 'restore'").fetchone() == (0,)


def test_a_restore_that_fails_midway_leaves_the_database_as_it_was(fixture_db, backups):
    written = backup.create("ani")
    with duckdb.connect(str(written)) as copy:  # a damaged backup: a row the table cannot take
        copy.execute("alter table survei rename column id_rumah_tangga to rumah_tangga_lain")
    upload_one()
    before = state(db.cursor())
    with pytest.raises(duckdb.Error):
        backup.restore(written, "ani")
    assert state(db.cursor()) == before


def test_the_commands_write_list_and_restore_a_backup(fixture_db, backups):
    db.connection.clear()  # the app is stopped: the command opens the file itself

    def run(*args):
        return subprocess.run([sys.executable, "-m", "bebenah.backup", *args], capture_output=True, text=True,
                              cwd=ROOT, env=dict(os.environ), timeout=120)

    written = run("create")
    assert written.returncode == 0, written.stderr
    listed = run("list")
    name = listed.stdout.splitlines()[1].split()[0]
    assert name.startswith("bebenah-") and (backups / name).is_file()
    restored = run("restore", str(backups / name))
    assert restored.returncode == 0 and "Restored" in restored.stdout


def test_the_backup_command_says_in_words_that_the_app_holds_the_database(held_elsewhere, backups):
    result = subprocess.run([sys.executable, "-m", "bebenah.backup", "create"], capture_output=True, text=True,
                            cwd=ROOT, env=dict(os.environ), timeout=60)
    assert result.returncode == 2 and "open in another program" in result.stderr
    assert "Traceback" not in result.stderr and not backups.exists()


def test_a_second_server_shows_visitors_words_not_a_traceback(held_elsewhere):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert "dibuka oleh program lain" in at.error[0].value
    assert str(held_elsewhere) not in at.error[0].value
