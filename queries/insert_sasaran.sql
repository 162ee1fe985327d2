-- Appends the accepted rows of one upload to sasaran; nothing is overwritten, the
-- sasaran_terkini view picks each key's row from the latest active upload.
-- Reads:   upload_accepted (registered by bebenah.ingest: baris and the sasaran columns as text
--          that passed validate_*.sql, so the casts to the table's types cannot fail)
-- Params:  $upload_id (integer)
insert into sasaran by name
select
    *,
    $upload_id as upload_id,
from upload_accepted
