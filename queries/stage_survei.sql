-- Stages, for the accepted rows of a survei upload whose key is already stored, the current row
-- and the incoming row typed as the survei table, so that preview_status and preview_changes can
-- compare them. A row with a new key needs no comparison, and is not staged.
-- Reads:   upload_rows (registered by bebenah.ingest: baris and text columns), upload_rejected
--          (registered: baris of the rows with problems), survei_terkini
-- Params:  none
-- Creates: upload_current (kunci, the survei columns), upload_typed (baris, kunci, the survei
--          columns): kunci is the key (id_rumah_tangga, putaran_ke) as text
-- The incoming keys as a list: a filter on a constant list reaches below survei_terkini's window,
-- so that only the upload's households' stored rows are read, not every stored row.
set variable upload_kunci = (select list(distinct id_rumah_tangga) from upload_rows);

create or replace temp table upload_current as
select
    concat_ws(' / ', id_rumah_tangga, putaran_ke) as kunci,
    survei_terkini.*,
from survei_terkini
semi join (
    select
        id_rumah_tangga,
        try_cast(putaran_ke as integer) as putaran_ke,
    from upload_rows
    anti join upload_rejected using (baris)
) as incoming
    on survei_terkini.id_rumah_tangga = incoming.id_rumah_tangga
        and survei_terkini.putaran_ke = incoming.putaran_ke
where list_contains(getvariable('upload_kunci'), survei_terkini.id_rumah_tangga);

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
anti join upload_rejected using (baris)
semi join upload_current as stored
    on stored.id_rumah_tangga = upload_rows.id_rumah_tangga
        and stored.putaran_ke = try_cast(upload_rows.putaran_ke as integer);

update upload_typed set kunci = concat_ws(' / ', id_rumah_tangga, putaran_ke);
