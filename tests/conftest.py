"""Shared test set-up: the fixture database, pointed at by the app's one door to DuckDB."""

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

from bebenah import db  # noqa: E402

import fixtures  # noqa: E402


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
    db.connection.clear()
    db.clear_caches()


@pytest.fixture
def con(fixture_db):
    """A cursor on the test's fixture database."""
    return db.cursor()
