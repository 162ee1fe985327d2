-- Appends the accepted rows of one upload to sasaran; nothing is overwritten, the
-- sasaran_terkini view picks each key's row from the latest active upload.
-- Reads:   upload_accepted (registered by bebenah.ingest: staged_rows of the checked file)
-- Params:  $upload_id (integer)
insert into sasaran by name
select
    *,
    $upload_id as upload_id,
from upload_accepted
