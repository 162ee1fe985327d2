-- Stages, for the accepted rows of a kontribusi upload whose key is already stored, the current row
-- and the incoming row typed as the kontribusi table, so that preview_status and preview_changes can
-- compare them. A row with a new key needs no comparison, and is not staged.
-- Reads:   upload_rows (registered by bebenah.ingest: baris and text columns), upload_rejected
--          (registered: baris of the rows with problems), kontribusi_terkini
-- Params:  none
-- Creates: upload_current (kunci, the kontribusi columns), upload_typed (baris, kunci, the kontribusi
--          columns): kunci is the key (id_kontribusi) as text
create or replace temp table upload_current as
select
    concat_ws(' / ', id_kontribusi) as kunci,
    kontribusi_terkini.*,
from kontribusi_terkini
semi join (
    select
        id_kontribusi,
    from upload_rows
    anti join upload_rejected using (baris)
) as incoming
    on kontribusi_terkini.id_kontribusi = incoming.id_kontribusi;

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
anti join upload_rejected using (baris)
semi join upload_current as stored
    on stored.id_kontribusi = upload_rows.id_kontribusi;

update upload_typed set kunci = concat_ws(' / ', id_kontribusi);
