-- Stages, for the accepted rows of a intervensi upload whose key is already stored, the current row
-- and the incoming row typed as the intervensi table, so that preview_status and preview_changes can
-- compare them. A row with a new key needs no comparison, and is not staged.
-- Reads:   upload_rows (registered by bebenah.ingest: baris and text columns), upload_rejected
--          (registered: baris of the rows with problems), intervensi_terkini
-- Params:  none
-- Creates: upload_current (kunci, the intervensi columns), upload_typed (baris, kunci, the intervensi
--          columns): kunci is the key (id_kegiatan) as text
-- The incoming keys as a list: a filter on a constant list reaches below intervensi_terkini's window,
-- so that only the upload's deliveries' stored rows are read, not every stored row.
set variable upload_kunci = (select list(distinct id_kegiatan) from upload_rows);

create or replace temp table upload_current as
select
    concat_ws(' / ', id_kegiatan) as kunci,
    intervensi_terkini.*,
from intervensi_terkini
semi join (
    select
        id_kegiatan,
    from upload_rows
    anti join upload_rejected using (baris)
) as incoming
    on intervensi_terkini.id_kegiatan = incoming.id_kegiatan
where list_contains(getvariable('upload_kunci'), intervensi_terkini.id_kegiatan);

create or replace temp table upload_typed as
select
    0 as baris,
    '' as kunci,
    * exclude (upload_id, baris),
from intervensi
limit 0;

-- Values passed validate_*.sql, so the casts to the table's types cannot fail.
insert into upload_typed by name
select columns(lambda c: c not like 'lain:%' and c not like 'lebih:%')
from upload_rows
anti join upload_rejected using (baris)
semi join upload_current as stored
    on stored.id_kegiatan = upload_rows.id_kegiatan;

update upload_typed set kunci = concat_ws(' / ', id_kegiatan);
