-- Stages, for the accepted rows of a sasaran upload whose key is already stored, the current row
-- and the incoming row typed as the sasaran table, so that preview_status and preview_changes can
-- compare them. A row with a new key needs no comparison, and is not staged.
-- Reads:   upload_rows (registered by bebenah.ingest: baris and text columns), upload_rejected
--          (registered: baris of the rows with problems), sasaran_terkini
-- Params:  none
-- Creates: upload_current (kunci, the sasaran columns), upload_typed (baris, kunci, the sasaran
--          columns): kunci is the key (tahun, kode_kelurahan, jenis_intervensi) as text
create or replace temp table upload_current as
select
    concat_ws(' / ', tahun, kode_kelurahan, jenis_intervensi) as kunci,
    sasaran_terkini.*,
from sasaran_terkini
semi join (
    select
        try_cast(tahun as integer) as tahun,
        kode_kelurahan,
        jenis_intervensi,
    from upload_rows
    anti join upload_rejected using (baris)
) as incoming
    on sasaran_terkini.tahun = incoming.tahun
        and sasaran_terkini.kode_kelurahan = incoming.kode_kelurahan
        and sasaran_terkini.jenis_intervensi is not distinct from incoming.jenis_intervensi;

create or replace temp table upload_typed as
select
    0 as baris,
    '' as kunci,
    * exclude (upload_id, baris),
from sasaran
limit 0;

-- Values passed validate_*.sql, so the casts to the table's types cannot fail.
insert into upload_typed by name
select columns(lambda c: c not like 'lain:%' and c not like 'lebih:%')
from upload_rows
anti join upload_rejected using (baris)
semi join upload_current as stored
    on stored.tahun = try_cast(upload_rows.tahun as integer)
        and stored.kode_kelurahan = upload_rows.kode_kelurahan
        and stored.jenis_intervensi is not distinct from upload_rows.jenis_intervensi;

update upload_typed set kunci = concat_ws(' / ', tahun, kode_kelurahan, jenis_intervensi);
