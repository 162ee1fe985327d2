-- Stages the keys of the rows a staged upload changes: incoming rows that differ, in any value,
-- from the current row with the same key (NULLs compare equal). Runs after stage_<kind>.sql.
-- Reads:   upload_typed, upload_current (temp tables made by stage_<kind>.sql)
-- Params:  none
-- Creates: upload_changed (kunci)
create or replace temp table upload_changed as
select kunci
from (
    select * exclude (baris) from upload_typed
    except
    select * from upload_current
);
