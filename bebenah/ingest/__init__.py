"""Uploads, end to end: read a file in any shape the contract accepts, check it in DuckDB, commit it, undo or redo it.

    parsed = ingest.read(data, "survei.csv")          # shape, kind, columns (parsing)
    checked = ingest.check(db.cursor(), parsed)       # problems, new / changed / unchanged rows (checking)
    upload_id = ingest.commit(checked, "ani")         # nothing is written while a row is rejected (committing)
    ingest.undo(upload_id, "ani"); ingest.redo(upload_id, "ani")

Every rule is SQL (queries/validate_columns.sql for single values, validate_<kind>.sql across
columns); the messages for its reason codes are in locales/upload.toml. The contract's columns
are in contract, how headers are matched in headers, how values are read in values.
"""

from bebenah.ingest.checking import Check, check, problems_csv, problems_xlsx, upload_state
from bebenah.ingest.committing import commit, ingest, redo, undo
from bebenah.ingest.contract import COLUMNS, KINDS, Column
from bebenah.ingest.errors import IngestError
from bebenah.ingest.parsing import Parsed, read
from bebenah.ingest.reading import max_upload_bytes, max_upload_mb

__all__ = [
    "COLUMNS", "KINDS", "Check", "Column", "IngestError", "Parsed", "check", "commit", "ingest",
    "max_upload_bytes", "max_upload_mb", "problems_csv", "problems_xlsx", "read", "redo", "undo", "upload_state",
]
