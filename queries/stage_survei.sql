-- Stages the accepted rows of a survei upload, typed as the survei table, beside the current rows
-- with the same keys; preview_status, preview_changes and staged_rows read them.
-- Reads:   upload_rows (registered by bebenah.ingest: baris and text columns), upload_rejected
--          (registered: baris of the rows with problems), survei_terkini
-- Params:  none
-- Creates: upload_typed (baris, kunci, the survei columns), upload_current (kunci, the survei
--          columns): kunci is the key (id_rumah_tangga, putaran_ke) as text
create or replace temp table upload_typed as
select
    0 as baris,
    '' as kunci,
    * exclude (upload_id, baris),
from survei
limit 0;

-- Values passed validate_*.sql, so the casts to the table's types cannot fail.
insert into upload_typed by name
select columns(lambda c: c not like 'lain:%' and c not like 'lebih:%')
from upload_rows
anti join upload_rejected using (baris);

update upload_typed set kunci = concat_ws(' / ', id_rumah_tangga, putaran_ke);

create or replace temp table upload_current as
select
    concat_ws(' / ', id_rumah_tangga, putaran_ke) as kunci,
    *,
from survei_terkini
semi join upload_typed using (id_rumah_tangga, putaran_ke);
