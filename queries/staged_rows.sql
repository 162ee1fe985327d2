-- The staged rows of a checked upload, typed, ready to be written.
-- Reads:   upload_typed (temp table made by stage_<kind>.sql)
-- Params:  none
-- Returns: baris (integer) and the columns of the upload's kind
select * exclude (kunci)
from upload_typed
order by baris
