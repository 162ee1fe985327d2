-- Stages the accepted rows of a sasaran upload, typed as the sasaran table, beside the current rows
-- with the same keys; preview_status, preview_changes and staged_rows read them.
-- Reads:   upload_rows (registered by bebenah.ingest: baris and text columns), upload_rejected
--          (registered: baris of the rows with problems), sasaran_terkini
-- Params:  none
-- Creates: upload_typed (baris, kunci, the sasaran columns), upload_current (kunci, the sasaran
--          columns): kunci is the key (tahun, kode_kelurahan, jenis_intervensi) as text
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
anti join upload_rejected using (baris);

update upload_typed set kunci = concat_ws(' / ', tahun, kode_kelurahan, jenis_intervensi);

create or replace temp table upload_current as
select
    concat_ws(' / ', tahun, kode_kelurahan, jenis_intervensi) as kunci,
    *,
from sasaran_terkini
semi join upload_typed
    on
        sasaran_terkini.tahun = upload_typed.tahun
        and sasaran_terkini.kode_kelurahan = upload_typed.kode_kelurahan
        and sasaran_terkini.jenis_intervensi is not distinct from upload_typed.jenis_intervensi;
