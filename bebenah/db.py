"""The one door to DuckDB: the connection, the schema, and named queries read from queries/*.sql."""

import hashlib
import os
import re
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

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
    "create_login_attempts",
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


def open_database(path: Path | str) -> duckdb.DuckDBPyConnection:
    """Connect to the file, create what is missing, seed empty reference tables, and rebuild the
    summary tables when they were made by other definitions (or by none: a database from before them)."""
    con = duckdb.connect(str(path))
    for name in SCHEMA:
        execute(con, name)
    for table, csv in SEEDS.items():
        if con.execute(f"select count(*) from {table}").fetchone()[0] == 0:
            execute(con, f"seed_{table}", path=str(REFERENCE / csv))
    built = query(con, "setting", key="summary_version")
    if built.empty or built.value.iloc[0] != summary_version():
        con.begin()
        for table in SUMMARY_TABLES:
            con.execute(f"drop table if exists {table}")
        execute(con, "create_summary")
        refresh_summary(con)
        execute(con, "insert_setting", key="summary_version", value=summary_version())
        con.commit()
    return con


@lru_cache(maxsize=None)
def summary_version() -> str:
    return hashlib.sha256("\n".join(sql(name) for name in SUMMARY_SOURCES).encode()).hexdigest()[:16]


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


def cursor() -> duckdb.DuckDBPyConnection:
    """A cursor of the one cached connection: one per script run, as DuckDB is not thread-safe."""
    return connection(str(database_path())).cursor()


@st.cache_data(max_entries=RESULT_CACHE_ENTRIES, show_spinner=False)
def _cached_run(path: str, name: str, params: dict) -> pd.DataFrame:
    return query(connection(path).cursor(), name, **params)


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

    return privacy.enforce(_cached_run(str(database_path()), name, bind(name, params)), privacy_declaration(name))


def clear_caches() -> None:
    _cached_run.clear()


@contextmanager
def transaction(clear_cache: bool = True):
    """One transaction on a fresh cursor: commit on success, roll back on any error.

    clear_cache=False for writes no cached query reads (sign-in attempts, audit entries).
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


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Create an empty Pantau Bebenah database for real data.")
    parser.add_argument("path", type=Path, help="the DuckDB file to create (must not exist)")
    target = parser.parse_args().path
    if target.exists():
        parser.error(f"{target} exists already: nothing was changed")
    open_database(target).close()
    print(f"Created {target}: the schema and the reference tables, no programme data.")
