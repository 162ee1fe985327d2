"""A server killed (SIGKILL) in the middle of a large commit leaves the upload whole or absent, never
half: its rows, its upload entry, its audit entry and the summary tables agree, at every kill point."""

import os
import signal
import subprocess
import sys
import time

import pytest

from bebenah import db

from test_ingest import csv_file, survey

ROOT = db.ROOT
KELURAHAN = ("3174091001", "3174091002", "3174091003", "3174091004")
HOUSEHOLDS = [f"BKK-{kelurahan}-{number:03d}" for kelurahan in KELURAHAN for number in range(1, 751)]
# The child commits the file it is given and says when the commit starts and when it is done.
CHILD = """
import sys
from bebenah import db, ingest
data = open(sys.argv[1], "rb").read()
checked = ingest.check(db.cursor(), ingest.read(data, "survei_besar.csv"))
print("start", flush=True)
ingest.commit(checked, "umar")
print("done", flush=True)
"""
FRACTIONS = (0.05, 0.25, 0.5, 0.75, 0.95, 1.2)


@pytest.fixture(scope="module")
def big_file(tmp_path_factory):
    rows = [survey(household, round_no, day) for household in HOUSEHOLDS
            for round_no, day in ((1, "2024-06-16"), (2, "2024-09-16"))]
    path = tmp_path_factory.mktemp("besar") / "survei_besar.csv"
    path.write_bytes(csv_file(rows))
    return path, len(rows)


def start_commit(database, file):
    env = {**os.environ, "BEBENAH_DB": str(database)}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(file)], stdout=subprocess.PIPE, text=True,
                             cwd=ROOT, env=env)
    assert child.stdout.readline().strip() == "start"
    return child


def facts(database) -> dict:
    """What a restarted server finds: counts, and whether the summary tables match a rebuild."""
    db.connection.clear()
    con = db.open_database(database)  # replays the write-ahead log, as a restart does
    counts = dict(zip(("uploads", "survei", "audit"), con.execute(
        "select (select count(*) from uploads), (select count(*) from survei), "
        "(select count(*) from audit_log where action = 'upload')").fetchone()))
    summary = {table: con.execute(f"select count(*), hash(string_agg(t::varchar, '|' order by t::varchar)) "
                                  f"from {table} t").fetchone() for table in db.SUMMARY_TABLES}
    con.begin()
    db.rebuild_summary(con)
    rebuilt = {table: con.execute(f"select count(*), hash(string_agg(t::varchar, '|' order by t::varchar)) "
                                  f"from {table} t").fetchone() for table in db.SUMMARY_TABLES}
    con.rollback()
    con.close()
    return {**counts, "summary_agrees": summary == rebuilt}


def test_a_kill_at_any_point_of_a_commit_leaves_it_whole_or_absent(fixture_template, tmp_path, big_file):
    file, rows = big_file
    before = facts(_copy(fixture_template, tmp_path / "before.duckdb"))
    # How long a commit takes here, uninterrupted: the kill points are fractions of it.
    whole = _copy(fixture_template, tmp_path / "whole.duckdb")
    child = start_commit(whole, file)
    began = time.monotonic()
    assert child.stdout.readline().strip() == "done"
    took = time.monotonic() - began
    child.wait()
    after = facts(whole)
    assert after == {**before, "uploads": before["uploads"] + 1, "survei": before["survei"] + rows,
                     "audit": before["audit"] + 1}
    outcomes = []
    for fraction in FRACTIONS:
        database = _copy(fixture_template, tmp_path / f"killed_{fraction}.duckdb")
        child = start_commit(database, file)
        time.sleep(took * fraction)
        child.send_signal(signal.SIGKILL)
        child.wait()
        found = facts(database)
        assert found in (before, after), (fraction, found)
        outcomes.append("whole" if found == after else "absent")
    print(f"commit of {rows} rows took {took:.2f} s; kills: {dict(zip(FRACTIONS, outcomes))}")
    assert "absent" in outcomes, outcomes  # at least one kill landed inside the commit


def _copy(source, target):
    import shutil

    shutil.copy(source, target)
    return target
