-- One row per intervention delivered, per upload; key id_kegiatan.
-- intervensi_terkini: for each id_kegiatan, the row of the latest active upload.
create table if not exists intervensi (
    id_kegiatan varchar not null,
    tanggal date not null,
    jenis_intervensi varchar not null,
    kode_lembaga varchar not null,
    kode_kelurahan varchar not null,
    rw integer,
    id_rumah_tangga varchar,
    jumlah double not null,
    satuan varchar not null,
    jumlah_peserta integer,
    catatan varchar,
    upload_id integer not null,
    baris integer,
);

create or replace view intervensi_terkini as
select intervensi.* exclude (upload_id, baris)
from intervensi
semi join uploads_active using (upload_id)
qualify row_number() over (partition by id_kegiatan order by upload_id desc) = 1;
