"""The one door to DuckDB: creating an empty database for real data from the command line."""

import subprocess
import sys
from pathlib import Path

import duckdb

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
