"""Looks through a whole database for anything like a NIK or No. KK (16 digits): none may ever be stored.

Every text column of every table (lists and structs as their text too) is tried with the very test
the upload check uses (bebenah.nik: Unicode NFKC, zero-width and separator characters removed, then
16 digits in a row or Excel's 3.17409E+15); every number column against 16-digit values.
"""

import duckdb
import pyarrow as pa

from bebenah import nik

# A SHA digest (uploads.content_hash, and audit details that quote it) may hold 16 decimal digits
# in a row by chance: digests are taken out before matching.
DIGEST = r"[0-9a-f]{40,128}"
NUMBERS = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UBIGINT", "UHUGEINT", "DOUBLE", "FLOAT")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def scan(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    """(table, column, value) for every stored value that looks like a NIK or No. KK; [] when clean."""
    columns = con.execute(
        "select database_name, schema_name, table_name, column_name, data_type "
        "from duckdb_columns() where not internal and database_name <> 'system' "
        "order by database_name, schema_name, table_name, column_index"
    ).fetchall()
    tables = {}
    for database, schema, table, column, data_type in columns:
        kind = "number" if data_type.upper() in NUMBERS or data_type.upper().startswith("DECIMAL") else "text"
        if data_type.upper() in ("DATE", "TIMESTAMP", "TIME", "BOOLEAN", "TIMESTAMP WITH TIME ZONE", "BLOB"):
            continue
        tables.setdefault((database, schema, table), []).append((column, kind))
    views = {tuple(row) for row in con.execute(
        "select database_name, schema_name, view_name from duckdb_views() where not internal").fetchall()}
    found = []
    for (database, schema, table), cols in tables.items():
        if (database, schema, table) in views:
            continue  # views show what the tables hold
        name = ".".join(map(_quote, (database, schema, table)))
        for column, kind in cols:
            if kind == "number":
                condition = f"abs(cast({_quote(column)} as double)) between 1e15 and 1e16"
                rows = con.execute(f"select distinct cast({_quote(column)} as varchar) from {name} "
                                   f"where {condition} limit 5").fetchall()
                found += [(f"{schema}.{table}", column, value) for (value,) in rows]
                continue
            # Every spelling of a NIK has characters of Unicode's number category: only those
            # values go through the normal form.
            text = f"cast({_quote(column)} as varchar)"
            values = con.sql(
                f"select distinct {text} as v, regexp_replace({text}, '{DIGEST}', '#', 'g') as t "
                f"from {name} where regexp_matches({text}, '\\p{{N}}')"
            ).to_arrow_table()
            if not values.num_rows:
                continue
            hit = nik.looks_like_nik(values.column("t"))
            found += [(f"{schema}.{table}", column, value)
                      for value in values.column("v").filter(pa.compute.fill_null(hit, False)).to_pylist()[:5]]
    return found
