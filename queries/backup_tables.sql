-- The tables a backup file attached as backup_in holds, to tell a Pantau Bebenah backup from any
-- other DuckDB file before restoring it.
-- Params:  none
-- Returns: table_name (text)
select table_name
from duckdb_tables()
where database_name = 'backup_in' and schema_name = 'main'
order by table_name
