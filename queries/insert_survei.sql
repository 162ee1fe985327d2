-- Appends the accepted rows of one upload to survei; nothing is overwritten, the
-- survei_terkini view picks each key's row from the latest active upload.
-- Reads:   upload_accepted (registered by bebenah.ingest: baris and the survei columns as text
--          that passed validate_*.sql, so the casts to the table's types cannot fail)
-- Params:  $upload_id (integer)
insert into survei by name
select
    *,
    $upload_id as upload_id,
from upload_accepted
