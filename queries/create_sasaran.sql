-- Targets: households to enrol (jenis_intervensi null) or to reach with one intervention type,
-- per year and kelurahan, per upload; key (tahun, kode_kelurahan, jenis_intervensi).
-- sasaran_terkini: for each key, the row of the latest active upload.
create table if not exists sasaran (
    tahun integer not null,
    kode_kelurahan varchar not null,
    jenis_intervensi varchar,
    jumlah_rt_sasaran integer not null,
    upload_id integer not null,
    baris integer,
);

create or replace view sasaran_terkini as
select sasaran.* exclude (upload_id, baris)
from sasaran
semi join uploads_active using (upload_id)
qualify row_number() over (
    partition by tahun, kode_kelurahan, jenis_intervensi
    order by upload_id desc
) = 1;
