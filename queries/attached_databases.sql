-- One row per database attached to the connection (a reader's side file, its published copies).
-- Params:  none
-- Returns: database_name (text)
select database_name
from duckdb_databases()
where not internal
