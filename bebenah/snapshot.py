"""Publishing the database for read-only app processes: a consistent copy, then an atomic rename."""

import os
import threading
from pathlib import Path

import duckdb

ENVIRONMENT = "BEBENAH_PUBLISH_TO"
_publishing = threading.Lock()  # two sessions committing at once publish one after the other


def target() -> Path | None:
    """Where the writer publishes after each data commit ($BEBENAH_PUBLISH_TO), or None."""
    value = os.environ.get(ENVIRONMENT)
    return Path(value) if value else None


def publish(con: duckdb.DuckDBPyConnection, destination: Path | str) -> Path:
    """Copy the database `con` has open to `destination`, whole and committed, then rename it into
    place: a reader opening `destination` gets the old copy or the new one, never half of one."""
    destination = Path(destination)
    partial = destination.with_name(destination.name + ".partial")
    with _publishing:
        for leftover in (partial, partial.with_name(partial.name + ".wal")):
            leftover.unlink(missing_ok=True)
        source = con.execute("select current_database()").fetchone()[0]
        # ATTACH takes no parameters: the path is quoted as an SQL string.
        con.execute(f"attach '{quoted(partial)}' as snapshot_out")
        try:
            con.begin()  # one snapshot of every table, taken after any commit that published before
            try:
                con.execute(f'copy from database "{source}" to snapshot_out')
                con.commit()
            except BaseException:
                con.rollback()
                raise
        finally:
            con.execute("detach snapshot_out")
        os.replace(partial, destination)
    return destination


def quoted(path: Path | str) -> str:
    """A path as the inside of an SQL string literal."""
    return str(path).replace("'", "''")
