"""The one door to DuckDB: the connection, the schema, and named queries read from queries/*.sql."""

import hashlib
import logging
import os
import re
import tempfile
import threading
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from bebenah import snapshot

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "queries"
REFERENCE = ROOT / "data" / "reference"
DEFAULT_PATH = ROOT / "data" / "bebenah.duckdb"

# Creation order matters: views read the tables before them.
SCHEMA = (
    "create_reference",
    "create_filters",
    "create_uploads",
    "create_audit_log",
    "create_login_failures",
    "create_login_revocations",
    "create_survei",
    "create_intervensi",
    "create_kontribusi",
    "create_sasaran",
    "create_survei_indikator",
    "create_kemajuan",
    "create_kebutuhan_rumah_tangga",
    "create_summary",
    "create_daftar",
    "create_rapat",
)
# The summary tables are rebuilt whole when any of these files changes (a new definition).
SUMMARY_SOURCES = (
    "create_survei", "create_intervensi", "create_kontribusi", "create_sasaran", "create_uploads",
    "create_survei_indikator", "create_kemajuan", "create_kebutuhan_rumah_tangga",
    "create_summary", "refresh_summary",
)
SUMMARY_TABLES = (
    "summary_survei", "summary_intervensi", "summary_kontribusi", "summary_sasaran",
    "summary_kemajuan", "summary_kebutuhan",
)
SEEDS = {
    "wilayah": "wilayah_dki_jakarta.csv",
    "lembaga": "lembaga.csv",
    "jenis_intervensi": "jenis_intervensi.csv",
    "kebutuhan": "kebutuhan.csv",
}
RESULT_CACHE_ENTRIES = 2000


READ_ONLY = "BEBENAH_READ_ONLY"
SIDE_DB = "BEBENAH_SIDE_DB"
# What a reader writes itself (sign-ins, lockouts, household-download entries) goes to its own small
# file; these tables there come first on every cursor's search_path, before the published copy's.
SIDE_SCHEMA = ("create_audit_log", "create_login_failures", "create_login_revocations")


def read_only() -> bool:
    """A reader process ($BEBENAH_READ_ONLY=1) serving a copy the writer publishes (bebenah.snapshot)."""
    return os.environ.get(READ_ONLY) == "1"


def side_path() -> Path:
    """A reader's own writable file: $BEBENAH_SIDE_DB, or one per process in the temp folder."""
    return Path(os.environ.get(SIDE_DB) or Path(tempfile.gettempdir()) / f"bebenah_side_{os.getpid()}.duckdb")


def database_path() -> Path:
    """The database file: $BEBENAH_DB, or data/bebenah.duckdb in the repository."""
    return Path(os.environ.get("BEBENAH_DB") or DEFAULT_PATH)


@lru_cache(maxsize=None)
def sql(name: str) -> str:
    return (QUERIES / f"{name}.sql").read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def parameter_names(name: str) -> frozenset[str]:
    """The $parameters a query uses (DuckDB rejects binding any it does not use)."""
    text = re.sub(r"--[^\n]*", "", sql(name))
    return frozenset(re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", text))


# The filters (the sidebar's, the progress page's cohort and round, the contributions page's agency)
# and a list's paging: a query may be run without them (null = the whole programme, all time, every
# cohort, the latest round, every agency, every row).
OPTIONAL = frozenset({"kota", "kecamatan", "kelurahan", "dari", "sampai", "kohort", "putaran", "lembaga",
                      "limit", "offset"})


def bind(name: str, params: dict) -> dict:
    """The subset of params that query `name` uses. A missing filter or paging parameter is bound as
    NULL (all areas, every row); any other missing parameter is an error, not NULL: a forgotten
    $wilayah_akses must not mean every area. Pass None explicitly where NULL is meant."""
    missing = parameter_names(name) - OPTIONAL - params.keys()
    if missing:
        raise TypeError(f"query {name} needs the parameters {sorted(missing)}")
    return {key: params.get(key) for key in parameter_names(name)}


def query(con: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """Run a named query on a given connection or cursor, uncached."""
    return con.execute(sql(name), bind(name, params)).df()


def execute(con: duckdb.DuckDBPyConnection, name: str, **params) -> None:
    """Run a named statement (a write, or a script of several without parameters)."""
    bound = bind(name, params)
    if bound:
        con.execute(sql(name), bound)
    else:
        con.execute(sql(name))


class DatabaseBusy(RuntimeError):
    """Another process holds the database file (DuckDB lets one process open it for writing)."""

    def __init__(self, path: Path | str):
        super().__init__(f"{path} is open in another process")
        self.path = Path(path)

    def words(self) -> str:
        """What a command prints (an operator reads it; the app says it in the page's language)."""
        return (f"The database {self.path} is open in another program (the running app, or a second server "
                "or command). DuckDB lets only one program open it: stop the other one, then try again. "
                "While the app runs, use its admin pages instead.")


def _connect(path: Path | str) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path))
    except duckdb.IOException as error:
        if "lock" in str(error).lower():
            raise DatabaseBusy(path) from None
        raise


def open_database(path: Path | str) -> duckdb.DuckDBPyConnection:
    """Connect to the file, create what is missing, seed empty reference tables, and rebuild the
    summary tables when they were made by other definitions (or by none: a database from before them).

    A reader ($BEBENAH_READ_ONLY=1) connects to its side file instead: the published copy at `path`
    is attached read-only by cursor(), and changed by nothing here."""
    if read_only():
        con = _connect(side_path())
        for name in SIDE_SCHEMA:
            execute(con, name)
        return con
    con = _connect(path)
    for name in SCHEMA:
        execute(con, name)
    for table, csv in SEEDS.items():
        if con.execute(f"select count(*) from {table}").fetchone()[0] == 0:
            execute(con, f"seed_{table}", path=str(REFERENCE / csv))
    built = query(con, "setting", key="summary_version")
    if built.empty or built.value.iloc[0] != summary_version():
        con.begin()
        rebuild_summary(con)
        con.commit()
    return con


@lru_cache(maxsize=None)
def summary_version() -> str:
    return hashlib.sha256("\n".join(sql(name) for name in SUMMARY_SOURCES).encode()).hexdigest()[:16]


def rebuild_summary(con: duckdb.DuckDBPyConnection) -> None:
    """Build the summary tables anew from every stored row (new definitions, or a restore), inside
    the caller's transaction."""
    for table in SUMMARY_TABLES:
        con.execute(f"drop table if exists {table}")
    execute(con, "create_summary")
    refresh_summary(con)
    execute(con, "insert_setting", key="summary_version", value=summary_version())


def refresh_summary(con: duckdb.DuckDBPyConnection, upload_id: int | None = None) -> None:
    """Bring the summary tables up to date for one upload's keys (None: for everything).

    Call it inside the transaction that writes the upload or changes its status, so that no reader
    ever sees rows and summary apart.
    """
    execute(con, "summary_scope", upload_id=upload_id)
    execute(con, "refresh_summary")


@st.cache_resource(max_entries=4, show_spinner=False)
def connection(path: str) -> duckdb.DuckDBPyConnection:
    return open_database(path)


_attach_lock = threading.Lock()


def _published(path: str) -> str:
    """A reader's name for the published copy now at `path`, attached read-only on the cached side
    connection: each publish renames a new file there, which is attached under a new name (the
    one before stays attached for the page views still reading it; older ones are detached)."""
    stat = os.stat(path)
    name = f"published_{stat.st_ino}_{stat.st_mtime_ns}"
    con = connection(path)
    with _attach_lock:
        attached = set(query(con, "attached_databases").database_name)
        if name in attached:
            return name
        con.execute(f"attach '{snapshot.quoted(path)}' as {name} (read_only)")
        built = query(_searching(con.cursor(), name), "setting", key="summary_version")
        if built.empty or built.value.iloc[0] != summary_version():
            con.execute(f"detach {name}")
            raise RuntimeError(f"{path} was published by other definitions: publish it again from a writer of this version")
        # The copy before stays attached: a page view that began on it finishes on it (one_snapshot).
        older = sorted((old for old in attached if old.startswith("published_")),
                       key=lambda old: int(old.rsplit("_", 1)[1]))
        for old in older[:-1]:
            con.execute(f"detach {old}")
    clear_caches()
    return name


def cursor() -> duckdb.DuckDBPyConnection:
    """A cursor of the one cached connection: one per script run, as DuckDB is not thread-safe.

    In a reader, unqualified names resolve in its side file first, then in the published copy."""
    path = str(database_path())
    cur = connection(path).cursor()
    return _searching(cur, _published(path)) if read_only() else cur


def _searching(cur: duckdb.DuckDBPyConnection, published: str) -> duckdb.DuckDBPyConnection:
    # search_path is a setting of each cursor, not of the connection: set on every one.
    cur.execute(f"set search_path = '\"{side_path().stem}\".main,{published}.main'")
    return cur


def _source() -> str:
    """What results are cached by: the database path, and in a reader which published copy."""
    path = str(database_path())
    return f"{path}#{_published(path)}" if read_only() else path


# The page view in progress on this thread (one_snapshot): its cursor, in a transaction, and the
# state of the data that transaction sees.
_view = threading.local()


@contextmanager
def one_snapshot():
    """Every read inside sees one committed state of the data: a page view never mixes the rows from
    before a commit with the rows after it. app.py runs each page inside it.

    The reads share one cursor in one read transaction (DuckDB's snapshot isolation); cached results
    are kept per state of the data (data_version), so a result cached by a view of an older or a
    newer state is never served to this one."""
    cur = cursor()
    cur.begin()
    _view.cursor, _view.version = cur, _state_seen_by(cur)
    try:
        yield
    finally:
        _view.cursor = _view.version = None
        cur.rollback()
        cur.close()


def _renew_snapshot() -> None:
    """After this thread's own commit, its view reads the state that commit made."""
    cur = getattr(_view, "cursor", None)
    if cur is not None:
        cur.rollback()
        cur.begin()
        _view.version = _state_seen_by(cur)


def _state_seen_by(cur) -> str:
    """What a view's cached results are kept under: the file (and copy) and the state of its data."""
    return f"{_source()}@{query(cur, 'data_version').versi.iloc[0]}"


@st.cache_data(max_entries=RESULT_CACHE_ENTRIES, show_spinner=False)
def _cached_run(source: str, name: str, params: dict, _cur=None) -> pd.DataFrame:
    """source: the file (and copy) and, inside a page view, the state of the data `_cur` sees."""
    if _cur is not None:
        return query(_cur, name, **params)
    cur = cursor()
    try:
        return query(cur, name, **params)
    finally:
        cur.close()


@lru_cache(maxsize=None)
def privacy_declaration(name: str):
    """The household counts query `name` declares in its header (bebenah.privacy.Declaration)."""
    from bebenah import privacy

    return privacy.declaration(sql(name))


def run(name: str, **params) -> pd.DataFrame:
    """Run queries/<name>.sql with named parameters, as the current user may see it: the household
    counts its header declares are suppressed (bebenah.privacy). Results are cached, before
    suppression, until the next write."""
    from bebenah import privacy

    view = getattr(_view, "cursor", None)
    if view is not None:
        rows = _cached_run(_view.version, name, bind(name, params), _cur=view)
    else:
        rows = _cached_run(_source(), name, bind(name, params))
    return privacy.enforce(rows, privacy_declaration(name))


def clear_caches() -> None:
    _cached_run.clear()


@contextmanager
def transaction(clear_cache: bool = True):
    """One transaction on a fresh cursor: commit on success, roll back on any error.

    clear_cache=False for writes no cached query reads (sign-in attempts, audit entries). After a
    data write, a writer with $BEBENAH_PUBLISH_TO publishes a copy for the readers.
    """
    cur = cursor()
    cur.begin()
    try:
        yield cur
        cur.commit()
    except BaseException:
        cur.rollback()
        raise
    finally:
        if clear_cache:
            clear_caches()
        cur.close()
    if clear_cache:
        _renew_snapshot()
    if clear_cache and snapshot.target():  # a data write, committed: the readers get a new copy
        published = cursor()
        try:
            snapshot.publish(published, snapshot.target())
        except (duckdb.Error, OSError):
            # The write stands; the readers keep the last copy until the next commit publishes again.
            logging.getLogger(__name__).exception("publishing to %s failed", snapshot.target())
        finally:
            published.close()


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Create an empty Pantau Bebenah database for real data.")
    parser.add_argument("path", type=Path, help="the DuckDB file to create (must not exist)")
    target = parser.parse_args().path
    if target.exists():
        parser.error(f"{target} exists already: nothing was changed")
    open_database(target).close()
    print(f"Created {target}: the schema and the reference tables, no programme data.")
