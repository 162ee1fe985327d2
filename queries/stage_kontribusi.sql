-- Stages the accepted rows of a kontribusi upload, typed as the kontribusi table, beside the current rows
-- with the same keys; preview_status, preview_changes and staged_rows read them.
-- Reads:   upload_rows (registered by bebenah.ingest: baris and text columns), upload_rejected
--          (registered: baris of the rows with problems), kontribusi_terkini
-- Params:  none
-- Creates: upload_typed (baris, kunci, the kontribusi columns), upload_current (kunci, the kontribusi
--          columns): kunci is the key (id_kontribusi) as text
create or replace temp table upload_typed as
select
    0 as baris,
    '' as kunci,
    * exclude (upload_id, baris),
from kontribusi
limit 0;

-- Values passed validate_*.sql, so the casts to the table's types cannot fail.
insert into upload_typed by name
select columns(lambda c: c not like 'lain:%' and c not like 'lebih:%')
from upload_rows
anti join upload_rejected using (baris);

update upload_typed set kunci = concat_ws(' / ', id_kontribusi);

create or replace temp table upload_current as
select
    concat_ws(' / ', id_kontribusi) as kunci,
    *,
from kontribusi_terkini
semi join upload_typed using (id_kontribusi);
