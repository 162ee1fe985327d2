-- Appends the accepted rows of one upload to kontribusi; nothing is overwritten, the
-- kontribusi_terkini view picks each key's row from the latest active upload.
-- Reads:   upload_accepted (registered by bebenah.ingest: baris and the kontribusi columns as text
--          that passed validate_*.sql, so the casts to the table's types cannot fail)
-- Params:  $upload_id (integer)
insert into kontribusi by name
select
    *,
    $upload_id as upload_id,
from upload_accepted
