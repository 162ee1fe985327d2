-- Appends the accepted rows of one upload to survei; nothing is overwritten, the
-- survei_terkini view picks each key's row from the latest active upload.
-- Reads:   upload_accepted (registered by bebenah.ingest: staged_rows of the checked file)
-- Params:  $upload_id (integer)
insert into survei by name
select
    *,
    $upload_id as upload_id,
from upload_accepted
