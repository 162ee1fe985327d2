"""Shared test set-up: the fixture database, pointed at by the app's one door to DuckDB."""

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

from bebenah import db  # noqa: E402

import accounts  # noqa: E402
import fixtures  # noqa: E402
import nik_scan  # noqa: E402


@pytest.fixture(scope="session")
def fixture_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("fixture") / "fixture.duckdb"
    fixtures.build(path)
    return path


@pytest.fixture
def fixture_db(fixture_template, tmp_path, monkeypatch) -> Path:
    """A fresh copy of the fixture database, made the app's database for this test."""
    path = tmp_path / "bebenah.duckdb"
    shutil.copy(fixture_template, path)
    monkeypatch.setenv("BEBENAH_DB", str(path))
    db.connection.clear()
    db.clear_caches()
    yield path
    # After every test that uploaded (UU 27/2022): no NIK or No. KK anywhere in the database.
    stored = db.connection(str(path)).cursor()
    uploaded = stored.execute("select count(*) from uploads where uploaded_by <> 'fixture'").fetchone()[0]
    found = nik_scan.scan(stored) if uploaded else []
    stored.close()
    db.connection.clear()
    db.clear_caches()
    assert not found, f"NIK-like values stored after an upload: {found}"


@pytest.fixture
def con(fixture_db):
    """A cursor on the test's fixture database."""
    return db.cursor()


@pytest.fixture
def held_elsewhere(fixture_db):
    """The fixture database held open by another process, as a second server or command finds it."""
    import subprocess

    db.connection.clear()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ok', flush=True); "
                               "time.sleep(120)", str(fixture_db)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        yield fixture_db
    finally:
        holder.kill()
        holder.wait()
        db.connection.clear()


@pytest.fixture(scope="session")
def accounts_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("accounts") / "users.yaml"
    accounts.write(path)
    return path


@pytest.fixture(autouse=True)
def accounts_file(accounts_template, tmp_path_factory, monkeypatch) -> Path:
    """Every test gets its own copy of the test accounts (never config/users.yaml)."""
    path = tmp_path_factory.mktemp("accounts") / "users.yaml"
    shutil.copy(accounts_template, path)
    monkeypatch.setenv("BEBENAH_USERS", str(path))
    monkeypatch.setenv("BEBENAH_COOKIE_KEY", accounts.COOKIE_KEY)
    return path


@pytest.fixture
def as_admin(monkeypatch):
    """Code outside a page runs as the admin (who sees exact counts), not as a guest."""
    from bebenah import access

    monkeypatch.setattr(access, "current_user", lambda: dict(accounts.ACCOUNTS["admin"]))


@pytest.fixture
def as_viewer():
    """Call on an AppTest before its first run to sign a viewer in: `as_viewer(at).run()`."""
    return lambda at: accounts.sign_in(at, "viewer")
